"""Results per segment or per channel: each answer's share within each group.

Counted by the database in one GROUP BY. Small groups are protected as ``results.disclosure``
explains: a group answered by fewer than MIN_GROUP_SIZE is hidden, and the fewest, smallest
others that keep it from being the total minus the groups shown. Respondents whose value
is unknown form a group of their own.
"""

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from consult.extensions import db
from consult.results.disclosure import why_hidden
from consult.results.figures import percentage
from consult.results.groups import CHANNEL, Protection, protection
from consult.results.groups import Group as Segment
from consult.surveys.models.questions import AGREE_SCALE, RATING_POINTS, YES_NO, QuestionKind
from consult.surveys.models.responses import CHANNEL_LABELS, Answer, Response, ResponseSegment
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
    value: int | str | None = None  #: segment value id or channel code; None: unknown value
    #: Why the group is hidden (``disclosure.SMALL`` or ``COMPLEMENT``); None when shown.
    hidden_because: str | None = None


@dataclass
class CrossTab:
    question_id: int
    text: str
    groups: list[Group]
    #: (answer label, percentage per group; None where the group is not shown)
    rows: list[tuple[str, list[float | None]]]


def answer_values(question) -> list[tuple[tuple, str]]:
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


@dataclass
class SegmentCounts:
    """One consultation's answers counted per group of one dimension (or channel), by the
    database, with which groups each question may show (``groups.protection``)."""

    #: (value, label) of every group: segment values and (None, "unknown") last, or channels
    values: list[tuple]
    #: question id -> {(value, answer key): answers}
    answers: dict[int, dict]
    #: question id -> {value: respondents who answered the question}
    answered: dict[int, dict]
    attribute: str | int  #: CHANNEL or the dimension's id
    protected: Protection

    def groups(self, question_id: int) -> list[Group]:
        """The groups that answered the question, each shown or hidden."""
        answered = self.answered.get(question_id, {})
        minimum = current_app.config["MIN_GROUP_SIZE"]
        groups = []
        for value, label in self.values:
            if answered.get(value, 0):
                shown = self.protected.shows(question_id, Segment(self.attribute, value))
                reason = None if shown else why_hidden(answered[value], minimum)
                groups.append(Group(str(label), answered[value], shown, value, reason))
        return groups

    def count(self, question_id: int, value, key: tuple) -> int:
        """How often the group with ``value`` gave the answer ``key`` to the question."""
        return self.answers.get(question_id, {}).get((value, key), 0)


def count_by_segment(consultation, dimension=None) -> SegmentCounts:
    """Every question's answers and respondents per value of ``dimension`` (or per channel,
    when it is None), in two GROUP BYs, over all respondents."""
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
        attribute, values = CHANNEL, list(CHANNEL_LABELS.items())
    else:
        attribute = dimension.id
        values = [(value.id, value.label) for value in dimension.values] + [(None, _("unknown"))]
    return SegmentCounts(values, counts, answered, attribute, protection(consultation))


def by_segment(consultation, dimension=None) -> list[CrossTab]:
    """Per countable question: each answer's percentage within each value of ``dimension``
    (or each channel, when it is None).

    A group is shown where ``groups.protection`` lets the question show it: small groups
    and the fewest others that keep them from being worked out are hidden.
    """
    counted = count_by_segment(consultation, dimension)
    tables = []
    for question in questions_with_options(consultation):
        if QuestionKind(question.kind) not in CROSSTAB_KINDS:
            continue
        groups = counted.groups(question.id)
        rows = [
            (
                label,
                [
                    percentage(counted.count(question.id, g.value, key), g.answered)
                    if g.shown
                    else None
                    for g in groups
                ],
            )
            for key, label in answer_values(question)
        ]
        tables.append(CrossTab(question.id, question.text, groups, rows))
    return tables
