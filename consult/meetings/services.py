"""Meeting rules: agenda terms, planning and moving a meeting, its participants, agenda items,
the states, fixing the final agenda (mailed to the participants that same day), attendance.
The queries for the pages are in ``queries``."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.accounts.models import User
from consult.core.clock import today, utcnow
from consult.core.errors import DomainError
from consult.core.policy import EDITORS
from consult.extensions import db
from consult.mail import outbox
from consult.meetings import queries
from consult.meetings.models.agenda import AgendaItem
from consult.meetings.models.meetings import (
    DEFAULT_CONCEPT_WEEKS,
    DEFAULT_FINAL_WEEKS,
    AgendaTerm,
    Meeting,
    MeetingKind,
    MeetingState,
    Participant,
)
from consult.organisations.models import Membership, Organisation


@dataclass
class MeetingDetails:
    """What the board enters about a meeting."""

    kind: MeetingKind
    title: str
    #: Wall-clock time in the Netherlands.
    starts_at: datetime
    place: str = ""
    video_link: str = ""
    #: Accounts of the organisation (board members, the landlord's accounts).
    users: list = field(default_factory=list)
    #: A koepel's member organisations.
    member_organisations: list = field(default_factory=list)


@dataclass
class ItemDetails:
    """An agenda item as proposed, optionally linked to what it is about."""

    title: str
    description: str = ""
    dossier: object | None = None
    consultation: object | None = None
    plan_item: object | None = None
    working_group: object | None = None


def terms_for(organisation, kind: MeetingKind) -> tuple[int, int]:
    """The weeks before a meeting of this kind that the concept and the final agenda are due."""
    term = db.session.scalar(
        select(AgendaTerm).where(
            AgendaTerm.organisation_id == organisation.id, AgendaTerm.kind == str(kind)
        )
    )
    if term is None:
        return DEFAULT_CONCEPT_WEEKS, DEFAULT_FINAL_WEEKS
    return term.concept_weeks, term.final_weeks


def set_terms(organisation, kind: MeetingKind, concept_weeks: int, final_weeks: int, actor=None):
    """Set the agreed terms for a kind of meeting; meetings planned later take them.

    :raises DomainError: for a term out of 0-52 weeks, or a final agenda due before the concept.
    """
    if not 0 <= final_weeks <= concept_weeks <= 52:
        raise DomainError(
            _(
                "The final agenda comes after the concept agenda: give at most 52 weeks, and for"
                " the final agenda no more weeks than for the concept."
            )
        )
    term = db.session.scalar(
        select(AgendaTerm).where(
            AgendaTerm.organisation_id == organisation.id, AgendaTerm.kind == str(kind)
        )
    ) or AgendaTerm(organisation_id=organisation.id, kind=kind)
    term.concept_weeks, term.final_weeks = concept_weeks, final_weeks
    db.session.add(term)
    current_app.logger.info("Agenda terms of %s for %s set by %s", organisation, kind, actor)
    return term


def takes_part(user, meeting: Meeting) -> bool:
    return any(p.user_id == user.id for p in meeting.participants)


def _check_details(organisation, details: MeetingDetails) -> None:
    """:raises DomainError: for an empty title, a video link that is no web address, an
    account without a role in the organisation, or an organisation that is not its member."""
    if not details.title.strip():
        raise DomainError(_("Give the meeting a title."))
    if details.video_link and not details.video_link.startswith(("https://", "http://")):
        raise DomainError(_("A video link starts with https://."))
    members = set(
        db.session.scalars(
            select(Membership.user_id).where(Membership.organisation_id == organisation.id)
        )
    )
    if any(user.id not in members for user in details.users):
        raise DomainError(_("Invite only accounts of your own organisation."))
    if details.member_organisations:
        allowed = {member.id for member in queries.member_organisations_of(organisation)}
        if any(other.id not in allowed for other in details.member_organisations):
            raise DomainError(_("Invite only member organisations of your koepel."))


def _apply(meeting: Meeting, organisation, details: MeetingDetails) -> bool:
    """Copy the details onto the meeting; whether its date moved (and so its terms)."""
    _check_details(organisation, details)
    moved = meeting.starts_at is None or meeting.starts_at.date() != details.starts_at.date()
    meeting.kind, meeting.title = details.kind, details.title.strip()
    meeting.starts_at = details.starts_at
    meeting.place, meeting.video_link = details.place.strip(), details.video_link.strip()
    if moved:
        concept, final = terms_for(organisation, details.kind)
        day = details.starts_at.date()
        meeting.concept_due_on = day - timedelta(weeks=concept)
        meeting.final_due_on = day - timedelta(weeks=final)
    _set_participants(meeting, details)
    return moved


def _set_participants(meeting: Meeting, details: MeetingDetails) -> None:
    wanted = {("u", u.id) for u in details.users} | {
        ("o", o.id) for o in details.member_organisations
    }
    kept = [p for p in meeting.participants if _key(p) in wanted]
    have = {_key(p) for p in kept}
    new = [
        Participant(organisation_id=meeting.organisation_id, user_id=u.id)
        for u in details.users
        if ("u", u.id) not in have
    ] + [
        Participant(organisation_id=meeting.organisation_id, member_organisation_id=o.id)
        for o in details.member_organisations
        if ("o", o.id) not in have
    ]
    meeting.participants = kept + new


def _key(participant: Participant) -> tuple[str, int]:
    if participant.user_id is not None:
        return "u", participant.user_id
    return "o", participant.member_organisation_id


def plan_meeting(organisation, details: MeetingDetails, actor=None) -> Meeting:
    """A new meeting, its agenda terms counted back from its date.

    :raises DomainError: see ``_check_details``.
    """
    meeting = Meeting(organisation_id=organisation.id, state=MeetingState.PLANNED)
    _apply(meeting, organisation, details)
    db.session.add(meeting)
    db.session.flush()
    current_app.logger.info("%s added by %s", meeting, actor)
    return meeting


def update_meeting(meeting: Meeting, details: MeetingDetails, actor=None) -> bool:
    """Change a meeting whose agenda is still open; a new date moves its terms with it.

    :returns: whether the meeting moved to another day.
    :raises DomainError: once the meeting was held or cancelled, or see ``_check_details``.
    """
    if not meeting.agenda_open:
        raise DomainError(_("A meeting that was held or cancelled cannot be changed."))
    moved = _apply(meeting, meeting.organisation, details)
    current_app.logger.info("%s changed by %s", meeting, actor)
    return moved


def _check_links(organisation, details: ItemDetails) -> None:
    links = (details.dossier, details.consultation, details.plan_item, details.working_group)
    for linked in links:
        if linked is not None and linked.organisation_id != organisation.id:
            raise DomainError(_("Link only to what belongs to your own organisation."))


def add_item(meeting: Meeting, details: ItemDetails, proposed_by, actor=None) -> AgendaItem:
    """Put an item on the agenda, at the end.

    :param proposed_by: the account, or the koepel's member organisation, that proposes it.
    :raises DomainError: once the agenda is fixed, for an empty title, or a link to another
        organisation's dossier, consultation or plan item.
    """
    if meeting.state != MeetingState.PLANNED:
        raise DomainError(_("The agenda is fixed: reopen it to add an item."))
    if not details.title.strip():
        raise DomainError(_("Give the agenda item a title."))
    _check_links(meeting.organisation, details)
    last = db.session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id)
    )
    is_organisation = isinstance(proposed_by, Organisation)
    item = AgendaItem(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        position=(last or 0) + 1,
        title=details.title.strip(),
        description=details.description.strip(),
        proposed_by=proposed_by.name if is_organisation else proposed_by.email,
        proposing_organisation_id=proposed_by.id if is_organisation else None,
        dossier=details.dossier,
        consultation=details.consultation,
        plan_item=details.plan_item,
        working_group=details.working_group,
    )
    db.session.add(item)
    db.session.flush()
    current_app.logger.info("%s added by %s", item, actor or proposed_by)
    return item


def remove_item(item: AgendaItem, actor=None) -> None:
    """:raises DomainError: once the agenda is fixed."""
    if item.meeting.state != MeetingState.PLANNED:
        raise DomainError(_("The agenda is fixed: reopen it to remove an item."))
    db.session.delete(item)
    current_app.logger.info("%s removed by %s", item, actor)


def move(meeting: Meeting, state: MeetingState, actor=None) -> None:
    """Change the meeting's state; fixing the agenda mails it to the participants.

    :raises DomainError: for a step the state machine does not have, or fixing an empty agenda.
    """
    if state == MeetingState.FIXED and not meeting.items:
        raise DomainError(_("Put at least one item on the agenda before fixing it."))
    if state == MeetingState.APPROVED:
        raise DomainError(_("Minutes are approved at a later meeting."))
    meeting.move_to(state)
    if state == MeetingState.FIXED:
        meeting.fixed_on = today()
        mail_agenda(meeting)
    current_app.logger.info("%s moved to %s by %s", meeting, state, actor)


def recipients(meeting: Meeting) -> list:
    """The accounts the agenda goes to: invited accounts, and the board and admins of each
    invited member organisation."""
    users = {p.user.id: p.user for p in meeting.participants if p.user is not None}
    organisation_ids = [p.member_organisation_id for p in meeting.participants if p.user is None]
    if organisation_ids:
        for user in db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.organisation_id.in_(organisation_ids),
                Membership.role.in_([str(role) for role in EDITORS]),
            )
        ):
            users[user.id] = user
    return sorted(users.values(), key=lambda user: user.email)


def mail_agenda(meeting: Meeting) -> int:
    """Queue the final agenda, with links to its papers, to every recipient; the number queued.
    Each fixing is its own cause, so an agenda reopened and fixed again is sent again."""
    moment = utcnow().isoformat()
    people = recipients(meeting)
    for user in people:
        outbox.queue(
            "meeting_agenda",
            user.email,
            f"meeting-agenda:{meeting.id}:{moment}:{user.id}",
            organisation=meeting.organisation,
            locale=user.locale,
            meeting_id=meeting.id,
            user_id=user.id,
        )
    return len(people)


def all_terms(organisation) -> list[tuple[MeetingKind, int, int]]:
    """Every kind of meeting with its terms in weeks (the defaults where none are set)."""
    return [(kind, *terms_for(organisation, kind)) for kind in MeetingKind]


def answer_attendance(meeting: Meeting, user, attending: bool) -> None:
    """Record whether an invited account comes.

    :raises DomainError: for an account that is not invited, or a meeting held or cancelled.
    """
    participant = next((p for p in meeting.participants if p.user_id == user.id), None)
    if participant is None:
        raise DomainError(_("You are not invited to this meeting."))
    if not meeting.agenda_open:
        raise DomainError(_("This meeting was held or cancelled."))
    participant.attending = attending
    current_app.logger.info("%s answered %s for %s", user, attending, meeting)
