"""The landlord's own view: dossiers the board shares with the landlord's accounts, which
read the advice and enter the reply per point themselves. Never members' personal data:
only the dossier, the advice, and the aggregated evidence it cites."""

from flask import abort
from sqlalchemy import select

from consult.dossiers.models import Dossier
from consult.dossiers.services import record_event
from consult.extensions import db
from consult.organisations.access import scoped_or_404


def set_shared(dossier: Dossier, shared: bool, actor=None) -> None:
    """Share the dossier with the landlord's accounts, or stop sharing it."""
    if dossier.shared_with_landlord != shared:
        dossier.shared_with_landlord = shared
        record_event(dossier, "landlord_shared" if shared else "landlord_unshared", actor)


def shared_dossiers(organisation) -> list[Dossier]:
    """The organisation's dossiers shared with the landlord, newest code first."""
    return db.session.scalars(
        select(Dossier)
        .where(Dossier.organisation_id == organisation.id, Dossier.shared_with_landlord)
        .order_by(Dossier.code.desc())
    ).all()


def shared_or_404(dossier_id: int) -> Dossier:
    """A dossier of ``g.organisation`` that is shared with the landlord; else 404."""
    dossier = scoped_or_404(Dossier, dossier_id)
    if not dossier.shared_with_landlord:
        abort(404)
    return dossier
