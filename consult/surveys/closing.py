"""Closing a consultation before its closing date: the board ends the inspraakmoment.

From that day on invitation links and the open link answer as closed, as after the closing
date; paper forms that came in can still be entered. The reason goes into the audit log.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.audit import services as audit
from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.surveys import holding
from consult.surveys.models.consultations import Consultation, ConsultationState

#: The states from which a consultation can be closed early.
CLOSABLE = frozenset({ConsultationState.SCHEDULED, ConsultationState.OPEN})


def unused_invitations(consultation: Consultation) -> int:
    """How many invitation links were not used yet: they will answer as closed."""
    invited = db.session.scalar(
        select(func.count(Invitation.id)).where(Invitation.consultation_id == consultation.id)
    )
    used = db.session.scalar(
        select(func.count(Invitation.id)).where(
            Invitation.consultation_id == consultation.id, Invitation.used_on.is_not(None)
        )
    )
    return invited - used - participation.count(consultation.id)


def closable(consultation: Consultation) -> bool:
    """Whether the consultation can still be closed early (scheduled or open today)."""
    return consultation.state_on(clock.today()) in CLOSABLE


def close_early(consultation: Consultation, reason: str, actor=None) -> None:
    """Close the consultation today, before its closing date, and log why.

    :raises DomainError: when it is a draft, already closed or archived, or no reason is given.
    """
    if not closable(consultation):
        raise DomainError(_("Only a scheduled or open consultation can be closed early."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the consultation closes early."))
    consultation.closed_on = clock.today()
    holding.settle(consultation)  # responses held back are written now that it has closed
    audit.record(
        consultation.organisation,
        "consultation.closed_early",
        subject=consultation.title,
        actor=actor,
        reason=reason,
        planned_until=consultation.closes_on.isoformat(),
    )
    current_app.logger.info("%s closed early by %s", consultation, actor)
