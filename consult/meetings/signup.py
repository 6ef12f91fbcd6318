"""Panel members and a members' meeting: each reachable member gets a mail with a personal
link, on which they say whether they come. Opening the link changes nothing; only the answer
does. The token is derived from a stored salt; only its hash is looked up."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core.clock import today, utcnow
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.mail import outbox
from consult.meetings.models.meetings import Meeting, MeetingKind, Registration
from consult.meetings.queries import answer_counts
from consult.panel.models import PanelMember

PURPOSE = "meeting-signup"


def link_token(registration: Registration) -> str:
    return derive_token(PURPOSE, registration.token_salt)


def invite_panel(meeting: Meeting, actor=None) -> int:
    """Ask every reachable panel member not asked before to the members' meeting; the number
    of mails queued.

    :raises DomainError: for a meeting of another kind, or one held or cancelled.
    """
    if meeting.kind != MeetingKind.MEMBERS:
        raise DomainError(_("Only a members' meeting is open to the panel."))
    if not meeting.agenda_open:
        raise DomainError(_("This meeting was held or cancelled."))
    asked = select(Registration.member_id).where(Registration.meeting_id == meeting.id)
    members = db.session.scalars(
        select(PanelMember)
        .where(
            PanelMember.organisation_id == meeting.organisation_id,
            PanelMember.mailable_on(today()),
            PanelMember.id.not_in(asked),
        )
        .order_by(PanelMember.id)
    ).all()
    for member in members:
        salt = new_salt()
        registration = Registration(
            organisation_id=meeting.organisation_id,
            meeting=meeting,
            member_id=member.id,
            token_salt=salt,
            token_hash=hash_token(derive_token(PURPOSE, salt)),
        )
        db.session.add(registration)
        db.session.flush()
        outbox.queue(
            "meeting_signup",
            member.email,
            f"meeting-signup:{registration.id}",
            organisation=meeting.organisation,
            locale=member.locale,
            registration_id=registration.id,
        )
    current_app.logger.info("%d panel members asked to %s by %s", len(members), meeting, actor)
    return len(members)


def find(token: str) -> Registration | None:
    """The registration of a link, or None for an unknown one."""
    return db.session.scalar(
        select(Registration).where(Registration.token_hash == hash_token(token))
    )


def answer(registration: Registration, attending: bool) -> None:
    """Record the member's answer; they may change it until the meeting.

    :raises DomainError: once the meeting was held or cancelled.
    """
    if not registration.meeting.agenda_open:
        raise DomainError(_("This meeting was held or cancelled."))
    registration.attending, registration.answered_at = attending, utcnow()


def registrations_of(meeting: Meeting) -> list[Registration]:
    return db.session.scalars(
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.attending.is_not(None))
        .order_by(Registration.answered_at)
    ).all()


def signup_counts(meeting: Meeting) -> dict[bool | None, int]:
    """How many asked members come, do not, and have not answered."""
    return answer_counts(Registration.attending, Registration.meeting_id == meeting.id)
