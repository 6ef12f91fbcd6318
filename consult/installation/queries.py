"""The installation's organisations with their size and last activity, counted by the database
in one statement."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from consult.audit.models import AuditEntry
from consult.dossiers.models import DossierEvent
from consult.extensions import db
from consult.organisations.models import Membership, Organisation
from consult.panel.models import MemberStatus, PanelMember
from consult.surveys.models.consultations import Consultation


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    team: int  #: accounts with a role
    members: int  #: active panel members
    consultations: int
    #: The latest thing the board did: an audit log entry, a consultation or a dossier event.
    last_activity: datetime | None


def _count(column, *where):
    return select(func.count(column)).where(*where).scalar_subquery()


def _latest(column, owner):
    """The latest ``column`` of the organisation's rows; its own creation when it has none
    (SQLite's max(a, b) would be NULL for one NULL)."""
    latest = select(func.max(column)).where(owner == Organisation.id).scalar_subquery()
    return func.coalesce(latest, Organisation.created_at)


def organisations_overview() -> list[OrganisationRow]:
    """Every organisation of the installation, by name, with its counts and last activity."""
    latest = [
        _latest(AuditEntry.created_at, AuditEntry.organisation_id),
        _latest(Consultation.created_at, Consultation.organisation_id),
        _latest(DossierEvent.at, DossierEvent.organisation_id),
    ]
    # max() over the row's values: greatest() is not in SQLite, whose max(a, b) is it.
    greatest = func.max if db.engine.dialect.name == "sqlite" else func.greatest
    statement = select(
        Organisation,
        _count(Membership.id, Membership.organisation_id == Organisation.id),
        _count(
            PanelMember.id,
            PanelMember.organisation_id == Organisation.id,
            PanelMember.status == MemberStatus.ACTIVE,
        ),
        _count(Consultation.id, Consultation.organisation_id == Organisation.id),
        greatest(*latest),
    ).order_by(func.lower(Organisation.name), Organisation.id)
    return [OrganisationRow(*row) for row in db.session.execute(statement)]
