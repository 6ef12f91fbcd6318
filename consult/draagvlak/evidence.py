"""Freezing the result of a draagvlakmeting as evidence for a dossier, with its fingerprint."""

from flask import current_app
from flask_babel import gettext as _

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.dossiers.models import Dossier
from consult.dossiers.services import content_hash, record_event
from consult.draagvlak import queries
from consult.draagvlak.models import Meting, MetingSnapshot
from consult.extensions import db


def result_figures(meting: Meting) -> dict:
    """The result as it is now: the count, the rule, the period and the addresses that voted
    (with how, unless the meting is secret)."""
    return {
        "title": meting.title,
        "question": meting.question,
        "opens_on": meting.opens_on.isoformat(),
        "closes_on": meting.closes_on.isoformat(),
        "secret": meting.secret,
        **queries.count(meting).as_dict(),
        "voted_addresses": [
            {"address": address.address, "voted_on": address.voted_on.isoformat(), "agrees": agrees}
            for address, agrees in queries.voted_addresses(meting)
        ],
    }


def freeze(meting: Meting, dossier: Dossier, actor=None) -> MetingSnapshot:
    """Freeze the result as it is now and attach it to the dossier.

    :raises DomainError: when the dossier is of another organisation.
    """
    if dossier.organisation_id != meting.organisation_id:
        raise DomainError(_("This dossier belongs to another organisation."))
    figures = result_figures(meting)
    snapshot = MetingSnapshot(
        organisation_id=meting.organisation_id,
        meting_id=meting.id,
        dossier=dossier,
        taken_at=utcnow(),
        figures=figures,
        content_hash=content_hash(figures),
    )
    db.session.add(snapshot)
    record_event(dossier, "evidence", actor, title=meting.title)
    db.session.flush()
    current_app.logger.info("%s added by %s", snapshot, actor)
    return snapshot


def snapshots_of(meting: Meting) -> list[MetingSnapshot]:
    return list(
        db.session.scalars(
            db.select(MetingSnapshot)
            .where(MetingSnapshot.meting_id == meting.id)
            .order_by(MetingSnapshot.taken_at.desc())
        )
    )
