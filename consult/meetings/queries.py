"""Meeting queries: lists for the pages, coming agenda terms, who may be invited, and the
answers counted."""

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from consult.accounts.models import User
from consult.core.clock import today
from consult.extensions import db
from consult.koepel import services as koepel
from consult.meetings.models.meetings import Meeting, MeetingState, Participant
from consult.organisations.models import Membership, Organisation


def meetings_of(organisation) -> list[Meeting]:
    """The organisation's meetings, the next one first, then the ones held, newest first."""
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.organisation_id == organisation.id)
        .order_by(Meeting.starts_at.desc())
        .options(selectinload(Meeting.items))
    ).all()


def meetings_with(user, organisation) -> list[Meeting]:
    """The meetings the user is invited to (what a landlord account sees)."""
    return db.session.scalars(
        select(Meeting)
        .join(Participant)
        .where(Meeting.organisation_id == organisation.id, Participant.user_id == user.id)
        .order_by(Meeting.starts_at.desc())
    ).all()


def upcoming_terms(organisation, on: date | None = None) -> list[tuple[Meeting, str, date]]:
    """The agenda terms still ahead of meetings not yet held: (meeting, "concept" or "final",
    day), nearest first."""
    on = on or today()
    meetings = db.session.scalars(
        select(Meeting).where(
            Meeting.organisation_id == organisation.id,
            Meeting.state.in_([str(s) for s in (MeetingState.PLANNED, MeetingState.FIXED)]),
            or_(Meeting.concept_due_on >= on, Meeting.final_due_on >= on),
        )
    ).all()
    found = [
        (meeting, kind, day)
        for meeting in meetings
        for kind, day in (("concept", meeting.concept_due_on), ("final", meeting.final_due_on))
        if day >= on and not (kind == "final" and meeting.state == MeetingState.FIXED)
    ]
    return sorted(found, key=lambda row: (row[2], row[0].id))


def accounts_of(organisation) -> list[User]:
    """Everyone with a role in the organisation, who may be invited."""
    return db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id)
        .order_by(User.email)
    ).all()


def member_organisations_of(organisation) -> list[Organisation]:
    """A koepel's accepted member organisations (none for an organisation that is no koepel)."""
    return [m.member for m in koepel.members_of(organisation) if m.accepted_at]


def meetings_by_month(organisation, year: int) -> dict[int, list[Meeting]]:
    """The year's meetings that are not cancelled, per month (for the participatiekalender)."""
    found: dict[int, list[Meeting]] = {}
    for meeting in db.session.scalars(
        select(Meeting)
        .where(
            Meeting.organisation_id == organisation.id,
            Meeting.state != MeetingState.CANCELLED,
            Meeting.starts_at >= datetime(year, 1, 1),
            Meeting.starts_at < datetime(year + 1, 1, 1),
        )
        .order_by(Meeting.starts_at)
    ):
        found.setdefault(meeting.starts_at.month, []).append(meeting)
    return found


def attendance_counts(meeting: Meeting) -> dict[bool | None, int]:
    """How many invitees come (True), do not (False) and have not answered (None)."""
    return answer_counts(Participant.attending, Participant.meeting_id == meeting.id)


def answer_counts(column, condition) -> dict[bool | None, int]:
    """How many rows meeting ``condition`` have True, False and None in ``column``."""
    found = dict(
        db.session.execute(select(column, func.count()).where(condition).group_by(column)).all()
    )
    return {answer: found.get(answer, 0) for answer in (True, False, None)}
