"""The organisation's own settings: the language of its letters."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired

from consult.core.i18n import parsed_locale


def language_choices() -> list[tuple[str, str]]:
    """Each language of the app, named in itself: ("nl", "Nederlands"), ("en", "English")."""
    return [
        (code, parsed_locale(code).get_display_name(code).capitalize())
        for code in current_app.config["LANGUAGES"]
    ]


class OrganisationSettingsForm(FlaskForm):
    letter_language = RadioField(
        _l("Language of the advice letter"),
        description=_l(
            "The letter to the landlord is written in this language, whichever language a"
            " board member's screen shows."
        ),
        validators=[InputRequired(_l("Choose a language."))],
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter_language.choices = language_choices()
