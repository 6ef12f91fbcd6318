"""Results per segment: each answer's share within each group of one dimension.

Counted by the database in one GROUP BY. Small groups are protected: a group answered by
fewer than MIN_GROUP_SIZE is not shown, and the next smallest are hidden too until the hidden
groups together reach MIN_GROUP_SIZE, so that the total minus the groups shown never gives
them away. Respondents whose value is unknown form
a group of their own.
"""

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from consult.extensions import db
from consult.invitations.queries import hidden_groups
from consult.results.queries import _percentage
from consult.surveys.models import (
    AGREE_SCALE,
    RATING_POINTS,
    YES_NO,
    Answer,
    QuestionKind,
    Response,
    ResponseSegment,
)
from consult.surveys.services import questions_with_options

#: Kinds whose answers are counted per option or per point, and so can be cross-tabbed.
CROSSTAB_KINDS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.AGREE_SCALE,
    QuestionKind.YES_NO,
    QuestionKind.RATING,
}


@dataclass
class Group:
    label: str
    answered: int
    shown: bool


@dataclass
class CrossTab:
    question_id: int
    text: str
    groups: list[Group]
    #: (answer label, percentage per group; None where the group is not shown)
    rows: list[tuple[str, list[float | None]]]


def _answer_values(question) -> list[tuple[str, object]]:
    """(key in the counted rows, label) for every possible answer of the question."""
    kind = QuestionKind(question.kind)
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        return [(("option", o.id), o.label) for o in question.options]
    points = {QuestionKind.AGREE_SCALE: AGREE_SCALE, QuestionKind.YES_NO: YES_NO}.get(
        kind, {number: number for number in RATING_POINTS}
    )
    return [(("number", number), str(label)) for number, label in points.items()]


def _shown(answered: list[int], minimum: int) -> list[bool]:
    """Which groups to show: the funnel's rule (``hidden_groups``) for small groups."""
    return [not hidden for hidden in hidden_groups(answered, minimum)]


def by_segment(consultation, dimension) -> list[CrossTab]:
    """Per countable question: each answer's percentage within each value of ``dimension``.

    Always over all channels: a cross-tab within one channel could be subtracted from the
    cross-tab of all, and give a small group away.
    """
    group = ResponseSegment.value_id
    joined = (
        select(Answer.question_id)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(
            ResponseSegment,
            and_(
                ResponseSegment.response_id == Response.id,
                ResponseSegment.dimension_id == dimension.id,
            ),
        )
        .where(Response.consultation_id == consultation.id)
    )
    counts: dict[int, dict] = defaultdict(dict)
    for question_id, value_id, option_id, number, count in db.session.execute(
        joined.add_columns(group, Answer.option_id, Answer.number, func.count(Answer.id)).group_by(
            Answer.question_id, group, Answer.option_id, Answer.number
        )
    ):
        key = ("option", option_id) if option_id is not None else ("number", number)
        counts[question_id][(value_id, key)] = count
    answered: dict[int, dict] = defaultdict(dict)
    for question_id, value_id, count in db.session.execute(
        joined.add_columns(group, func.count(Answer.response_id.distinct())).group_by(
            Answer.question_id, group
        )
    ):
        answered[question_id][value_id] = count
    values = [(value.id, value.label) for value in dimension.values] + [(None, _("unknown"))]
    minimum = current_app.config["MIN_GROUP_SIZE"]
    tables = []
    for question in questions_with_options(consultation):
        if QuestionKind(question.kind) not in CROSSTAB_KINDS:
            continue
        present = [(v, label) for v, label in values if answered[question.id].get(v, 0)]
        bases = [answered[question.id][value_id] for value_id, _label in present]
        shown = _shown(bases, minimum)
        groups = [
            Group(str(label), base, visible)
            for (_id, label), base, visible in zip(present, bases, shown, strict=True)
        ]
        rows = [
            (
                label,
                [
                    _percentage(counts[question.id].get((value_id, key), 0), base)
                    if visible
                    else None
                    for (value_id, _l), base, visible in zip(present, bases, shown, strict=True)
                ],
            )
            for key, label in _answer_values(question)
        ]
        tables.append(CrossTab(question.id, question.text, groups, rows))
    return tables
