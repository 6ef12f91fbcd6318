"""Who answered, against the tenants and against the panel, per segment dimension.

The same arithmetic as the panel dashboard (``consult.panel.representation``), on the
respondents of one consultation. Small groups are protected as in the funnel: a group with
fewer than MIN_GROUP_SIZE respondents (and, if needed, the next smallest) shows no count or
share, and then the dimension's overall figure is left out too, since it could give them away.
"""

from dataclasses import asdict, dataclass

from flask import current_app
from sqlalchemy import func, select

from consult.extensions import db
from consult.invitations.queries import hidden_groups
from consult.panel.models import SegmentDimension, SegmentValue
from consult.panel.representation import compare
from consult.panel.statistics import composition
from consult.surveys.models.responses import Response, ResponseSegment


@dataclass(frozen=True)
class RespondentGroup:
    label: str
    #: None where the group is too small to show.
    respondents: int | None
    share: float | None  #: of the respondents with a known value, 0-100
    panel_share: float | None
    population_share: float | None
    verdict: str | None  #: "under" or "over" against the tenants, or None


@dataclass(frozen=True)
class RespondentDimension:
    name: str
    groups: list[RespondentGroup]
    #: 0-100 against the tenants; None without population figures or with hidden groups.
    against_population: float | None
    #: 0-100 against the active panel; None with hidden groups.
    against_panel: float | None


def _respondents_per_value(consultation) -> dict[int, int]:
    rows = db.session.execute(
        select(ResponseSegment.value_id, func.count())
        .join(Response, Response.id == ResponseSegment.response_id)
        .where(Response.consultation_id == consultation.id)
        .group_by(ResponseSegment.value_id)
    )
    return dict(rows.all())


def respondent_composition(consultation) -> list[RespondentDimension]:
    """Per dimension of the organisation: the respondents' shares beside the panel's and the
    tenants', with the representativeness figures, small groups hidden."""
    minimum = current_app.config["MIN_GROUP_SIZE"]
    counts = _respondents_per_value(consultation)
    panel = {comparison.name: comparison for comparison in composition(consultation.organisation)}
    dimensions = db.session.scalars(
        select(SegmentDimension)
        .where(SegmentDimension.organisation_id == consultation.organisation_id)
        .order_by(SegmentDimension.position, SegmentDimension.id)
    ).all()
    found = []
    for dimension in dimensions:
        values: list[SegmentValue] = list(dimension.values)
        sizes = [counts.get(value.id, 0) for value in values]
        hidden = hidden_groups(sizes, minimum) if sum(sizes) >= minimum else [True] * len(sizes)
        members = panel.get(dimension.name)
        panel_counts = [g.members for g in members.groups] if members else [0] * len(values)
        tenants = compare(
            dimension.name, [(v.label, n, v.population) for v, n in zip(values, sizes, strict=True)]
        )
        versus_panel = compare(
            dimension.name,
            [(v.label, n, p) for v, n, p in zip(values, sizes, panel_counts, strict=True)],
        )
        groups = [
            RespondentGroup(
                group.label,
                None if secret else group.members,
                None if secret else group.panel_share,
                panel_group.population_share,
                group.population_share,
                None if secret else group.verdict,
            )
            for group, panel_group, secret in zip(
                tenants.groups, versus_panel.groups, hidden, strict=True
            )
        ]
        any_hidden = any(hidden) and sum(sizes) > 0
        found.append(
            RespondentDimension(
                dimension.name,
                groups,
                None if any_hidden else tenants.representativeness,
                None if any_hidden else versus_panel.representativeness,
            )
        )
    return found


def as_figures(dimensions: list[RespondentDimension]) -> list[dict]:
    """The comparison as plain data, to freeze into evidence."""
    return [asdict(dimension) for dimension in dimensions]
