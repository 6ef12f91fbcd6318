"""Changing sent answers until closing (identified consultations only).

A member of an identified consultation may look at the answers they sent and change them
until the consultation closes. The response stays one row: its answers are read back into
a draft (``sent_answers``), changed page by page like any draft, and on sending replace the
response's answers (``replace_answers``). Anonymous responses are tied to nobody, so they
cannot be found again and cannot change. Frozen evidence is a copy of the figures of its
moment and is never recomputed, so a change reaches only the live results.
"""

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import delete, select

from consult.core import uploads
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import dates, flow, kept_pages, photos
from consult.surveys.answers import CHOICE_KINDS, TEXT_LIMITS, AnswerRow
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import AGREE_SCALE, YES_NO, Question, QuestionKind
from consult.surveys.models.responses import Answer, Response
from consult.surveys.services import insert_answers


def response_of(consultation_id: int, member_id: int) -> Response | None:
    """The member's response to an identified consultation (there is at most one)."""
    return db.session.scalar(
        select(Response).where(
            Response.consultation_id == consultation_id, Response.member_id == member_id
        )
    )


def sent_answers(response: Response, questions: list[Question]) -> dict[int, dict]:
    """The response's answers as the answer form takes them (question id -> answer)."""
    parts: dict[int, list[tuple]] = defaultdict(list)
    for answer in response.answers:
        parts[answer.question_id].append((answer.option_id, answer.number, answer.text))
    return {q.id: _value(q, parts[q.id]) for q in questions if parts.get(q.id)}


def sent_overview(response: Response, questions: list[Question]) -> list[tuple[int, str, str]]:
    """(number, question, answer in words) of each question the member was shown, in order;
    an empty answer for one left open."""
    answers = sent_answers(response, questions)
    numbers = flow.numbers(questions)
    return [
        (numbers[q.id], q.text, shown_answer(q, answers[q.id]) if q.id in answers else "")
        for q in flow.shown_questions(questions, answers)
        if q.asks_answer
    ]


def _value(question: Question, parts: list[tuple]) -> dict:
    """The answer stored as ``parts`` (option id, number, text), inverse of ``answers.rows``."""
    kind = QuestionKind(question.kind)
    if kind in CHOICE_KINDS:
        other = next((text for option, _n, text in parts if option is None and text), "")
        return {"options": [option for option, _n, _t in parts if option], "other": other}
    if kind in TEXT_LIMITS:
        return {"text": parts[0][2]}
    if kind == QuestionKind.RANKING:
        return {"ranking": [option for option, _n, _t in sorted(parts, key=lambda p: p[1])]}
    if kind == QuestionKind.MATRIX:
        return {"matrix": {str(option): number for option, number, _t in parts}}
    if kind == QuestionKind.DATE:
        return {"date": dates.from_day_number(parts[0][1]).isoformat()}
    if kind == QuestionKind.PHOTO:
        return {"photo": parts[0][2]}
    return {"number": parts[0][1]}


def shown_answer(question: Question, value: dict) -> str:
    """An answer in words, as the member gave it, for the page of sent answers."""
    kind = QuestionKind(question.kind)
    labels = {option.id: option.label for option in question.options}
    if kind in CHOICE_KINDS:
        chosen = [labels[option] for option in value.get("options", [])]
        if value.get("other"):
            chosen.append(_("Other: %(text)s", text=value["other"]))
        return ", ".join(chosen)
    if kind == QuestionKind.RANKING:
        return ", ".join(f"{n}. {labels[o]}" for n, o in enumerate(value["ranking"], start=1))
    if kind == QuestionKind.MATRIX:
        return "; ".join(
            f"{labels[int(key)]}: {AGREE_SCALE[point]}" for key, point in value["matrix"].items()
        )
    if kind == QuestionKind.DATE:
        return dates.shown(dates.parse(value["date"]))
    if kind == QuestionKind.PHOTO:
        return _("A photo (only the board sees it)")
    if kind == QuestionKind.AGREE_SCALE:
        return str(AGREE_SCALE[value["number"]])
    if kind == QuestionKind.YES_NO:
        return str(YES_NO[value["number"]])
    return str(value.get("text", value.get("number", "")))


def _discard_replaced_photos(shape: tuple, response_id, kept: set[str]) -> None:
    """Remove, once committed, the files of the response's photos that the change drops."""
    sent = db.session.scalars(
        select(Answer.text)
        .join(Question, Question.id == Answer.question_id)
        .where(Answer.response_id == response_id, Question.kind == QuestionKind.PHOTO)
    )
    organisation_id = kept_pages.shape_value(shape, Consultation.organisation_id)
    for name in set(sent) - kept:
        if photos.is_stored_name(name):
            uploads.discard_after_commit(uploads.path_of(organisation_id, name))


def replace_answers(shape: tuple, rows: list[AnswerRow], member_id: int):
    """Put ``rows`` (checked, see ``services.response_rows``) in place of the answers of the
    member's response to the consultation of ``shape``, in the caller's transaction.

    The response row is locked first (PostgreSQL), so two changes sent at once are applied
    one after the other, each whole; the caller lets only one of them through (the draft is
    taken by one DELETE, see ``invitations.submitting.resend``).
    :returns: the response's id.
    :raises DomainError: when the member has no response (it was erased meanwhile).
    """
    consultation_id = kept_pages.shape_value(shape, Consultation.id)
    response_id = db.session.scalar(
        select(Response.id)
        .where(Response.consultation_id == consultation_id, Response.member_id == member_id)
        .with_for_update()
    )
    if response_id is None:
        raise DomainError(_("Your earlier answers can no longer be found, so they cannot change."))
    _discard_replaced_photos(shape, response_id, {a.text for a in rows if a.text})
    db.session.execute(delete(Answer).where(Answer.response_id == response_id))
    insert_answers(response_id, rows)
    return response_id
