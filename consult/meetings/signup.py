"""Panel members and a members' meeting: each reachable member gets a mail with a personal
link, on which they say whether they come. Opening the link changes nothing; only the answer
does. The token is derived from a stored salt; only its hash is looked up."""

from functools import partial

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token
from consult.extensions import db
from consult.meetings.models.meetings import Meeting, MeetingKind, Registration
from consult.meetings.queries import answer_counts
from consult.panel.inviting import invite_members

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
    count = invite_members(
        meeting.organisation,
        PURPOSE,
        asked,
        partial(Registration, organisation_id=meeting.organisation_id, meeting=meeting),
        "meeting_signup",
        "registration_id",
    )
    current_app.logger.info("%d panel members asked to %s by %s", count, meeting, actor)
    return count


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
