"""Comparing two consultations that asked the same question: the trend from one to the other.

Questions are the same when their kind and wording are (ignoring case and outer spaces);
answers are matched by their label. Both sides are the results as the results page shows
them, so a question with too few answers on either side shows only its n.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from consult.extensions import db
from consult.results.figures import QuestionResult
from consult.results.queries import consultation_results
from consult.surveys.models.consultations import Consultation, ConsultationStatus
from consult.surveys.models.questions import Question, QuestionKind
from consult.surveys.services import consultations_of


def _key(kind: str, text: str) -> tuple[str, str]:
    """What makes two questions the same question: kind, and wording up to case and spaces."""
    return kind, " ".join(text.split()).casefold()


@dataclass(frozen=True)
class AnswerTrend:
    label: str
    earlier: float | None  #: percentage, None when the answer was not offered or not shown
    later: float | None

    @property
    def change(self) -> float | None:
        """Percentage points from the earlier to the later consultation."""
        if self.earlier is None or self.later is None:
            return None
        return round(self.later - self.earlier, 1)


@dataclass(frozen=True)
class QuestionTrend:
    text: str
    earlier: QuestionResult
    later: QuestionResult
    answers: list[AnswerTrend]

    @property
    def shown(self) -> bool:
        return not (self.earlier.suppressed or self.later.suppressed)


def comparable(consultation) -> list:
    """Other consultations of the organisation with results and a question in common; the
    questions of all of them are read in one query (this runs on every results page)."""
    rows = db.session.execute(
        select(Question.consultation_id, Question.kind, Question.text)
        .join(Consultation, Consultation.id == Question.consultation_id)
        .where(
            Consultation.organisation_id == consultation.organisation_id,
            Question.kind != QuestionKind.INFORMATION,
        )
    )
    keys: dict[int, set] = defaultdict(set)
    for consultation_id, kind, text in rows:
        keys[consultation_id].add(_key(kind, text))
    mine = keys[consultation.id]
    return [
        other
        for other in consultations_of(consultation.organisation)
        if other.id != consultation.id
        and other.status != ConsultationStatus.DRAFT
        and mine & keys[other.id]
    ]


def _answer_trends(earlier: QuestionResult, later: QuestionResult) -> list[AnswerTrend]:
    before = {count.label: count.percentage for count in earlier.counts}
    after = {count.label: count.percentage for count in later.counts}
    labels = list(dict.fromkeys([*before, *after]))
    return [AnswerTrend(label, before.get(label), after.get(label)) for label in labels]


def trend(earlier, later) -> list[QuestionTrend]:
    """Per shared question, in the later consultation's order: each answer's share in both."""
    before = {
        _key(result.kind, result.text): result for result in consultation_results(earlier).questions
    }
    found = []
    for result in consultation_results(later).questions:
        match = before.get(_key(result.kind, result.text))
        if match is not None:
            found.append(QuestionTrend(result.text, match, result, _answer_trends(match, result)))
    return found
