"""Minutes of a meeting held: the secretary's text per item, the decisions (besluitenlijst) and
the action points (who, what, by when), approved at a later meeting. A decision on an item
linked to a dossier shows on that dossier's timeline."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers.services import EVENT_LABELS, record_event
from consult.extensions import db
from consult.meetings.models.agenda import ActionPoint, AgendaItem, Decision
from consult.meetings.models.meetings import Meeting, MeetingState
from consult.organisations.models import Membership

EVENT_LABELS.update({"meeting_decision": _l("recorded a decision of a meeting")})


def _held(item: AgendaItem) -> None:
    """:raises DomainError: unless the meeting was held and its minutes not yet approved."""
    if item.meeting.state != MeetingState.HELD:
        raise DomainError(
            _("Minutes are written once the meeting is held, and no longer once approved.")
        )


def write_minutes(item: AgendaItem, text: str, actor=None) -> None:
    """Keep the minutes of an item.

    :raises DomainError: see ``_held``.
    """
    _held(item)
    item.minutes = text.strip()
    current_app.logger.info("Minutes of %s written by %s", item, actor)


def add_decision(item: AgendaItem, text: str, actor=None) -> Decision:
    """Add a decision to the besluitenlijst, and to the linked dossier's timeline.

    :raises DomainError: see ``_held``; also for an empty decision.
    """
    _held(item)
    if not text.strip():
        raise DomainError(_("Write down the decision."))
    decision = Decision(organisation_id=item.organisation_id, item=item, text=text.strip())
    db.session.add(decision)
    if item.dossier is not None:
        title = f"{item.meeting.title}: {decision.text}"
        record_event(item.dossier, "meeting_decision", actor, title=title[:300])
    db.session.flush()
    current_app.logger.info("%s added by %s", decision, actor)
    return decision


def add_action(
    item: AgendaItem, what: str, owner=None, who: str = "", due_on: date | None = None, actor=None
) -> ActionPoint:
    """Add an action point: done by an account of the organisation, or by a named person.

    :raises DomainError: see ``_held``; also without a task, without anyone to do it, or for
        an account of another organisation.
    """
    _held(item)
    if not what.strip():
        raise DomainError(_("Write down what is to be done."))
    if owner is None and not who.strip():
        raise DomainError(_("Choose who does it, or type their name."))
    if owner is not None and not _has_role(owner, item.organisation_id):
        raise DomainError(_("Choose someone of your own organisation."))
    action = ActionPoint(
        organisation_id=item.organisation_id,
        item=item,
        owner=owner,
        who=who.strip() or owner.name or owner.email,
        what=what.strip(),
        due_on=due_on,
    )
    db.session.add(action)
    db.session.flush()
    current_app.logger.info("%s added by %s", action, actor)
    return action


def _has_role(user, organisation_id: int) -> bool:
    return (
        db.session.scalar(
            select(Membership.id).where(
                Membership.user_id == user.id, Membership.organisation_id == organisation_id
            )
        )
        is not None
    )


def complete_action(action: ActionPoint, actor=None) -> None:
    """Mark an action point done today; it leaves its owner's overview."""
    if action.done_on is None:
        action.done_on = today()
        current_app.logger.info("%s done, says %s", action, actor)


def later_meetings(meeting: Meeting) -> list[Meeting]:
    """The meetings at which these minutes can be approved: later ones, fixed or held."""
    return db.session.scalars(
        select(Meeting)
        .where(
            Meeting.organisation_id == meeting.organisation_id,
            Meeting.starts_at > meeting.starts_at,
            Meeting.state.in_([str(MeetingState.FIXED), str(MeetingState.HELD)]),
        )
        .order_by(Meeting.starts_at)
    ).all()


def approve_minutes(meeting: Meeting, at: Meeting, actor=None) -> None:
    """Record that the minutes were approved at a later meeting; they no longer change.

    :raises DomainError: when the meeting was not held, or ``at`` is not a later meeting of
        the organisation with a fixed agenda or held.
    """
    if at not in later_meetings(meeting):
        raise DomainError(_("Minutes are approved at a later meeting."))
    meeting.move_to(MeetingState.APPROVED)
    meeting.approved_in_id = at.id
    current_app.logger.info("Minutes of %s approved at %s, says %s", meeting, at, actor)


def open_actions_of(user, organisation) -> list[ActionPoint]:
    """The user's action points not yet done, the earliest due first."""
    return db.session.scalars(
        select(ActionPoint)
        .where(
            ActionPoint.organisation_id == organisation.id,
            ActionPoint.owner_id == user.id,
            ActionPoint.done_on.is_(None),
        )
        .order_by(ActionPoint.due_on.asc().nulls_last(), ActionPoint.id)
        .options(selectinload(ActionPoint.item).selectinload(AgendaItem.meeting))
    ).all()
