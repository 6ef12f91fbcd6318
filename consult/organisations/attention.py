"""What needs the board's attention today, for the top of the overview: deadlines of the
coming week, consultations closing, response against the organisation's target, refused
addresses, and advice waiting for the landlord's reply. Each is found and counted by the
database; only the legal terms' exact dates (weekends and holidays move them, see
``consult.dossiers.deadlines``) are worked out here, for the few dossiers the database picks.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from consult.dossiers.deadlines.services import REASONS_TERM, Deadline, open_deadlines
from consult.dossiers.models import FINISHED_PHASES, Dossier, Phase
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.panel.models import MemberStatus, PanelMember
from consult.surveys.models.consultations import Consultation, ConsultationStatus

#: "This week": today and the six days after it.
WEEK = timedelta(days=6)


@dataclass(frozen=True)
class Response:
    """An open consultation's response so far, against the organisation's target."""

    consultation: Consultation
    invited: int
    submitted: int
    #: Percent of those invited.
    rate: float
    below_target: bool


@dataclass(frozen=True)
class Attention:
    #: (dossier, deadline) due by the end of the week or overdue, nearest first.
    deadlines: list[tuple[Dossier, Deadline]]
    #: Open consultations that close this week, the soonest first.
    closing: list[Consultation]
    #: Open consultations with invitations, the lowest response first.
    responses: list[Response]
    #: Active panel members whose address the mail server refused.
    refused_addresses: int
    #: Dossiers whose advice was given and whose reply has not come in, the oldest first.
    waiting_for_landlord: list[Dossier]

    def __bool__(self) -> bool:
        return bool(
            self.deadlines
            or self.closing
            or self.responses
            or self.refused_addresses
            or self.waiting_for_landlord
        )


def attention_today(organisation, today: date) -> Attention:
    """Everything of the organisation that needs attention on ``today``."""
    return Attention(
        deadlines=deadlines_this_week(organisation, today),
        closing=closing_this_week(organisation, today),
        responses=responses_against_target(organisation, today),
        refused_addresses=refused_addresses(organisation),
        waiting_for_landlord=waiting_for_landlord(organisation),
    )


def deadlines_this_week(organisation, today: date) -> list[tuple[Dossier, Deadline]]:
    """Open deadlines due by the end of the week, overdue ones included. A legal term only
    ever moves later, so the database picks the dossiers whose plain dates fall in reach."""
    last_day = today + WEEK
    candidates = db.session.scalars(
        select(Dossier).where(
            Dossier.organisation_id == organisation.id,
            Dossier.phase.not_in([str(phase) for phase in FINISHED_PHASES]),
            or_(
                and_(Dossier.advice_given_on.is_(None), Dossier.advice_due_on <= last_day),
                and_(
                    Dossier.reply_received_on.is_(None),
                    Dossier.advice_given_on <= last_day - REASONS_TERM,
                ),
            ),
        )
    ).all()
    found = [
        (dossier, deadline)
        for dossier in candidates
        for deadline in open_deadlines(dossier)
        if deadline.due_on <= last_day
    ]
    return sorted(found, key=lambda pair: pair[1].due_on)


def _open_on(today: date):
    return and_(
        Consultation.status == ConsultationStatus.PUBLISHED,
        Consultation.opens_on <= today,
        Consultation.closes_on >= today,
    )


def closing_this_week(organisation, today: date) -> list[Consultation]:
    """The open consultations whose last day is this week."""
    return db.session.scalars(
        select(Consultation)
        .where(
            Consultation.organisation_id == organisation.id,
            _open_on(today),
            Consultation.closes_on <= today + WEEK,
        )
        .order_by(Consultation.closes_on, Consultation.id)
    ).all()


def responses_against_target(organisation, today: date) -> list[Response]:
    """Each open consultation that invited members: how many answered, against the target."""
    invited = func.count(Invitation.id)
    submitted = func.count(Invitation.used_on) + participation.count_of(Consultation.id)
    rows = db.session.execute(
        select(Consultation, invited, submitted)
        .join(Invitation, Invitation.consultation_id == Consultation.id)
        .where(Consultation.organisation_id == organisation.id, _open_on(today))
        .group_by(Consultation.id)
        .order_by((submitted * 1.0 / invited), Consultation.id)
    ).all()
    target = organisation.response_target
    return [
        Response(
            consultation, n, answered, round(100 * answered / n, 1), 100 * answered < target * n
        )
        for consultation, n, answered in rows
    ]


def refused_addresses(organisation) -> int:
    """How many active panel members have an address the mail server refused."""
    return db.session.scalar(
        select(func.count(PanelMember.id)).where(
            PanelMember.organisation_id == organisation.id,
            PanelMember.status == MemberStatus.ACTIVE,
            PanelMember.bounced_at.is_not(None),
        )
    )


def waiting_for_landlord(organisation) -> list[Dossier]:
    """The dossiers whose advice is given and whose reply has not come in."""
    return db.session.scalars(
        select(Dossier)
        .where(
            Dossier.organisation_id == organisation.id,
            Dossier.phase == Phase.ADVISED,
            Dossier.reply_received_on.is_(None),
        )
        .order_by(Dossier.advice_given_on, Dossier.id)
    ).all()
