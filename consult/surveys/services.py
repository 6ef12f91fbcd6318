"""Consultation rules: building, publishing, and recording a submitted response."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys.models import (
    AGREE_SCALE,
    Answer,
    Consultation,
    ConsultationState,
    Question,
    QuestionKind,
    QuestionOption,
    Response,
    ResponseSegment,
)

#: The longest open answer kept; longer input is refused with a message, never cut silently.
MAX_OPEN_ANSWER = 5000


def today() -> date:
    """Today in the Netherlands, the calendar consultations open and close by."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def consultations_of(organisation) -> list[Consultation]:
    return db.session.scalars(
        select(Consultation)
        .where(Consultation.organisation_id == organisation.id)
        .order_by(Consultation.opens_on.desc(), Consultation.id.desc())
    ).all()


def create_consultation(organisation, title, introduction, opens_on, closes_on, actor=None):
    """A new draft consultation.

    :raises DomainError: when it would close before it opens.
    """
    if closes_on < opens_on:
        raise DomainError(_("The closing date must be on or after the opening date."))
    consultation = Consultation(
        organisation_id=organisation.id,
        title=" ".join(title.split()),  # one line: it becomes an e-mail subject
        introduction=(introduction or "").strip(),
        opens_on=opens_on,
        closes_on=closes_on,
    )
    db.session.add(consultation)
    db.session.flush()
    current_app.logger.info("%s added by %s", consultation, actor)
    return consultation


def add_question(consultation, kind: QuestionKind, text, help_text="", required=True, options=()):
    """Append a question; single-choice questions need at least two options.

    :raises DomainError: when the consultation is published or options are missing.
    """
    if consultation.state_on(today()) != ConsultationState.DRAFT:
        raise DomainError(_("Questions can only be added while the consultation is a draft."))
    labels = [label.strip() for label in options if label.strip()]
    if kind == QuestionKind.SINGLE_CHOICE and len(labels) < 2:
        raise DomainError(_("A single-choice question needs at least two options."))
    question = Question(
        kind=kind,
        text=text.strip(),
        help_text=(help_text or "").strip(),
        required=required,
        position=len(consultation.questions),
        options=[QuestionOption(label=label, position=i) for i, label in enumerate(labels)]
        if kind == QuestionKind.SINGLE_CHOICE
        else [],
    )
    consultation.questions.append(question)
    db.session.flush()
    return question


def questions_with_options(consultation) -> list[Question]:
    return db.session.scalars(
        select(Question)
        .where(Question.consultation_id == consultation.id)
        .options(selectinload(Question.options))
        .order_by(Question.position)
    ).all()


def record_response(consultation, answers: dict[int, object], channel, segments=()) -> Response:
    """Store a submitted response: every answer checked against its question first.

    :param answers: question id -> option id, scale number or text (absent when skipped).
    :param segments: (dimension id, value id) pairs of the respondent, for cross-tabs.
    :raises DomainError: when an answer does not fit its question or a required one is missing.
    """
    response = Response(
        organisation_id=consultation.organisation_id,
        consultation_id=consultation.id,
        channel=channel,
        submitted_on=today(),
        segments=[ResponseSegment(dimension_id=d, value_id=v) for d, v in segments],
    )
    questions = {q.id: q for q in questions_with_options(consultation)}
    if set(answers) - set(questions):
        raise DomainError(_("The answers do not belong to this questionnaire."))
    for question in questions.values():
        value = answers.get(question.id)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if question.required:
                raise DomainError(_("Please answer every required question."))
            continue
        response.answers.append(_answer(question, value))
    db.session.add(response)
    db.session.flush()
    return response


def _answer(question: Question, value) -> Answer:
    """:raises DomainError: when ``value`` is not a possible answer to ``question``."""
    kind = QuestionKind(question.kind)
    if kind == QuestionKind.SINGLE_CHOICE and value in {o.id for o in question.options}:
        return Answer(question_id=question.id, option_id=value)
    if kind == QuestionKind.AGREE_SCALE and value in AGREE_SCALE:
        return Answer(question_id=question.id, number=value)
    if kind == QuestionKind.OPEN_TEXT and isinstance(value, str):
        if len(value) > MAX_OPEN_ANSWER:
            raise DomainError(_("Your answer is too long."))
        return Answer(question_id=question.id, text=value)
    raise DomainError(_("The answers do not belong to this questionnaire."))
