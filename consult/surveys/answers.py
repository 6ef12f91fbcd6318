"""What an answer is, per question kind: checked, stored as rows, and tested by conditions.

An answer travels between the answer form, the saved draft and the service as a small
JSON-able dict; which keys it has depends on the question's kind:

- choices: ``{"options": [option ids], "other": "text after 'other, namely'"}``
- agree scale, rating, yes/no (1/0), number: ``{"number": n}``
- short and long open text: ``{"text": "..."}``
- date: ``{"date": "2026-12-07"}`` (ISO), stored as the number 20261207 (see ``dates``)
- photo: ``{"photo": "<stored name>"}``, the photo's random name, stored as text (see
  ``photos``)
- ranking: ``{"ranking": [option ids, first place first]}``
- matrix: ``{"matrix": {"<statement id>": point on the agree scale}}``

``None`` (or an empty dict) means not answered.
"""

from typing import NamedTuple

from flask_babel import gettext as _

from consult.core.errors import DomainError
from consult.surveys import dates, photos
from consult.surveys.models.questions import (
    AGREE_SCALE,
    RATING_POINTS,
    YES_NO,
    ConditionOperator,
    Question,
    QuestionKind,
)


class AnswerRow(NamedTuple):
    """One row that stores (part of) an answer, checked and not yet written: the columns of
    ``Answer`` without its response (``services.insert_answers`` writes them)."""

    question_id: int
    option_id: int | None = None
    number: int | None = None
    text: str | None = None


#: The longest open answer kept; longer input is refused with a message, never cut silently.
MAX_OPEN_ANSWER = 5000
#: The longest short open answer, and the longest "other, namely ..." text.
MAX_SHORT_ANSWER = 200
#: Numbers are kept within what every database stores as an integer.
NUMBER_LIMIT = 2_000_000_000

CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
TEXT_LIMITS = {QuestionKind.SHORT_TEXT: MAX_SHORT_ANSWER, QuestionKind.OPEN_TEXT: MAX_OPEN_ANSWER}
#: The kinds stored as several rows per response. Every other kind is at most one row: a
#: single choice is one option or one "other, namely" text, never both (see ``_choice_rows``).
#: The results count the respondents of the other kinds by their rows, without DISTINCT.
SEVERAL_ROW_KINDS = {QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING, QuestionKind.MATRIX}


def is_empty(value) -> bool:
    """Whether ``value`` says nothing: no picks, no number, no text, no places."""
    return not value or all(_blank(item) for item in value.values())


def _blank(item) -> bool:
    return item is None or item == [] or item == {} or (isinstance(item, str) and not item.strip())


def _not_fitting():
    return DomainError(_("The answers do not belong to this questionnaire."))


def rows(question: Question, value) -> list[AnswerRow]:
    """The rows that store ``value`` as the answer to ``question`` (none when empty).

    :raises DomainError: when the value is not a possible answer (tampered ids, a point off
        the scale, a number outside the limits, too long a text, too many picks).
    """
    if is_empty(value):
        return []
    kind = QuestionKind(question.kind)
    if kind in CHOICE_KINDS:
        return _choice_rows(question, value)
    if kind in TEXT_LIMITS:
        return [
            AnswerRow(question_id=question.id, text=_text(value.get("text"), TEXT_LIMITS[kind]))
        ]
    if kind == QuestionKind.RANKING:
        return _ranking_rows(question, value.get("ranking"))
    if kind == QuestionKind.MATRIX:
        return _matrix_rows(question, value.get("matrix"))
    if kind == QuestionKind.DATE:
        return [AnswerRow(question_id=question.id, number=_day_number(question, value.get("date")))]
    if kind == QuestionKind.PHOTO:
        if not photos.is_stored_name(value.get("photo")):
            raise _not_fitting()
        return [AnswerRow(question_id=question.id, text=value["photo"])]
    number = value.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise _not_fitting()
    if kind == QuestionKind.NUMBER:
        _check_number(question, number)
    elif number not in _allowed_numbers(kind):
        raise _not_fitting()
    return [AnswerRow(question_id=question.id, number=number)]


def _allowed_numbers(kind: QuestionKind):
    return {
        QuestionKind.AGREE_SCALE: AGREE_SCALE,
        QuestionKind.RATING: RATING_POINTS,
        QuestionKind.YES_NO: YES_NO,
    }.get(kind, ())


def _check_number(question: Question, number: int) -> None:
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and not low <= number <= high:
        raise DomainError(_("Please give a number from %(low)d to %(high)d.", low=low, high=high))
    if low is not None and number < low:
        raise DomainError(_("Please give a number of at least %(low)d.", low=low))
    if high is not None and number > high:
        raise DomainError(_("Please give a number of at most %(high)d.", high=high))
    if abs(number) > NUMBER_LIMIT:
        raise DomainError(_("That number is too large."))


def _day_number(question: Question, typed) -> int:
    if not isinstance(typed, str):
        raise _not_fitting()
    try:
        day = dates.parse(typed)
    except ValueError:
        message = _("Please give a date as day-month-year, for example 25-03-2026.")
        raise DomainError(message) from None
    if day is None:
        raise _not_fitting()
    dates.check(question, day)
    return dates.day_number(day)


def _text(text, limit: int) -> str:
    if not isinstance(text, str):
        raise _not_fitting()
    text = text.replace("\x00", "").strip()  # no database keeps a NUL in text
    if len(text) > limit:
        raise DomainError(_("Please keep your answer under %(n)d characters.", n=limit))
    return text


def _option_ids(question: Question, ids) -> list[int]:
    """The ids as given, each an option of ``question`` and none twice."""
    own = {option.id for option in question.options}
    if not isinstance(ids, list) or len(set(ids)) != len(ids) or not set(ids) <= own:
        raise _not_fitting()
    return ids


def _choice_rows(question: Question, value) -> list[AnswerRow]:
    picked = _option_ids(question, value.get("options") or [])
    other = (value.get("other") or "").strip()
    if other and not question.allows_other:
        raise _not_fitting()
    picks = len(picked) + (1 if other else 0)
    if question.kind == QuestionKind.SINGLE_CHOICE and picks > 1:
        raise DomainError(_("Please choose one answer."))
    if question.max_choices and picks > question.max_choices:
        raise DomainError(_("Please choose at most %(n)d answers.", n=question.max_choices))
    stored = [AnswerRow(question_id=question.id, option_id=option_id) for option_id in picked]
    if other:
        stored.append(AnswerRow(question_id=question.id, text=_text(other, MAX_SHORT_ANSWER)))
    return stored


def places(question: Question) -> int:
    """How many places a ranking question asks to fill."""
    return min(question.max_choices or len(question.options), len(question.options))


def _ranking_rows(question: Question, ranking) -> list[AnswerRow]:
    _check_chosen_once(question, ranking)
    ranked = _option_ids(question, ranking or [])
    if len(ranked) > places(question):
        raise _not_fitting()
    if question.required and len(ranked) < places(question):
        raise DomainError(_("Please fill in every place."))
    return [
        AnswerRow(question_id=question.id, option_id=option_id, number=place)
        for place, option_id in enumerate(ranked, start=1)
    ]


def _check_chosen_once(question: Question, ranking) -> None:
    """:raises DomainError: naming an item of the question chosen for more than one place."""
    if not isinstance(ranking, list):
        return
    for option in question.options:
        if ranking.count(option.id) > 1:
            raise DomainError(
                _(
                    "You chose “%(item)s” for more than one place. Choose each item once.",
                    item=option.label,
                )
            )


def _matrix_rows(question: Question, points) -> list[AnswerRow]:
    if not isinstance(points, dict):
        raise _not_fitting()
    statements = {str(option.id): option.id for option in question.options}
    if not set(points) <= set(statements) or any(p not in AGREE_SCALE for p in points.values()):
        raise _not_fitting()
    if question.required and len(points) < len(statements):
        raise DomainError(_("Please give an answer for every statement."))
    return [
        AnswerRow(question_id=question.id, option_id=statements[key], number=point)
        for key, point in points.items()
    ]


def tested_values(value) -> set[int]:
    """What a condition compares: the picked option ids, or the number."""
    if is_empty(value):
        return set()
    if "options" in value:
        return set(value.get("options") or [])
    return {value["number"]} if isinstance(value.get("number"), int) else set()


def condition_holds(question: Question, answers: dict[int, dict]) -> bool:
    """Whether ``question`` is shown, given the answers so far (question id -> value).

    "is" and "is one of" hold when the earlier answer has (one of) the values; "is not"
    holds when it has none of them, also when that question was not answered.
    """
    if question.condition_question_id is None or not question.condition_operator:
        return True
    given = tested_values(answers.get(question.condition_question_id))
    overlap = bool(given & set(question.condition_values or []))
    if question.condition_operator == ConditionOperator.NOT:
        return not overlap
    return overlap
