"""The answers per respondent as a spreadsheet, anonymised: one row per response.

No member, invitation, time or segment goes into the file, and the rows come in an order that
says nothing of when they were sent. The small-group rules of the results page apply: no file
below MIN_GROUP_SIZE respondents, no answers to a question the page shows only the n of, and
the channel only where the page may split by it (not while an anonymous consultation runs,
see ``results.running``).
"""

import hashlib
import hmac
import secrets
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.core.spreadsheets import spreadsheet
from consult.extensions import db
from consult.results import running
from consult.results.queries import consultation_results, respondents_per_channel, split_by_channel
from consult.surveys import dates
from consult.surveys.models.questions import AGREE_SCALE, NUMBER_KINDS, YES_NO, QuestionKind
from consult.surveys.models.responses import CHANNEL_LABELS, Answer, Response
from consult.surveys.services import questions_with_options

#: The stored rows of one answer: (option id, number, text) each; see ``Answer``.
Parts = list[tuple]
#: A column: its heading, and its cell given the parts of an answer that was given.
Column = tuple[str, Callable[[Parts], object]]


def _option_label(labels: dict[int, str], parts: Parts) -> str:
    return next((labels[option] for option, _n, _t in parts if option), _("Other"))


def _picked(option_id: int, parts: Parts) -> int:
    return int(any(option == option_id for option, _n, _t in parts))


def _number_of(option_id: int, parts: Parts):
    return next((number for option, number, _t in parts if option == option_id), "")


def _other_text(parts: Parts) -> str:
    return next((text for option, _n, text in parts if option is None and text), "")


def _legend(kind: QuestionKind) -> str:
    """What the numbers in the cells mean, to put after the heading."""
    if kind in (QuestionKind.AGREE_SCALE, QuestionKind.MATRIX):
        return " " + _("(1 = %(low)s, 5 = %(high)s)", low=AGREE_SCALE[1], high=AGREE_SCALE[5])
    if kind == QuestionKind.YES_NO:
        return " " + _("(1 = %(yes)s, 0 = %(no)s)", yes=YES_NO[1], no=YES_NO[0])
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return " " + _("(1 = chosen, 0 = not chosen)")
    if kind == QuestionKind.RANKING:
        return " " + _("(place, 1 = most important)")
    return ""


def _columns(question) -> list[Column]:
    """The columns of one question: per option for multiple choice, matrices and rankings."""
    kind, text = QuestionKind(question.kind), question.text
    legend = _legend(kind)
    if kind == QuestionKind.SINGLE_CHOICE:
        labels = {option.id: option.label for option in question.options}
        columns = [(text, partial(_option_label, labels))]
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        columns = [
            (f"{text} – {o.label}{legend}", partial(_picked, o.id)) for o in question.options
        ]
    elif kind in (QuestionKind.MATRIX, QuestionKind.RANKING):
        columns = [
            (f"{text} – {o.label}{legend}", partial(_number_of, o.id)) for o in question.options
        ]
    elif kind == QuestionKind.PHOTO:  # never the photo itself: it stays with the board
        columns = [(text, lambda parts: _("photo"))]
    elif kind == QuestionKind.DATE:
        columns = [(text, lambda parts: dates.from_day_number(parts[0][1]))]
    elif kind in NUMBER_KINDS:
        columns = [(text + legend, lambda parts: parts[0][1])]
    else:
        columns = [(text, lambda parts: parts[0][2])]
    if question.allows_other and kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        columns.append((text + " – " + _("Other, namely"), _other_text))
    return columns


def _left_out(question, minimum: int) -> list[Column]:
    """One empty column for a question the results page shows only the n of."""
    note = _("fewer than %(k)d answers: not shown", k=minimum)
    return [(f"{question.text} ({note})", lambda parts: "")]


def _answers_per_response(consultation) -> dict:
    """response id -> question id -> the parts of its answer, all read in one query."""
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.option_id, Answer.number, Answer.text)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.consultation_id == consultation.id)
    )
    answers: dict = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, *parts in rows:
        answers[response_id][question_id].append(tuple(parts))
    return answers


def _ordered_responses(consultation, salt: bytes) -> list:
    """(id, channel) of each response, sorted by a keyed hash (HMAC) of the id."""
    rows = db.session.execute(
        select(Response.id, Response.channel).where(Response.consultation_id == consultation.id)
    )
    return sorted(rows, key=lambda row: hmac.new(salt, row.id.bytes, hashlib.sha256).digest())


def raw_table(consultation, salt: bytes | None = None) -> tuple[list[str], list[list]]:
    """The heading and one row per response, without anything that points to a person.

    :param salt: the key that orders the rows (see ``_ordered_responses``): new and random
        for every export unless given (tests), so the order says nothing of the time of
        sending, and one salt always gives the same file.
    :raises DomainError: when fewer than MIN_GROUP_SIZE people responded.
    """
    minimum = current_app.config["MIN_GROUP_SIZE"]
    results = consultation_results(consultation)
    if results.respondents < minimum:
        raise DomainError(
            _(
                "Fewer than %(k)d people have answered, so the answers per respondent cannot be "
                "downloaded: with so few, an answer could point to the person who gave it.",
                k=minimum,
            )
        )
    left_out = {question.question_id for question in results.questions if question.suppressed}
    questions = [
        (q.id, _left_out(q, minimum) if q.id in left_out else _columns(q))
        for q in questions_with_options(consultation)
        if q.asks_answer
    ]
    with_channel = not running.holds_back_groups(consultation) and split_by_channel(
        respondents_per_channel(consultation)
    )
    header = [_("Channel")] if with_channel else []
    header += [heading for _id, columns in questions for heading, _cell in columns]
    answers = _answers_per_response(consultation)
    rows = []
    for response_id, channel in _ordered_responses(consultation, salt or secrets.token_bytes(16)):
        row = [str(CHANNEL_LABELS[channel])] if with_channel else []
        for question_id, columns in questions:
            parts = answers[response_id].get(question_id)
            row += [cell(parts) if parts else "" for _heading, cell in columns]
        rows.append(row)
    return header, rows


def export_raw(consultation, kind: str, actor=None, salt: bytes | None = None) -> bytes:
    """The answers per respondent as CSV or XLSX, formula-safe; the audit log notes the
    export with its size, never its content.

    :raises DomainError: when fewer than MIN_GROUP_SIZE people responded (nothing recorded).
    """
    header, rows = raw_table(consultation, salt)
    audit.record(
        consultation.organisation,
        "responses.exported",
        consultation.title,
        actor=actor,
        kind=kind,
        rows=len(rows),
    )
    return spreadsheet(kind, header, rows, _("Answers"))
