"""Results computed by the database: counts per answer, respondents and response rate."""

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import NamedTuple

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.core.clock import utcnow
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.results.groups import Group, protection
from consult.surveys.answers import SEVERAL_ROW_KINDS, TEXT_LIMITS
from consult.surveys.models import (
    AGREE_SCALE,
    RATING_POINTS,
    YES_NO,
    Answer,
    Question,
    QuestionKind,
    Response,
)
from consult.surveys.services import questions_with_options

#: The kinds whose respondents are counted as distinct responses: several rows per response,
#: none of them found once in each (a ranking's first place is).
DISTINCT_KINDS = tuple(sorted(SEVERAL_ROW_KINDS - {QuestionKind.RANKING}))


@dataclass
class AnswerCount:
    label: str
    count: int
    percentage: float  #: of those who answered the question, 0-100
    #: The 95% interval of the percentage (Wilson), (low, high); None without a base.
    interval: tuple[float, float] | None = None


@dataclass
class StatementResult:
    """One statement of a matrix question: counts per point of the agree scale."""

    label: str
    answered: int
    counts: list[AnswerCount]


@dataclass
class RankedItem:
    """One item of a ranking question."""

    label: str
    ranked: int  #: respondents who gave it a place
    first_places: int
    average_place: float | None  #: 1 is first; over those who gave it a place


@dataclass
class ThemeCount:
    """How many open answers of a question the board tagged with one of its themes."""

    label: str
    count: int
    percentage: float  #: of the question's open answers, 0-100


@dataclass
class QuestionResult:
    question_id: int
    text: str
    kind: str
    answered: int  #: respondents who answered this question (the base of the percentages)
    counts: list[AnswerCount] = field(default_factory=list)
    open_answers: list[str] = field(default_factory=list)  #: also "other, namely" texts
    #: All open answers, also those not listed in ``open_answers`` (see consultation_results).
    open_answer_count: int = 0
    statements: list[StatementResult] = field(default_factory=list)
    ranking: list[RankedItem] = field(default_factory=list)
    average: float | None = None  #: numbers and ratings
    minimum: int | None = None
    maximum: int | None = None
    nps: float | None = None  #: ratings where the board asked for it: % 9-10 minus % 0-6
    #: The board's themes of the open answers, with their counts (see results.themes).
    themes: list[ThemeCount] = field(default_factory=list)
    #: Open answers the board marked to quote in an advice.
    quotes: list[str] = field(default_factory=list)
    #: Fewer respondents than the smallest group shown: every figure above is left out.
    suppressed: bool = False

    def suppress(self) -> None:
        """Leave out every figure and text; only the base (n) stays."""
        self.counts, self.open_answers, self.statements, self.ranking = [], [], [], []
        self.themes, self.quotes = [], []
        self.average = self.minimum = self.maximum = self.nps = None
        self.open_answer_count = 0
        self.suppressed = True


@dataclass
class ConsultationResults:
    consultation_id: int
    title: str
    respondents: int | None  #: None in a view of one group whose size is not shown
    invited: int
    response_rate: float | None  #: used invitations / invitations, 0-100; None without invitations
    computed_at: datetime
    questions: list[QuestionResult]
    #: Figures based on fewer respondents than this are left out.
    min_group_size: int = 5
    #: In a view of one group: the questions whose figures for it would give a smaller
    #: group away (see results.disclosure); they show no figure and no n.
    hidden_for_group: set[int] = field(default_factory=set)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["hidden_for_group"]
        data["computed_at"] = self.computed_at.isoformat(timespec="seconds")
        return data


def wilson_interval(part: int, whole: int, z: float = 1.96) -> tuple[float, float] | None:
    """The 95% Wilson score interval of ``part`` out of ``whole``, as percentages (0-100).

    Better than "p plus or minus" for small groups and shares near 0% or 100%.
    """
    if not whole:
        return None
    share, z2 = part / whole, z * z
    centre = (share + z2 / (2 * whole)) / (1 + z2 / whole)
    spread = z * math.sqrt(share * (1 - share) / whole + z2 / (4 * whole * whole))
    spread /= 1 + z2 / whole
    return round(100 * max(centre - spread, 0.0), 1), round(100 * min(centre + spread, 1.0), 1)


def _percentage(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class _Scope:
    """The responses counted: one consultation, maybe only one group of it."""

    consultation_id: int
    group: Group | None

    @property
    def responses(self) -> list:
        """The conditions on Response."""
        conditions = [Response.consultation_id == self.consultation_id]
        if self.group:
            conditions.append(self.group.condition())
        return conditions

    def answers(self, *questions):
        """A select of the question ids of the answers in scope, to the questions that meet
        the conditions ``questions``. The answers are found by the consultation's questions,
        so an index on answers covers the counts, with no join per answer (every answer to
        its questions is one of its responses); only a group needs the responses."""
        asked = select(Question.id).where(Question.consultation_id == self.consultation_id)
        return self._of_group(
            select(Answer.question_id).where(Answer.question_id.in_(asked.where(*questions)))
        )

    def respondents(self):
        """A scalar subquery, correlated to the Question of the enclosing select: how many
        responses in scope answered it. Its answers come in ix_answers_respondents' order, so
        the database tells them apart as they come (PostgreSQL's count(DISTINCT) would sort
        them all again, on disk at 100,000 responses)."""
        answering = select(Answer.response_id).where(Answer.question_id == Question.id)
        distinct = self._of_group(answering.correlate(Question)).distinct().subquery()
        return select(func.count()).select_from(distinct).scalar_subquery()

    def _of_group(self, answers):
        """``answers`` (a select from Answer) narrowed to the group's responses, if any."""
        if not self.group:
            return answers
        return answers.join(Response, Response.id == Answer.response_id).where(
            self.group.condition()
        )


def _distribution(scope: _Scope) -> dict[int, dict[tuple, int]]:
    """question id -> {(option id, number): rows}, in one GROUP BY (typed numbers excepted).

    The texts (open answers, "other, namely") are counted under (None, None).
    """
    rows = db.session.execute(
        scope.answers(Question.kind != QuestionKind.NUMBER)
        .add_columns(Answer.option_id, Answer.number, func.count())
        .group_by(Answer.question_id, Answer.option_id, Answer.number)
    )
    counts: dict[int, dict[tuple, int]] = defaultdict(dict)
    for question_id, option_id, number, count in rows:
        counts[question_id][(option_id, number)] = count
    return counts


def _respondents_per_question(scope: _Scope, questions, distribution, numbers) -> dict[int, int]:
    """question id -> respondents, for the consultation's ``questions``.

    No second pass over the answers where the rows already counted tell: a kind stored as
    at most one row per response has as many respondents as rows (numbers: counted with
    their statistics), and a ranking has one first place per response. Only multiple choice
    and matrix questions count their distinct responses, one question at a time.
    """
    distinct = db.session.execute(
        select(Question.id, scope.respondents()).where(
            Question.consultation_id == scope.consultation_id, Question.kind.in_(DISTINCT_KINDS)
        )
    )
    answered = dict(distinct.all())
    for question in questions:
        kind, rows = question.kind, distribution.get(question.id, {})
        if kind == QuestionKind.NUMBER:
            answered[question.id] = numbers.get(question.id, NO_NUMBERS).rows
        elif kind == QuestionKind.RANKING:
            answered[question.id] = sum(c for (_o, place), c in rows.items() if place == 1)
        elif kind not in DISTINCT_KINDS:
            answered[question.id] = sum(rows.values())
    return answered


class _Numbers(NamedTuple):
    """The statistics of one question's numbers."""

    average: float | None
    minimum: int | None
    maximum: int | None
    rows: int


NO_NUMBERS = _Numbers(None, None, None, 0)


def _number_statistics(scope: _Scope) -> dict[int, _Numbers]:
    """question id -> the statistics of the numbers typed in (a rating's come from its
    counts per point, see ``_spread``)."""
    rows = db.session.execute(
        scope.answers(Question.kind == QuestionKind.NUMBER)
        .add_columns(
            func.avg(Answer.number),
            func.min(Answer.number),
            func.max(Answer.number),
            func.count(),
        )
        .where(Answer.number.is_not(None))
        .group_by(Answer.question_id)
    )
    return {
        question_id: _Numbers(round(float(average), 2), minimum, maximum, count)
        for question_id, average, minimum, maximum, count in rows
    }


def _open_answers(scope: _Scope, listed: int | None) -> dict[int, list[str]]:
    """question id -> its open answers in alphabetical order, the first ``listed`` of them
    (None: all)."""
    # Texts are read from the table, not an index: only the rows of the questions that take
    # text, found by ix_answers_counts (a text row has no option and no number).
    written = Question.kind.in_(tuple(TEXT_LIMITS)) | Question.allows_other
    query = (
        scope.answers(written)
        .add_columns(Answer.text)
        .where(Answer.option_id.is_(None), Answer.number.is_(None), Answer.text.is_not(None))
    )
    if listed is not None:
        place = func.row_number().over(partition_by=Answer.question_id, order_by=Answer.text)
        ranked = query.add_columns(place.label("place")).subquery()
        query = select(ranked.c.question_id, ranked.c.text).where(ranked.c.place <= listed)
    rows = db.session.execute(query.order_by("question_id", "text"))
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in rows:
        texts[question_id].append(text)
    return texts


def _invitation_figures(consultation_id: int) -> tuple[int, int]:
    """(invited, invitations used) for the consultation."""
    invited, used = db.session.execute(
        select(func.count(Invitation.id), func.count(Invitation.used_on)).where(
            Invitation.consultation_id == consultation_id
        )
    ).one()
    return invited, used


def _counts(values: list[tuple], counted: dict, base: int) -> list[AnswerCount]:
    """AnswerCount per (key, label) in ``values``, as a share of ``base``."""
    return [
        AnswerCount(
            str(label),
            counted.get(key, 0),
            _percentage(counted.get(key, 0), base),
            wilson_interval(counted.get(key, 0), base),
        )
        for key, label in values
    ]


def _spread(points: dict[int, int]) -> tuple:
    """(average, minimum, maximum) of numbers counted as {number: rows}. The average is the
    one the database's avg() gives: the same exact ratio of integers, rounded alike."""
    if not points:
        return None, None, None
    average = sum(number * rows for number, rows in points.items()) / sum(points.values())
    return round(average, 2), min(points), max(points)


def _question_result(question, answered, distribution, statistics, texts) -> QuestionResult:
    """The figures of one question from the consultation's aggregated rows."""
    kind = QuestionKind(question.kind)
    result = QuestionResult(question.id, question.text, question.kind, answered)
    result.open_answers, result.open_answer_count = texts, distribution.get((None, None), 0)
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        picks = {option: count for (option, _n), count in distribution.items()}
        values = [(o.id, o.label) for o in question.options]
        if question.allows_other:
            picks["other"] = result.open_answer_count
            values.append(("other", _("Other")))
        result.counts = _counts(values, picks, answered)
    elif kind in (QuestionKind.AGREE_SCALE, QuestionKind.YES_NO, QuestionKind.RATING):
        points = {number: count for (_o, number), count in distribution.items()}
        labels = {QuestionKind.AGREE_SCALE: AGREE_SCALE, QuestionKind.YES_NO: YES_NO}.get(
            kind, {number: number for number in RATING_POINTS}
        )
        result.counts = _counts(list(labels.items()), points, answered)
        if kind == QuestionKind.RATING:
            result.average, result.minimum, result.maximum = _spread(points)
            if question.shows_nps and answered:
                promoters = points.get(9, 0) + points.get(10, 0)
                detractors = sum(points.get(n, 0) for n in range(7))
                result.nps = round(100 * (promoters - detractors) / answered, 1)
    elif kind == QuestionKind.NUMBER:
        result.average, result.minimum, result.maximum = statistics[:3]
    elif kind == QuestionKind.MATRIX:
        for option in question.options:
            points = {n: c for (o, n), c in distribution.items() if o == option.id}
            base = sum(points.values())
            scale = _counts(list(AGREE_SCALE.items()), points, base)
            result.statements.append(StatementResult(option.label, base, scale))
    elif kind == QuestionKind.RANKING:
        for option in question.options:
            places = {n: c for (o, n), c in distribution.items() if o == option.id}
            ranked = sum(places.values())
            average = sum(n * c for n, c in places.items()) / ranked if ranked else None
            result.ranking.append(
                RankedItem(option.label, ranked, places.get(1, 0), average and round(average, 2))
            )
        result.ranking.sort(key=lambda item: (item.average_place is None, item.average_place))
    return result


def respondents_per_channel(consultation) -> dict[str, int]:
    """How many responses came in through each channel."""
    rows = db.session.execute(
        select(Response.channel, func.count(Response.id))
        .where(Response.consultation_id == consultation.id)
        .group_by(Response.channel)
    )
    return {channel: count for channel, count in rows}


def split_by_channel(channels: dict[str, int]) -> bool:
    """Whether results may be shown per channel: more than one, each with MIN_GROUP_SIZE or more.

    With a smaller channel, all responses minus the channels shown would give it away.
    :param channels: responses per channel, as ``respondents_per_channel`` gives them.
    """
    return len(channels) > 1 and min(channels.values()) >= current_app.config["MIN_GROUP_SIZE"]


def consultation_results(
    consultation, group: Group | None = None, open_answers: int | None = None
) -> ConsultationResults:
    """Every question's figures, the respondents and the response rate, as of now.

    A question answered by fewer than MIN_GROUP_SIZE respondents (or any question, when the
    consultation has fewer) shows only its base, never a figure or an open answer: a small
    group's answers could point to the person who gave them.

    :param group: count only the responses of this channel or segment value (None: all);
        a question shows figures only where ``groups.protection`` lets it show the group.
    :param open_answers: list at most this many open answers per question, the first in
        alphabetical order (None: all); ``open_answer_count`` has them all.
    """
    scope = _Scope(consultation.id, group)
    asked = [question for question in questions_with_options(consultation) if question.asks_answer]
    distribution = _distribution(scope)
    statistics = _number_statistics(scope)
    answered = _respondents_per_question(scope, asked, distribution, statistics)
    texts = _open_answers(scope, open_answers)
    respondents = db.session.scalar(select(func.count(Response.id)).where(*scope.responses))
    invited, used = _invitation_figures(consultation.id)
    questions = [
        _question_result(
            question,
            answered.get(question.id, 0),
            distribution.get(question.id, {}),
            statistics.get(question.id, NO_NUMBERS),
            texts.get(question.id, []),
        )
        for question in asked
    ]
    minimum = current_app.config["MIN_GROUP_SIZE"]
    hidden_for_group = set()
    if group:
        protected = protection(consultation)
        hidden_for_group = {
            q.question_id for q in questions if not protected.shows(q.question_id, group)
        }
        if not protected.shows(None, group):
            respondents = None
    for question in questions:
        if question.question_id in hidden_for_group:
            question.suppress()
            question.answered = 0  # the group's size would give it away too
        elif respondents is None or (
            respondents < minimum
            or question.answered < minimum
            or any(s.answered < minimum for s in question.statements)
        ):
            question.suppress()
        elif group:
            question.open_answers = []  # texts beside group values could point to a person
    return ConsultationResults(
        consultation_id=consultation.id,
        title=consultation.title,
        respondents=respondents,
        hidden_for_group=hidden_for_group,
        invited=invited,
        response_rate=_percentage(used, invited) if invited else None,
        computed_at=utcnow(),
        questions=questions,
        min_group_size=minimum,
    )


def frozen_results(figures: dict) -> ConsultationResults:
    """Results frozen as evidence, read back for showing, with today's small-group rule.

    Evidence is never changed, but what is shown of it is protected as the live results
    are: also evidence frozen before a question could be left out shows no small group.
    """
    minimum = current_app.config["MIN_GROUP_SIZE"]
    questions = [_frozen_question(q) for q in figures.get("questions", [])]
    for question in questions:
        if figures.get("respondents", 0) < minimum or question.answered < minimum:
            question.suppress()
    return ConsultationResults(
        consultation_id=figures.get("consultation_id"),
        title=figures.get("title", ""),
        respondents=figures.get("respondents", 0),
        invited=figures.get("invited", 0),
        response_rate=figures.get("response_rate"),
        computed_at=datetime.fromisoformat(figures["computed_at"]),
        questions=questions,
        min_group_size=minimum,
    )


def _frozen_question(stored: dict) -> QuestionResult:
    def counts(rows):
        return [
            AnswerCount(
                **{**row, "interval": tuple(row["interval"]) if row.get("interval") else None}
            )
            for row in rows or []
        ]

    return QuestionResult(
        stored["question_id"],
        stored["text"],
        stored["kind"],
        stored["answered"],
        counts=counts(stored.get("counts")),
        open_answers=list(stored.get("open_answers") or []),
        # Evidence frozen before the count was kept lists every open answer.
        open_answer_count=stored.get("open_answer_count", len(stored.get("open_answers") or [])),
        statements=[
            StatementResult(s["label"], s["answered"], counts(s["counts"]))
            for s in stored.get("statements") or []
        ],
        ranking=[RankedItem(**item) for item in stored.get("ranking") or []],
        # Evidence frozen before the board could theme and mark answers has neither.
        themes=[ThemeCount(**theme) for theme in stored.get("themes") or []],
        quotes=list(stored.get("quotes") or []),
        average=stored.get("average"),
        minimum=stored.get("minimum"),
        maximum=stored.get("maximum"),
        nps=stored.get("nps"),
        suppressed=stored.get("suppressed", False),
    )
