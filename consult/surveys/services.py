"""Consultation rules: creating, listing, and recording a submitted response."""

import uuid

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, insert, or_, select

from consult.audit import services as audit
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.extensions import db
from consult.mail.models import MessageStatus, OutboxMessage
from consult.surveys import flow, holding, kept_pages, photos
from consult.surveys.answers import AnswerRow, is_empty
from consult.surveys.answers import rows as answer_rows
from consult.surveys.models.consultations import Consultation, ConsultationStatus
from consult.surveys.models.questions import Question, in_order
from consult.surveys.models.responses import (
    Answer,
    Channel,
    Response,
    ResponseDraft,
    ResponseSegment,
)


def consultations_of(organisation) -> list[Consultation]:
    return db.session.scalars(
        select(Consultation)
        .where(Consultation.organisation_id == organisation.id)
        .order_by(Consultation.opens_on.desc(), Consultation.id.desc())
    ).all()


def create_consultation(
    organisation,
    title,
    introduction,
    opens_on,
    closes_on,
    actor=None,
    anonymous=True,
    language="nl",
):
    """A new draft consultation, anonymous unless asked otherwise.

    :param language: the language its questions are written in ("nl" or "en").

    :raises DomainError: when it would close before it opens or has no title.
    """
    if closes_on < opens_on:
        raise DomainError(_("The closing date must be on or after the opening date."))
    if not title.strip():
        raise DomainError(_("Type a title, or start from a template."))
    consultation = Consultation(
        organisation_id=organisation.id,
        title=" ".join(title.split()),  # one line: it becomes an e-mail subject
        introduction=(introduction or "").strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=anonymous,
        language=language,
    )
    db.session.add(consultation)
    db.session.flush()
    current_app.logger.info("%s added by %s", consultation, actor)
    return consultation


def questions_with_options(consultation) -> list[Question]:
    return db.session.scalars(in_order(consultation.id)).unique().all()


def enter_paper_form(
    consultation, answers: dict[int, dict], segments=(), actor=None, member_id=None
):
    """Store a paper questionnaire typed in by a volunteer (channel "paper").

    :param member_id: the member whose personal form it is (kept only when identified).

    :raises DomainError: when the consultation is a draft or archived, or an answer does not
        fit; the audit log records who entered it.
    """
    if consultation.status != ConsultationStatus.PUBLISHED:
        raise DomainError(_("Paper forms can be entered once the consultation is published."))
    questions = questions_with_options(consultation)
    if not flow.shown_answers(questions, answers):
        raise DomainError(_("Nothing was filled in: an empty form is not stored."))
    shown = {question.id for question in flow.shown_questions(questions, answers)}
    for question in questions:
        if question.id not in shown and not is_empty(answers.get(question.id)):
            raise DomainError(
                _(
                    "“%(question)s” is answered, but only applies after another answer to"
                    " “%(other)s”. Check that answer, or leave this question empty.",
                    question=question.text,
                    other=question.condition_question.text,
                )
            )
    response = record_response(consultation, answers, Channel.PAPER, segments, member_id)
    audit.record(
        consultation.organisation,
        "response.paper_entered",
        f"consultation {consultation.id}",
        actor=actor,
    )
    return response


def check_answers(consultation, answers: dict[int, dict], required: bool = True) -> list:
    """The answer rows to store for ``answers``, after checking every shown question.

    :raises DomainError: when an answer does not fit its question, belongs to another
        questionnaire, or (with ``required``) a required shown question is not answered.
    """
    return _checked(kept_pages.questionnaire_of(consultation), answers, required)


def record_response(
    consultation, answers: dict[int, dict], channel, segments=(), member_id=None, language=None
) -> uuid.UUID:
    """Store a submitted response: every shown question's answer checked first.

    Answers to questions hidden by a condition are dropped, never stored. A paper form is
    stored as it was filled in: a tenant may have skipped a required question on paper.
    :param answers: question id -> answer (see ``consult.surveys.answers``); absent: skipped.
    :param segments: (dimension id, value id) pairs of the respondent, for cross-tabs.
    :param member_id: the respondent, kept only when the consultation is identified.
    :param language: the language it was answered in; None: the consultation's own.
    :returns: the new response's id; None in an anonymous consultation, where it is held
        (``store_response``).
    :raises DomainError: when an answer does not fit its question, belongs to another
        questionnaire, or a required shown question is not answered.
    """
    db.session.flush()
    shape = kept_pages.shape_of(consultation)
    rows = response_rows(shape, answers, channel)
    return store_response(shape, rows, channel, segments, member_id, language=language)


def response_rows(shape: tuple, answers: dict[int, dict], channel) -> list[AnswerRow]:
    """``check_answers`` for a response through ``channel`` to the consultation of ``shape``
    (see ``kept_pages.shape_of``), against its kept questionnaire: nothing is read."""
    return _checked(kept_pages.questionnaire(shape), answers, channel != Channel.PAPER)


def store_response(
    shape: tuple, rows: list[AnswerRow], channel, segments=(), member_id=None, **columns
):
    """Store a checked response: written at once in an identified consultation, held back
    sealed in an anonymous one (``holding``: written later in a block, with no member).

    :param columns: further columns of the response, passed on as given.
    :returns: the new response's id; None when it is held.
    """
    if kept_pages.shape_value(shape, Consultation.anonymous) and holding.enabled():
        holding.hold(shape, rows, channel, segments, **columns)
        return None
    return write_response(shape, rows, channel, segments, member_id, **columns)


def write_response(
    shape: tuple, rows: list[AnswerRow], channel, segments=(), member_id=None, **columns
):
    """Write a checked response (see ``record_response``) of the consultation of ``shape``
    (``write_responses`` for one).

    :param columns: further columns of the response, as given.
    :returns: the new response's id.
    """
    return write_responses(shape, [(rows, channel, segments, member_id, columns)])[0]


def write_responses(shape: tuple, responses: list[tuple]) -> list[uuid.UUID]:
    """Write checked responses of the consultation of ``shape``, in the order given, in three
    inserts whatever their number: the responses, their segments, their answers. An
    anonymous response keeps no member and no day.

    :param responses: per response (its answer rows, channel, segments, member id or None,
        further columns as a dict); the columns must name the same columns for each.
    :returns: the new responses' ids, in that order.
    """
    anonymous = kept_pages.shape_value(shape, Consultation.anonymous)
    fixed = {
        "organisation_id": kept_pages.shape_value(shape, Consultation.organisation_id),
        "consultation_id": kept_pages.shape_value(shape, Consultation.id),
        "submitted_on": None if anonymous else today(),
    }
    own_language = kept_pages.shape_value(shape, Consultation.language)
    ids, written, segment_rows, answers_written = [], [], [], []
    for rows, channel, segments, member_id, columns in responses:
        response_id = uuid.uuid4()
        ids.append(response_id)
        written.append(
            {
                **fixed,
                **columns,
                "id": response_id,
                "channel": channel,
                "member_id": None if anonymous else member_id,
                # None: answered in the consultation's own language
                "language": columns.get("language") or own_language,
            }
        )
        segment_rows += [
            {"response_id": response_id, "dimension_id": d, "value_id": v} for d, v in segments
        ]
        answers_written += _answer_columns(response_id, rows)
    db.session.execute(insert(Response.__table__), written)
    if segment_rows:
        db.session.execute(insert(ResponseSegment.__table__), segment_rows)
    if answers_written:
        db.session.execute(insert(Answer.__table__), answers_written)
    return ids


def insert_answers(response_id, rows: list[AnswerRow]) -> None:
    """Write the checked answer ``rows`` of the response ``response_id`` in one insert."""
    if rows:
        db.session.execute(insert(Answer.__table__), _answer_columns(response_id, rows))


def _answer_columns(response_id, rows: list[AnswerRow]) -> list[dict]:
    return [{"response_id": response_id, **row._asdict()} for row in rows]


def _checked(questions, answers: dict[int, dict], required: bool) -> list[AnswerRow]:
    if set(answers) - {question.id for question in questions}:
        raise DomainError(_("The answers do not belong to this questionnaire."))
    kept = flow.shown_answers(questions, answers)
    rows = []
    for question in flow.shown_questions(questions, answers):
        stored = answer_rows(question, kept.get(question.id))
        if not stored and required and question.required and question.asks_answer:
            raise DomainError(_("Please answer every required question."))
        rows.extend(stored)
    return rows


def purge_closed_drafts() -> int:
    """Delete unsent answers of consultations that have closed, with their photos and any
    confirmation mail still waiting for them: they can never be sent.

    :returns: how many were deleted.
    """
    closed = db.session.execute(
        select(ResponseDraft.id, ResponseDraft.answers, Consultation.organisation_id)
        .join(Consultation, Consultation.id == ResponseDraft.consultation_id)
        .where(or_(Consultation.closes_on < today(), Consultation.closed_on <= today()))
    ).all()
    ids = [draft_id for draft_id, _answers, _organisation in closed]
    if ids:  # only then write: this runs on every round of the mail worker
        photos.discard_unsent([(answers, organisation) for _id, answers, organisation in closed])
        waiting = [f"open_confirm:{draft_id}:" for draft_id in ids]
        db.session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status == MessageStatus.PENDING,
                or_(*(OutboxMessage.idempotency_key.startswith(k) for k in waiting)),
            )
        )
        db.session.execute(delete(ResponseDraft).where(ResponseDraft.id.in_(ids)))
        db.session.commit()
    return len(ids)
