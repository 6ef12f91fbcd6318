"""Working-group rules: the group and its links, the SMART goals of its work plan, and one
progress note per quarter."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consult.core.errors import DomainError
from consult.extensions import db
from consult.organisations.models import Membership
from consult.workgroups.models import (
    Goal,
    GoalState,
    ProgressNote,
    WorkingGroup,
    working_group_members,
)


@dataclass
class GroupDetails:
    name: str
    theme: str = ""
    mandate: str = ""
    landlord_contact: str = ""
    members: list = field(default_factory=list)
    dossiers: list = field(default_factory=list)
    consultations: list = field(default_factory=list)


@dataclass
class GoalDetails:
    """A SMART goal: specific (what), measurable (measure), assigned (who), timed (due_on)."""

    what: str
    measure: str
    who: str
    due_on: date | None


def groups_of(organisation) -> list[WorkingGroup]:
    return db.session.scalars(
        select(WorkingGroup)
        .where(WorkingGroup.organisation_id == organisation.id)
        .order_by(WorkingGroup.name)
        .options(selectinload(WorkingGroup.goals), selectinload(WorkingGroup.members))
    ).all()


def _check(organisation, details: GroupDetails) -> None:
    """:raises DomainError: without a name, or for a member, dossier or consultation of
    another organisation."""
    if not details.name.strip():
        raise DomainError(_("Give the working group a name."))
    if any(linked.organisation_id != organisation.id for linked in details.dossiers):
        raise DomainError(_("Link only to what belongs to your own organisation."))
    if any(linked.organisation_id != organisation.id for linked in details.consultations):
        raise DomainError(_("Link only to what belongs to your own organisation."))
    roles = set(
        db.session.scalars(
            select(Membership.user_id).where(Membership.organisation_id == organisation.id)
        )
    )
    if any(user.id not in roles for user in details.members):
        raise DomainError(_("Choose someone of your own organisation."))


def save_group(organisation, details: GroupDetails, group=None, actor=None) -> WorkingGroup:
    """Make a working group, or change one.

    :raises DomainError: see ``_check``; also for a name another group has.
    """
    _check(organisation, details)
    group = group or WorkingGroup(organisation_id=organisation.id)
    group.name, group.theme = details.name.strip(), details.theme.strip()
    group.mandate, group.landlord_contact = (
        details.mandate.strip(),
        details.landlord_contact.strip(),
    )
    group.members, group.dossiers = details.members, details.dossiers
    group.consultations = details.consultations
    try:
        with db.session.begin_nested():
            db.session.add(group)
    except IntegrityError as error:
        raise DomainError(_("Another working group has this name.")) from error
    current_app.logger.info("%s saved by %s", group, actor)
    return group


def add_goal(group: WorkingGroup, details: GoalDetails, actor=None) -> Goal:
    """Add a SMART goal to the work plan.

    :raises DomainError: when a part of SMART is missing.
    """
    if not (details.what.strip() and details.measure.strip() and details.who.strip()):
        raise DomainError(_("A goal says what, how it is measured and who does it."))
    if details.due_on is None:
        raise DomainError(_("A goal says by when it is met."))
    goal = Goal(
        organisation_id=group.organisation_id,
        group=group,
        what=details.what.strip(),
        measure=details.measure.strip(),
        who=details.who.strip(),
        due_on=details.due_on,
    )
    db.session.add(goal)
    db.session.flush()
    current_app.logger.info("%s added by %s", goal, actor)
    return goal


def set_goal_state(goal: Goal, state: GoalState, actor=None) -> None:
    goal.state = state
    current_app.logger.info("%s now %s, says %s", goal, state, actor)


def write_note(group: WorkingGroup, year: int, quarter: int, text: str, actor=None):
    """Keep the group's progress note of a quarter, replacing what was there.

    :raises DomainError: for a quarter or year out of range, or an empty note.
    """
    if not (1 <= quarter <= 4 and 2000 <= year <= 2100):
        raise DomainError(_("Choose a quarter from 1 to 4."))
    if not text.strip():
        raise DomainError(_("Write a few words on the progress."))
    note = next((n for n in group.notes if (n.year, n.quarter) == (year, quarter)), None)
    if note is None:
        note = ProgressNote(organisation_id=group.organisation_id, year=year, quarter=quarter)
        group.notes.append(note)
    note.text = text.strip()
    current_app.logger.info("Progress of %s in %d Q%d written by %s", group, year, quarter, actor)
    return note


def groups_with(user, organisation) -> list[WorkingGroup]:
    """The organisation's working groups the user is a member of."""
    return db.session.scalars(
        select(WorkingGroup)
        .join(working_group_members, working_group_members.c.group_id == WorkingGroup.id)
        .where(
            WorkingGroup.organisation_id == organisation.id,
            working_group_members.c.user_id == user.id,
        )
        .order_by(WorkingGroup.name)
    ).all()
