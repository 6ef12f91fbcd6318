"""Results weighted to the tenants by one dimension (post-stratification), beside the
unweighted figures.

The weighted share of an answer is the sum over the groups g of the dimension of
(g's share of the tenants) x (the answer's share within g): what the result would be if the
respondents came from each group in the same proportion as all tenants. Only the countable
kinds (those of the cross-tabs) are weighted, only for a dimension whose tenants are entered
for every group, and respondents whose value is unknown are left out.

Small groups give nothing away. Per question the groups are shown or hidden exactly as in the
cross-tab of the same dimension (``SegmentCounts.groups``, by ``results.disclosure``), which
the board can always open.
A hidden group's own figures are never used: the hidden groups form one stratum, with their
combined counts and their combined share of the tenants (entered by the organisation, so
known). The groups shown have their figures on the cross-tab already, and the hidden ones
together are the question's total minus the groups shown minus the unknown group, also known
from the page, so the weighted figure is arithmetic on figures the board has. That holds only
when the unknown group is shown (or empty): when it is hidden too, the page gives the hidden
groups only together with the unknown ones, and a weighted figure would tell them apart; such a
question is not weighted. Neither is one with fewer than two strata: a single stratum is the
unweighted figure. "Other, namely" answers are not counted per group on the page, so they are
not weighted either.
"""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, func, select

from consult.extensions import db
from consult.results.crosstabs import (
    CROSSTAB_KINDS,
    Group,
    SegmentCounts,
    answer_values,
    count_by_segment,
)
from consult.results.respondents import RespondentDimension
from consult.surveys.models.questions import QuestionKind
from consult.surveys.models.responses import Response, ResponseSegment
from consult.surveys.services import questions_with_options


@dataclass(frozen=True)
class Stratum:
    """One group (or the small groups together) in the weights, over all respondents."""

    label: str
    population_share: float  #: of the tenants, 0-100
    respondent_share: float | None  #: of the respondents with a known value, 0-100

    @property
    def factor(self) -> float | None:
        """How much more (above 1) or less (below 1) one respondent of the group counts."""
        if not self.respondent_share:
            return None
        return round(self.population_share / self.respondent_share, 2)


@dataclass(frozen=True)
class WeightedQuestion:
    #: Weighted percentage per answer, in the order of the results' counts ("Other" left
    #: out); empty when the question is not weighted.
    percentages: list[float]
    reason: str | None = None  #: why the question is not weighted
    #: Groups with tenants of whom nobody answered: left out, the others count for them.
    missing: list[str] = field(default_factory=list)


@dataclass
class Weighting:
    dimension: str
    #: Why the results cannot be weighted to this dimension at all; None when they can.
    reason: str | None
    strata: list[Stratum] = field(default_factory=list)
    unknown: int = 0  #: respondents whose value is unknown, left out
    questions: dict[int, WeightedQuestion] = field(default_factory=dict)


def _why_not(dimension) -> str | None:
    missing = [value.label for value in dimension.values if value.population is None]
    if missing:
        return _(
            "The number of tenants is not entered for every group of %(dimension)s (missing: "
            "%(groups)s), so the results cannot be weighted to it. Enter the numbers on the "
            "Segments page.",
            dimension=dimension.name,
            groups=", ".join(missing),
        )
    if sum(1 for value in dimension.values if value.population) < 2:
        return _(
            "%(dimension)s has fewer than two groups with tenants, so there is nothing to weight.",
            dimension=dimension.name,
        )
    return None


def _strata(composition: RespondentDimension) -> list[Stratum]:
    """The weights over all respondents; the groups too small to show as one row, as on the
    page's table of who answered (whose total minus the groups shown gives that row)."""
    shown = [g for g in composition.groups if g.share is not None]
    hidden = [g for g in composition.groups if g.share is None]
    strata = [Stratum(g.label, g.population_share, g.share) for g in shown]
    if hidden:
        strata.append(
            Stratum(
                _("Smaller groups together: %(groups)s", groups=", ".join(g.label for g in hidden)),
                sum(g.population_share for g in hidden),
                max(100 - sum(g.share for g in shown), 0.0) if shown else None,
            )
        )
    return strata


def _unknown(consultation, dimension, minimum: int) -> int:
    """Respondents whose value is unknown; 0 when those with a known value are fewer than
    ``minimum`` (the total minus the unknown would give their number, and nothing is weighted
    then anyway)."""
    known = exists().where(
        ResponseSegment.response_id == Response.id, ResponseSegment.dimension_id == dimension.id
    )
    with_value, without = db.session.execute(
        select(func.count(Response.id).filter(known), func.count(Response.id).filter(~known)).where(
            Response.consultation_id == consultation.id
        )
    ).one()
    return without if with_value >= minimum else 0


def _weigh_question(question, counted: SegmentCounts, shares: dict) -> WeightedQuestion:
    """The weighted percentages of one question; ``shares`` maps value id -> tenant share."""
    groups = counted.groups(question.id)
    if any(g.value is None and not g.shown for g in groups):
        return WeightedQuestion(
            [],
            _(
                "Not weighted: the table per segment hides those who answered this question "
                "without a known group, and a weighted figure would give their answers away."
            ),
        )
    known = [g for g in groups if g.value is not None]
    hidden = [g for g in known if not g.shown]
    strata: list[list[Group]] = [[g] for g in known if g.shown] + ([hidden] if hidden else [])
    strata = [s for s in strata if sum(shares[g.value] for g in s)]
    if len(strata) < 2:
        return WeightedQuestion(
            [], _("Not weighted: too few groups answered this question to weight them.")
        )
    weights = [sum(shares[g.value] for g in stratum) for stratum in strata]
    bases = [sum(g.answered for g in stratum) for stratum in strata]
    percentages = []
    for key, _label in answer_values(question):
        parts = [
            weight * sum(counted.count(question.id, g.value, key) for g in stratum) / base
            for stratum, weight, base in zip(strata, weights, bases, strict=True)
        ]
        percentages.append(round(100 * sum(parts) / sum(weights), 1))
    answered = {g.value for g in known}
    missing = [label for v, label in counted.values if shares.get(v) and v not in answered]
    return WeightedQuestion(percentages, missing=missing)


def weigh(consultation, dimension, composition: list[RespondentDimension]) -> Weighting:
    """The consultation's countable questions weighted to the tenants by ``dimension``.

    :param composition: who answered, per dimension (``respondent_composition``), for the
        weights shown over all respondents.
    :returns: a Weighting whose ``reason`` says why, when the dimension cannot be used.
    """
    reason = _why_not(dimension)
    if reason:
        return Weighting(dimension.name, reason)
    total = sum(value.population for value in dimension.values)
    shares = {value.id: value.population / total for value in dimension.values}
    counted = count_by_segment(consultation, dimension)
    minimum = current_app.config["MIN_GROUP_SIZE"]
    mine = next(c for c in composition if c.name == dimension.name)
    return Weighting(
        dimension.name,
        None,
        _strata(mine),
        _unknown(consultation, dimension, minimum),
        {
            question.id: _weigh_question(question, counted, shares)
            for question in questions_with_options(consultation)
            if QuestionKind(question.kind) in CROSSTAB_KINDS
        },
    )
