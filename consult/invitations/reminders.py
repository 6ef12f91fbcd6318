"""Reminders to members who were invited but have not answered yet.

The board schedules reminders per consultation (for instance a week after the invitation and
two days before closing). A reminder is taken by exactly one worker through an atomic update
of ``sent_at``; its mails are queued in that same transaction, one per invitation that is
unused, to a member who is still active and reachable.
"""

from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from consult.core import clock
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation, Reminder
from consult.mail import outbox
from consult.panel.models import Channel, PanelMember
from consult.surveys.models.consultations import Consultation, ConsultationState

#: Days after the first invitation, and before closing, that the board is offered.
AFTER_INVITATION = timedelta(days=7)
BEFORE_CLOSING = timedelta(days=2)


def reminders_of(consultation) -> list[Reminder]:
    return db.session.scalars(
        select(Reminder)
        .where(Reminder.consultation_id == consultation.id)
        .order_by(Reminder.send_on)
    ).all()


def suggested_dates(consultation) -> list[date]:
    """A week after the first invitation and two days before closing, when still ahead."""
    first_invited = db.session.scalar(
        select(func.min(Invitation.created_at)).where(Invitation.consultation_id == consultation.id)
    )
    candidates = [consultation.closes_on - BEFORE_CLOSING]
    if first_invited:
        candidates.insert(0, clock.day_of(first_invited) + AFTER_INVITATION)
    taken = {r.send_on for r in reminders_of(consultation)}
    first_day = max(clock.today(), consultation.opens_on)
    return sorted(
        {d for d in candidates if first_day <= d <= consultation.closes_on and d not in taken}
    )


def schedule_reminder(consultation, send_on: date, actor=None) -> Reminder:
    """Plan a reminder for ``send_on``.

    :raises DomainError: for a date in the past, after closing, already planned, or a
        consultation that is not published or has closed.
    """
    today = clock.today()
    if not consultation.accepts_invitations(today):
        raise DomainError(_("Reminders can only be planned for a published, open consultation."))
    if not max(today, consultation.opens_on) <= send_on <= consultation.closes_on:
        raise DomainError(_("Choose a day from today up to the closing day."))
    if send_on in {r.send_on for r in reminders_of(consultation)}:
        raise DomainError(_("A reminder is already planned on that day."))
    reminder = Reminder(
        organisation_id=consultation.organisation_id,
        consultation_id=consultation.id,
        send_on=send_on,
    )
    db.session.add(reminder)
    db.session.flush()
    current_app.logger.info("%s added by %s", reminder, actor)
    return reminder


def send_due_reminders(today: date | None = None) -> int:
    """Queue the mails of every reminder that is due; each reminder exactly once.

    :returns: the number of reminder mails queued.
    """
    today = today or clock.today()
    due = db.session.scalars(
        select(Reminder.id).where(Reminder.send_on <= today, Reminder.sent_at.is_(None))
    ).all()
    queued = 0
    for reminder_id in due:
        taken = db.session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.sent_at.is_(None))
            .values(sent_at=utcnow())
        ).rowcount
        if taken == 1:
            queued += _queue_reminder(db.session.get(Reminder, reminder_id), today)
        db.session.commit()
    return queued


def _queue_reminder(reminder: Reminder, today: date) -> int:
    consultation = db.session.get(Consultation, reminder.consultation_id)
    invitations = []
    if consultation.state_on(today) == ConsultationState.OPEN:
        invitations = db.session.scalars(
            select(Invitation)
            .join(PanelMember, PanelMember.id == Invitation.member_id)
            .where(
                Invitation.consultation_id == consultation.id,
                ~participation.answered(Invitation.consultation_id == consultation.id),
                Invitation.bounced_at.is_(None),
                Invitation.channel == Channel.MAIL,  # letters: a reminder letter is printed
                PanelMember.reachable_on(today),
            )
        ).all()
    for invitation in invitations:
        outbox.queue(
            "reminder",
            invitation.member.email,
            f"reminder:{reminder.id}:{invitation.id}",
            organisation=consultation.organisation,
            locale=invitation.member.locale,
            invitation_id=invitation.id,
        )
    reminder.recipients = len(invitations)
    return len(invitations)
