"""A koepel's member organisations and the koepel's central meetings: the coming ones they are
invited to, and the agenda items their boards propose there themselves."""

from datetime import datetime, time

from sqlalchemy import and_, select

from consult.core.clock import today
from consult.extensions import db
from consult.koepel.models import KoepelMember
from consult.meetings import services
from consult.meetings.models.agenda import AgendaItem
from consult.meetings.models.meetings import Meeting, MeetingKind, MeetingState, Participant


def coming_central_meetings(member) -> list[Meeting]:
    """The central meetings from today on, not held or cancelled, of the koepels ``member``
    belongs to (accepted) and is invited to, soonest first."""
    return db.session.scalars(
        select(Meeting)
        .join(
            Participant,
            and_(
                Participant.meeting_id == Meeting.id,
                Participant.member_organisation_id == member.id,
            ),
        )
        .join(
            KoepelMember,
            and_(
                KoepelMember.koepel_id == Meeting.organisation_id,
                KoepelMember.member_id == member.id,
                KoepelMember.accepted_at.is_not(None),
            ),
        )
        .where(
            Meeting.kind == str(MeetingKind.CENTRAL),
            Meeting.state.in_([str(MeetingState.PLANNED), str(MeetingState.FIXED)]),
            Meeting.starts_at >= datetime.combine(today(), time()),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()


def coming_central_meeting(member, meeting_id: int) -> Meeting | None:
    """One of ``coming_central_meetings``; None for any other meeting (another koepel's, one
    the member is not invited to, a past one)."""
    return next((m for m in coming_central_meetings(member) if m.id == meeting_id), None)


def propose(meeting: Meeting, member, details: services.ItemDetails, actor) -> AgendaItem:
    """The member organisation's board proposes an item (without links: those are the
    koepel's); the koepel's board sees the organisation and the person who proposed it.

    :raises DomainError: as ``services.add_item`` does.
    """
    item = services.add_item(meeting, details, member, actor)
    item.proposed_by = f"{member.name} ({actor.email})"[:254]
    return item
