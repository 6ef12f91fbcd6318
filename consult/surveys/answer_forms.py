"""The tenant's answer form for one page: a plain HTML control per question kind.

Everything works without JavaScript: radio buttons and checkboxes for choices and scales,
one select per place for a ranking, a radio group per statement for a matrix. The form turns
what was posted into answers (see ``consult.surveys.answers``) and checks them with the same
rules the service applies, so a message appears next to the question it is about.
"""

import functools

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from consult.core.errors import DomainError
from consult.surveys import answer_fields, dates
from consult.surveys.answers import MAX_SHORT_ANSWER, is_empty, places, rows
from consult.surveys.models.questions import (
    AGREE_SCALE,
    RATING_POINTS,
    YES_NO,
    Question,
    QuestionKind,
)

#: The value of the "other, namely" choice.
OTHER = "other"
#: What to do when a required question is left open, in plain words, by kind.
MISSING = {
    QuestionKind.YES_NO: _l("Choose Yes or No."),
    QuestionKind.SINGLE_CHOICE: _l("Choose one answer."),
    QuestionKind.AGREE_SCALE: _l("Choose one answer."),
    QuestionKind.MULTIPLE_CHOICE: _l("Choose one or more answers."),
    QuestionKind.RATING: _l("Choose a number from 0 to 10."),
    QuestionKind.NUMBER: _l("Type a number."),
    QuestionKind.DATE: _l("Give a date."),
    QuestionKind.PHOTO: _l("Add a photo."),
    QuestionKind.SHORT_TEXT: _l("Type your answer."),
    QuestionKind.OPEN_TEXT: _l("Type your answer."),
    QuestionKind.RANKING: _l("Choose an item for each place."),
    QuestionKind.MATRIX: _l("Choose an answer for each statement."),
}


def _radios(question, choices, name=None):
    return RadioField(
        name or question.text,
        choices=choices,
        validators=[Optional()],
        description=question.help_text,
    )


def _choice_list(question):
    choices = [SelectChoice(str(option.id), option.label) for option in question.options]
    if question.allows_other:
        choices.append(SelectChoice(OTHER, _l("Other, namely:")))
    return choices


def _fields_of(question: Question) -> dict:
    """The form fields for one question, by name; the first is the one labelled by it."""
    kind, name = QuestionKind(question.kind), f"q{question.id}"
    fields = {}
    if kind == QuestionKind.SINGLE_CHOICE:
        fields[name] = _radios(question, _choice_list(question))
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        fields[name] = SelectMultipleField(
            question.text,
            choices=_choice_list(question),
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validators=[Optional()],
            description=question.help_text,
        )
    elif kind in (QuestionKind.AGREE_SCALE, QuestionKind.YES_NO, QuestionKind.RATING):
        points = {QuestionKind.AGREE_SCALE: AGREE_SCALE, QuestionKind.YES_NO: YES_NO}.get(
            kind, {number: str(number) for number in RATING_POINTS}
        )
        fields[name] = _radios(
            question, [SelectChoice(str(n), label) for n, label in points.items()]
        )
    elif kind in (QuestionKind.NUMBER, QuestionKind.SHORT_TEXT, QuestionKind.OPEN_TEXT):
        fields[name] = (TextAreaField if kind == QuestionKind.OPEN_TEXT else StringField)(
            question.text,
            validators=[Optional()],
            description=question.help_text,
            render_kw={"inputmode": "numeric"} if kind == QuestionKind.NUMBER else None,
        )
    elif kind in (QuestionKind.DATE, QuestionKind.PHOTO):
        fields.update(answer_fields.fields_of(question))
    elif kind == QuestionKind.RANKING:
        items = [SelectChoice("", _l("(choose)"))] + _choice_list(question)
        for place in range(1, places(question) + 1):
            fields[f"{name}_{place}"] = SelectField(
                _l("Place %(n)d", n=place), choices=items, validators=[Optional()]
            )
    elif kind == QuestionKind.MATRIX:
        scale = [SelectChoice(str(n), label) for n, label in AGREE_SCALE.items()]
        for option in question.options:
            fields[f"{name}_{option.id}"] = _radios(question, scale, name=option.label)
    if question.allows_other:
        fields[f"{name}_other"] = StringField(
            _l("Other, namely:"), validators=[Optional()], render_kw={"maxlength": MAX_SHORT_ANSWER}
        )
    return fields


class AnswerForm(answer_fields.PhotoUploads, FlaskForm):
    """Base of a page's answer form; fields are added by ``answer_form``."""

    def __init__(self, *args, questions=(), field_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self._field_names = field_names or {}
        #: Photo questions: the photo stored from this post, or why it was refused.
        self._photos: dict[int, str] = {}
        self._photo_problems: dict[int, str] = {}

    def fields_of(self, question: Question) -> list:
        """The question's fields, in the order they are shown."""
        return [self[name] for name in self._field_names[question.id]]

    def answers(self) -> dict[int, dict]:
        """Question id -> the answer as posted (information blocks have none)."""
        return {
            question.id: self._answer(question)
            for question in self.questions
            if question.asks_answer
        }

    def draft_answers(self) -> dict[int, dict]:
        """Question id -> the answer as posted, kept as it is, right or wrong, to be saved for
        later: a ranking keeps its places (an empty place is None), a number that is not one
        keeps what was typed (``{"typed": ...}``). ``fill`` shows both again."""
        kept = {}
        for question in self.questions:
            if not question.asks_answer:
                continue
            name = f"q{question.id}"
            if question.kind == QuestionKind.RANKING:
                chosen = [self[f"{name}_{p}"].data for p in range(1, places(question) + 1)]
                ranking = [int(c) if c and c.isdigit() else None for c in chosen]
                while ranking and ranking[-1] is None:
                    ranking.pop()
                kept[question.id] = {"ranking": ranking}
                continue
            try:
                kept[question.id] = self._answer(question)
            except ValueError:
                kept[question.id] = {"typed": self[name].data}
        return kept

    def _answer(self, question: Question) -> dict:
        kind, name = QuestionKind(question.kind), f"q{question.id}"
        if kind == QuestionKind.RANKING:
            chosen = [self[f"{name}_{p}"].data for p in range(1, places(question) + 1)]
            return {"ranking": [int(c) for c in chosen if c and c.isdigit()]}
        if kind == QuestionKind.MATRIX:
            points = {str(o.id): self[f"{name}_{o.id}"].data for o in question.options}
            return {"matrix": {key: int(point) for key, point in points.items() if point}}
        if kind == QuestionKind.PHOTO:
            photo = self._photos.get(question.id) or self[f"{name}_kept"].data
            return {"photo": photo} if photo else {}
        data = self[name].data
        if kind in (QuestionKind.SHORT_TEXT, QuestionKind.OPEN_TEXT):
            return {"text": data or ""}
        if kind == QuestionKind.NUMBER:
            typed = (data or "").strip().replace(" ", "")
            return {"number": int(typed)} if typed else {}
        if kind == QuestionKind.DATE:
            day = dates.parse(data)
            return {"date": day.isoformat()} if day else {}
        if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            picked, other = self._picked(question)
            return {"options": [int(p) for p in picked if p != OTHER], "other": other}
        return {"number": int(data)} if data not in (None, "", "None") else {}

    def _picked(self, question: Question) -> tuple[list[str], str]:
        """The ticked choices and the "other" text (typed text counts only when "other" is
        ticked, or when nothing is ticked on a single-choice question)."""
        name = f"q{question.id}"
        data = self[name].data
        picked = data if isinstance(data, list) else [data] if data else []
        typed = (self[f"{name}_other"].data or "").strip() if question.allows_other else ""
        if typed and not picked and question.kind == QuestionKind.SINGLE_CHOICE:
            picked = [OTHER]
        return picked, typed if OTHER in picked else ""

    def check(self, required: bool = True) -> bool:
        """Validate the fields and then each answer by the questionnaire's rules.

        A message goes to the question's first field; returns whether all is well.
        :param required: whether unanswered required questions count as a problem (not when
            going back or saving for later).
        """
        valid = self.validate()
        for question in self.questions:
            if not question.asks_answer:
                continue
            fields = self.fields_of(question)
            if any(field.errors for field in fields):
                continue
            first = fields[0]
            message = self._problem(question, required)
            if message:
                first.errors = [*first.errors, message]
                valid = False
        return valid

    def _problem(self, question: Question, required: bool) -> str | None:
        if question.id in self._photo_problems:
            return self._photo_problems[question.id]
        try:
            value = self._answer(question)
        except ValueError:
            if question.kind == QuestionKind.DATE:
                return _("Please give a date as day-month-year, for example 25-03-2026.")
            return _("Please type a whole number, for example 3.")
        if "options" in value and OTHER in self._picked(question)[0] and not value["other"]:
            return _("Please type what you mean by 'other'.")
        if is_empty(value):
            return (
                str(MISSING[QuestionKind(question.kind)])
                if required and question.required
                else None
            )
        try:
            rows(question, value)
        except DomainError as error:
            return str(error.message)
        return None

    def mark_problems(self) -> None:
        """Put a message beside each filled-in answer that cannot be sent as it is (saved for
        later with a mistake); open questions get none."""
        for question in self.questions:
            if question.asks_answer:
                message = self._problem(question, required=False)
                if message:
                    self.fields_of(question)[0].errors = [message]

    def fill(self, answers: dict[int, dict]) -> None:
        """Show earlier answers (from a saved draft) in the fields."""
        for question in self.questions:
            value = answers.get(question.id) or {}
            name = f"q{question.id}"
            if "ranking" in value:
                for place, option_id in enumerate(value["ranking"], start=1):
                    if f"{name}_{place}" in self and option_id is not None:
                        self[f"{name}_{place}"].data = str(option_id)
            elif "matrix" in value:
                for key, point in value["matrix"].items():
                    if f"{name}_{key}" in self:
                        self[f"{name}_{key}"].data = str(point)
            elif "options" in value:
                picked = [str(o) for o in value["options"]] + (
                    [OTHER] if value.get("other") else []
                )
                multiple = question.kind == QuestionKind.MULTIPLE_CHOICE
                self[name].data = picked if multiple else (picked[0] if picked else None)
                if question.allows_other:
                    self[f"{name}_other"].data = value.get("other", "")
            elif "number" in value:
                self[name].data = str(value["number"])
            elif "date" in value:
                self[name].data = value["date"]
            elif "photo" in value:
                self[f"{name}_kept"].data = value["photo"]
            elif "text" in value:
                self[name].data = value["text"]
            elif "typed" in value:
                self[name].data = value["typed"]


def question_fields(questions: list[Question]) -> tuple[dict, dict[int, list[str]]]:
    """The fields of ``questions`` by name, and each question's field names in order."""
    fields, names = {}, {}
    for question in questions:
        own = _fields_of(question)
        fields.update(own)
        names[question.id] = list(own)
    return fields, names


def answer_form(questions: list[Question], **kwargs) -> AnswerForm:
    """An AnswerForm with the fields of ``questions`` (one page)."""
    form_class, names = _page_form_class(tuple(questions))
    return form_class(questions=questions, field_names=names, **kwargs)


@functools.lru_cache(maxsize=256)
def _page_form_class(questions: tuple[Question, ...]) -> tuple[type, dict[int, list[str]]]:
    """The form class of a page of these very question objects, and its field names: built
    once per page of a kept questionnaire (see ``kept_pages``; its questions are read only, and
    a changed questionnaire is loaded as new objects). The key holds the objects themselves,
    so it never matches another page's; labels are lazy, so one class serves every language.
    Its CSRF token is the page's own hidden field, checked for every post by ``CSRFProtect``
    (``extensions.csrf``) before the page is read, so the form neither makes nor checks one."""
    fields, names = question_fields(list(questions))
    return type("PageAnswerForm", (AnswerForm,), {**fields, "Meta": _NoFormCsrf}), names


class _NoFormCsrf:
    csrf = False
