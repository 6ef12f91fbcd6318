"""Results per segment or per channel: each answer's share within each group.

Counted by the database in one GROUP BY. Small groups are protected as ``results.disclosure``
explains: not only a group answered by fewer than MIN_GROUP_SIZE is hidden, but also groups
that would give it away by subtraction. Respondents whose value is unknown form a group of
their own.
"""

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from consult.extensions import db
from consult.results.groups import CHANNEL, protection
from consult.results.groups import Group as Segment
from consult.results.queries import _percentage
from consult.surveys.models import (
    AGREE_SCALE,
    CHANNEL_LABELS,
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


def _split_column(consultation, dimension):
    """(the column of a response's group, the select of answers with it) for a split by
    ``dimension``, or by channel when it is None."""
    joined = select(Answer.question_id).join(Response, Response.id == Answer.response_id)
    if dimension is None:
        column = Response.channel
    else:
        column = ResponseSegment.value_id
        joined = joined.outerjoin(
            ResponseSegment,
            and_(
                ResponseSegment.response_id == Response.id,
                ResponseSegment.dimension_id == dimension.id,
            ),
        )
    return column, joined.where(Response.consultation_id == consultation.id)


def by_segment(consultation, dimension=None) -> list[CrossTab]:
    """Per countable question: each answer's percentage within each value of ``dimension``
    (or each channel, when it is None).

    A group is shown where ``groups.protection`` lets the question show it: small groups
    and any group that, subtracted from another, would give a small group away are hidden.
    """
    group, joined = _split_column(consultation, dimension)
    counts: dict[int, dict] = defaultdict(dict)
    for question_id, value, option_id, number, count in db.session.execute(
        joined.add_columns(group, Answer.option_id, Answer.number, func.count(Answer.id)).group_by(
            Answer.question_id, group, Answer.option_id, Answer.number
        )
    ):
        key = ("option", option_id) if option_id is not None else ("number", number)
        counts[question_id][(value, key)] = count
    answered: dict[int, dict] = defaultdict(dict)
    for question_id, value, count in db.session.execute(
        joined.add_columns(group, func.count(Answer.response_id.distinct())).group_by(
            Answer.question_id, group
        )
    ):
        answered[question_id][value] = count
    if dimension is None:
        attribute = CHANNEL
        values = [(code, label) for code, label in CHANNEL_LABELS.items()]
    else:
        attribute = dimension.id
        values = [(value.id, value.label) for value in dimension.values] + [(None, _("unknown"))]
    protected = protection(consultation)
    tables = []
    for question in questions_with_options(consultation):
        if QuestionKind(question.kind) not in CROSSTAB_KINDS:
            continue
        present = [(v, label) for v, label in values if answered[question.id].get(v, 0)]
        groups = [
            Group(
                str(label),
                answered[question.id][value],
                protected.shows(question.id, Segment(attribute, value)),
            )
            for value, label in present
        ]
        rows = [
            (
                label,
                [
                    _percentage(counts[question.id].get((value, key), 0), group.answered)
                    if group.shown
                    else None
                    for (value, _l), group in zip(present, groups, strict=True)
                ],
            )
            for key, label in _answer_values(question)
        ]
        tables.append(CrossTab(question.id, question.text, groups, rows))
    return tables
