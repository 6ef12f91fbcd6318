"""Which of a respondent's segments an anonymous response may keep (issue 21).

A response's segments can name its respondent when few members share them. So an anonymous
consultation keeps only the dimensions the board chose (``Consultation.kept_dimension_ids``;
None: all the organisation's dimensions), and of those, per response, only a combination of
values held by at least MIN_GROUP_SIZE members of its *population*: the consultation's invited
members, or before anyone is invited the members an invitation of the whole panel would reach
today (``consult.invitations.inviting``).

When the response's values in the chosen dimensions together are held by fewer, dimensions are
dropped, as few as possible. Among the ways of dropping equally many, the dimensions with the
most members in small groups (of the dimension alone: the figure the builder shows) go first,
and of dimensions with as many, the one first in the panel's order. With no dimension left the
response keeps no segments. A dimension in which the respondent has no value is not stored
anyway. Identified consultations keep every segment.

The builder shows the same figures before publishing (``small_groups``), so the board can
choose fewer dimensions itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.panel.models import MemberSegment, PanelMember
from consult.panel.services import dimensions_of
from consult.surveys.models.consultations import Consultation, ConsultationState

Segments = list[tuple[int, int]]  #: (dimension id, value id) pairs
#: States in which the responses are all stored: the choice can no longer change them.
FINISHED = (ConsultationState.CLOSED, ConsultationState.ARCHIVED)


def kept_dimensions(consultation) -> list:
    """The organisation's dimensions the board lets the consultation's responses keep."""
    dimensions = dimensions_of(consultation.organisation)
    if consultation.kept_dimension_ids is None:
        return dimensions
    return [d for d in dimensions if d.id in consultation.kept_dimension_ids]


def choose_dimensions(consultation, dimension_ids, actor=None) -> None:
    """Let the consultation's anonymous responses keep only these dimensions (from now on).

    :param dimension_ids: ids of the organisation's dimensions; none: no segments at all.
    :raises DomainError: for an identified, closed or archived consultation, or an id that
        is not one of the organisation's dimensions.
    """
    if not consultation.anonymous:
        raise DomainError(_("Only an anonymous consultation limits the segments it keeps."))
    if consultation.state_on(clock.today()) in FINISHED:
        raise DomainError(_("This consultation has closed: its responses are stored already."))
    own = [d.id for d in dimensions_of(consultation.organisation)]
    chosen = {int(i) for i in dimension_ids}
    if chosen - set(own):
        raise DomainError(_("Choose only dimensions of your own panel."))
    consultation.kept_dimension_ids = [i for i in own if i in chosen]
    current_app.logger.info("kept dimensions of %s set by %s", consultation, actor)


def population(consultation):
    """A select of the member ids a response of the consultation hides among: its invited
    members, or before any invitation the members a whole-panel invitation would reach."""
    invited = select(Invitation.member_id).where(
        Invitation.consultation_id == consultation.id, Invitation.member_id.is_not(None)
    )
    if db.session.scalar(select(invited.exists())):
        return invited
    return select(PanelMember.id).where(
        PanelMember.organisation_id == consultation.organisation_id,
        PanelMember.reachable_on(clock.today()),
    )


def combination_counts(consultation, dimensions) -> dict[tuple, int]:
    """Members of the population per combination of their values in ``dimensions`` (one
    value id or None per dimension, in their order), counted by the database."""
    people = population(consultation).subquery()
    columns = []
    joined = people
    for dimension in dimensions:
        held = aliased(MemberSegment)
        joined = joined.outerjoin(
            held,
            (held.member_id == people.c[0]) & (held.dimension_id == dimension.id),
        )
        columns.append(held.value_id)
    query = select(*columns, func.count()).select_from(joined).group_by(*columns)
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}


def _holders(consultation, values: list[int]) -> int:
    """How many members of the population hold all of ``values`` (segment value ids)."""
    people = population(consultation).subquery()
    joined = people
    for value_id in values:
        held = aliased(MemberSegment)
        joined = joined.join(held, (held.member_id == people.c[0]) & (held.value_id == value_id))
    return db.session.scalar(select(func.count()).select_from(joined))


def in_small_groups(counts: dict[tuple, int], position: int, minimum: int) -> int:
    """Members whose value in the dimension at ``position`` of ``counts``' combinations is
    known and held by fewer than ``minimum`` of the population."""
    per_value: dict = {}
    for combination, count in counts.items():
        value = combination[position]
        if value is not None:
            per_value[value] = per_value.get(value, 0) + count
    return sum(count for count in per_value.values() if count < minimum)


def stored_segments(consultation_id: int, segments: Segments) -> Segments:
    """The (dimension id, value id) pairs of ``segments`` that a response of
    ``consultation_id`` keeps (see the module's rule)."""
    return segment_rule(consultation_id)(segments)


def segment_rule(consultation_id: int) -> Callable[[Segments], Segments]:
    """``stored_segments`` for many responses of one consultation (a block being written):
    the consultation, its dimensions and the database's counts per combination are read
    once, not once per response."""
    consultation = db.session.get(Consultation, consultation_id)
    if not consultation.anonymous:
        return list
    chosen = kept_dimensions(consultation)
    minimum = current_app.config["MIN_GROUP_SIZE"]
    counted: dict[tuple[int, ...], dict[tuple, int]] = {}

    def keep(segments: Segments) -> Segments:
        values = dict(segments)
        dimensions = [d for d in chosen if d.id in values]
        if not dimensions:
            return []
        key = tuple(d.id for d in dimensions)
        if key not in counted:
            counted[key] = combination_counts(consultation, dimensions)
        counts = counted[key]
        small = {d.id: in_small_groups(counts, i, minimum) for i, d in enumerate(dimensions)}
        order = sorted(dimensions, key=lambda d: -small[d.id])  # stable: the panel's order after
        for dropped in range(len(order)):
            for leaving in combinations(order, dropped):
                kept = [d for d in dimensions if d not in leaving]
                if _holders(consultation, [values[d.id] for d in kept]) >= minimum:
                    return [(d.id, values[d.id]) for d in kept]
        return []

    return keep


@dataclass
class SmallGroups:
    """What the builder shows of the chosen dimensions before publishing."""

    invited: bool  #: the population is the invited members (else: whom inviting would reach)
    members: int  #: members in the population
    minimum: int  #: MIN_GROUP_SIZE
    per_dimension: list[tuple[str, int]]  #: (dimension name, members in its small groups)
    combined: int  #: members whose combination of the chosen dimensions' values is small


def small_groups(consultation) -> SmallGroups:
    """How many members of the population sit in groups smaller than MIN_GROUP_SIZE, per
    chosen dimension and for their combination (members without a value in a dimension
    count by the values they have, as their response would keep only those)."""
    dimensions = kept_dimensions(consultation)
    minimum = current_app.config["MIN_GROUP_SIZE"]
    counts = combination_counts(consultation, dimensions)
    invited = db.session.scalar(
        select(select(Invitation.id).where(Invitation.consultation_id == consultation.id).exists())
    )
    return SmallGroups(
        invited=bool(invited),
        members=sum(counts.values()),
        minimum=minimum,
        per_dimension=[
            (d.name, in_small_groups(counts, i, minimum)) for i, d in enumerate(dimensions)
        ],
        combined=_in_small_combinations(counts, minimum) if dimensions else 0,
    )


def _in_small_combinations(counts: dict[tuple, int], minimum: int) -> int:
    """Members whose known values together are held by fewer than ``minimum`` members."""

    def holders(combination: tuple) -> int:
        return sum(
            count
            for other, count in counts.items()
            if all(v is None or v == w for v, w in zip(combination, other, strict=True))
        )

    return sum(
        count
        for combination, count in counts.items()
        if any(v is not None for v in combination) and holders(combination) < minimum
    )
