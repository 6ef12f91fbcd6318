"""Consultation rules: creating, listing, and recording a submitted response."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import flow
from consult.surveys.answers import rows as answer_rows
from consult.surveys.models import Consultation, Question, Response, ResponseSegment


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


def questions_with_options(consultation) -> list[Question]:
    return db.session.scalars(
        select(Question)
        .where(Question.consultation_id == consultation.id)
        .options(selectinload(Question.options))
        .order_by(Question.page, Question.position)
    ).all()


def record_response(consultation, answers: dict[int, dict], channel, segments=()) -> Response:
    """Store a submitted response: every shown question's answer checked first.

    Answers to questions hidden by a condition are dropped, never stored.
    :param answers: question id -> answer (see ``consult.surveys.answers``); absent: skipped.
    :param segments: (dimension id, value id) pairs of the respondent, for cross-tabs.
    :raises DomainError: when an answer does not fit its question, belongs to another
        questionnaire, or a required shown question is not answered.
    """
    questions = questions_with_options(consultation)
    if set(answers) - {question.id for question in questions}:
        raise DomainError(_("The answers do not belong to this questionnaire."))
    kept = flow.shown_answers(questions, answers)
    response = Response(
        organisation_id=consultation.organisation_id,
        consultation_id=consultation.id,
        channel=channel,
        submitted_on=today(),
        segments=[ResponseSegment(dimension_id=d, value_id=v) for d, v in segments],
    )
    for question in flow.shown_questions(questions, answers):
        stored = answer_rows(question, kept.get(question.id))
        if not stored and question.required and question.asks_answer:
            raise DomainError(_("Please answer every required question."))
        response.answers.extend(stored)
    db.session.add(response)
    db.session.flush()
    return response
