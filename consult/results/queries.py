"""Results computed by the database: counts per answer, respondents and response rate."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from consult.core.models import utcnow
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.surveys.models import AGREE_SCALE, Answer, QuestionKind, Response
from consult.surveys.services import questions_with_options


@dataclass
class AnswerCount:
    label: str
    count: int
    percentage: float  #: of those who answered the question, 0-100


@dataclass
class QuestionResult:
    question_id: int
    text: str
    kind: str
    answered: int  #: respondents who answered this question (the base of the percentages)
    counts: list[AnswerCount] = field(default_factory=list)
    open_answers: list[str] = field(default_factory=list)


@dataclass
class ConsultationResults:
    consultation_id: int
    title: str
    respondents: int
    invited: int
    response_rate: float | None  #: used invitations / invitations, 0-100; None without invitations
    computed_at: datetime
    questions: list[QuestionResult]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["computed_at"] = self.computed_at.isoformat(timespec="seconds")
        return data


def _percentage(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _grouped_counts(consultation_id: int, value_column) -> dict[int, dict]:
    """question id -> {value: count} for one answer column, in a single GROUP BY."""
    rows = db.session.execute(
        select(Answer.question_id, value_column, func.count(Answer.id))
        .join(Response, Response.id == Answer.response_id)
        .where(Response.consultation_id == consultation_id, value_column.is_not(None))
        .group_by(Answer.question_id, value_column)
    )
    counts: dict[int, dict] = defaultdict(dict)
    for question_id, value, count in rows:
        counts[question_id][value] = count
    return counts


def _open_answers(consultation_id: int) -> dict[int, list[str]]:
    rows = db.session.execute(
        select(Answer.question_id, Answer.text)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.consultation_id == consultation_id, Answer.text.is_not(None))
        .order_by(Answer.question_id, Answer.text)
    )
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


def consultation_results(consultation) -> ConsultationResults:
    """Every question's figures, the respondents and the response rate, as of now."""
    by_option = _grouped_counts(consultation.id, Answer.option_id)
    by_number = _grouped_counts(consultation.id, Answer.number)
    texts = _open_answers(consultation.id)
    respondents = db.session.scalar(
        select(func.count(Response.id)).where(Response.consultation_id == consultation.id)
    )
    invited, used = _invitation_figures(consultation.id)
    questions = []
    for question in questions_with_options(consultation):
        if question.kind == QuestionKind.OPEN_TEXT:
            answers = texts.get(question.id, [])
            questions.append(
                QuestionResult(
                    question.id, question.text, question.kind, len(answers), open_answers=answers
                )
            )
            continue
        if question.kind == QuestionKind.SINGLE_CHOICE:
            values = [(o.id, o.label) for o in question.options]
            counted = by_option.get(question.id, {})
        else:
            values = [(number, str(label)) for number, label in AGREE_SCALE.items()]
            counted = by_number.get(question.id, {})
        answered = sum(counted.values())
        counts = [
            AnswerCount(label, counted.get(value, 0), _percentage(counted.get(value, 0), answered))
            for value, label in values
        ]
        questions.append(
            QuestionResult(question.id, question.text, question.kind, answered, counts)
        )
    return ConsultationResults(
        consultation_id=consultation.id,
        title=consultation.title,
        respondents=respondents,
        invited=invited,
        response_rate=_percentage(used, invited) if invited else None,
        computed_at=utcnow(),
        questions=questions,
    )
