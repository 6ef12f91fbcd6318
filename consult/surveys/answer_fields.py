"""The answer form's date and photo questions: their fields, and the photos posted with a page
(see ``answer_forms`` for the other kinds, and ``photos`` for what happens to a photo)."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField
from wtforms.validators import Optional

from consult.core.errors import DomainError
from consult.surveys import photos
from consult.surveys.models.questions import Question, QuestionKind

#: What the phone's camera or gallery may offer for a photo question.
PHOTO_ACCEPT = "image/jpeg,image/png,image/heic"


def fields_of(question: Question) -> dict:
    """The fields of a date or photo question by name, the one labelled by it first: a date
    box, or a file input with the name of the photo kept so far (hidden)."""
    name = f"q{question.id}"
    if question.kind == QuestionKind.DATE:
        hint = _("Day-month-year, for example 25-03-2026.")
        return {
            name: StringField(
                question.text,
                validators=[Optional()],
                description=" ".join(filter(None, [question.help_text, hint])),
                render_kw=_date_attributes(question),
            )
        }
    return {
        name: FileField(
            question.text,
            description=question.help_text,
            render_kw={"accept": PHOTO_ACCEPT, "capture": "environment"},
        ),
        f"{name}_kept": HiddenField(),
    }


def _date_attributes(question: Question) -> dict:
    """A native date picker; where a browser has none, a text box for dd-mm-jjjj. Only the
    fixed bounds go in the page (a kept page must not carry yesterday's "today")."""
    attributes = {"type": "date", "placeholder": _l("dd-mm-yyyy"), "autocomplete": "off"}
    if question.earliest_on:
        attributes["min"] = question.earliest_on.isoformat()
    if question.latest_on:
        attributes["max"] = question.latest_on.isoformat()
    return attributes


class PhotoUploads:
    """The photos posted with an answer page (a part of ``answer_forms.AnswerForm``)."""

    #: Question id -> the photo stored from this post, or why it was refused.
    _photos: dict[int, str]
    _photo_problems: dict[int, str]

    def take_photos(self, organisation_id: int, anonymous: bool) -> None:
        """Store each photo posted with the page (checked, stripped, see ``photos``); a
        refused one gets its message beside the question, and the photo kept before stays."""
        for question in self.questions:
            upload = self[f"q{question.id}"].data if question.kind == QuestionKind.PHOTO else None
            if not upload or not getattr(upload, "filename", None):
                continue
            with upload.stream:  # a large one waits in a temporary file: closed at once
                data = upload.read(current_app.config["MAX_PHOTO_BYTES"] + 1)
            try:
                self._photos[question.id] = photos.accept(organisation_id, data, anonymous)
            except DomainError as error:
                self._photo_problems[question.id] = str(error.message)

    def photo_problems(self) -> list[str]:
        """Why photos posted with the page were refused (see ``take_photos``)."""
        return list(self._photo_problems.values())
