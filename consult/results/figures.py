"""Results as figures: per question the counts, shares, intervals and statistics, built from
the rows the database counted (``question_result``) or read back from frozen evidence
(``frozen_results``); ``ConsultationResults.as_dict`` is what evidence stores."""

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _

from consult.surveys import dates
from consult.surveys.models.questions import AGREE_SCALE, RATING_POINTS, YES_NO, QuestionKind


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


def percentage(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _counts(values: list[tuple], counted: dict, base: int) -> list[AnswerCount]:
    """AnswerCount per (key, label) in ``values``, as a share of ``base``."""
    return [
        AnswerCount(
            str(label),
            counted.get(key, 0),
            percentage(counted.get(key, 0), base),
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


def _months(distribution: dict, answered: int) -> list[AnswerCount]:
    """The answers to a date question per month, earliest first, from its counts per day
    (stored as YYYYMMDD, so the month is the number divided by 100)."""
    months: dict[int, int] = defaultdict(int)
    for (_o, day), count in distribution.items():
        if day is not None:
            months[day // 100] += count
    return _counts([(m, dates.month_label(m)) for m in sorted(months)], months, answered)


def question_result(question, answered, distribution, statistics, texts) -> QuestionResult:
    """The figures of one question from the rows the database counted (``results.queries``).

    :param answered: the respondents who answered it, the base of its percentages.
    :param distribution: {(option id, number): rows}; texts counted under (None, None).
    :param statistics: the typed numbers' (average, minimum, maximum, rows).
    :param texts: the open answers to list.
    """
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
    elif kind == QuestionKind.DATE:
        result.counts = _months(distribution, answered)
    elif kind == QuestionKind.PHOTO:  # counted only (``answered``); the texts are names
        result.open_answer_count = 0
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
