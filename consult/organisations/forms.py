"""The organisation's own settings (the language of its letters, the response it aims for)
and the outbox's filter."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional

from consult.core.i18n import parsed_locale
from consult.mail.listing import OutboxFilter
from consult.mail.models import STATUS_LABELS


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
    response_target = IntegerField(
        _l("Response rate you aim for (percent of those invited)"),
        description=_l("The overview shows each open consultation's response against it."),
        validators=[
            InputRequired(_l("Enter a whole number from 1 to 100.")),
            NumberRange(1, 100, _l("Enter a whole number from 1 to 100.")),
        ],
    )
    return_address = TextAreaField(
        _l("Return address for paper questionnaires"),
        description=_l("Printed on every paper questionnaire, as you write it here."),
        validators=[Optional(), Length(max=500, message=_l("At most 500 characters."))],
    )
    contact_email = EmailField(
        _l("Contact address for tenants"),
        description=_l("Named in the accessibility statement; empty: the installation's."),
        validators=[
            Optional(),
            Email(_l("Enter an e-mail address.")),
            Length(max=254, message=_l("At most 254 characters.")),
        ],
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter_language.choices = language_choices()


class OutboxFilterForm(FlaskForm):
    """The outbox's filters: a GET form, so a filtered list is a link."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), validators=[Optional()])
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("all")),
            *(SelectChoice(status, label) for status, label in STATUS_LABELS.items()),
        ],
        validators=[Optional()],
    )

    def __init__(self, kinds: list[tuple[str, str]], *args, **kwargs):
        """:param kinds: (kind, label) of each kind of mail in the outbox."""
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice("", _l("all")), *(SelectChoice(*k) for k in kinds)]

    def filters(self) -> OutboxFilter:
        """What the form asks for (call after a successful ``validate``)."""
        return OutboxFilter(self.kind.data or "", self.status.data or "")
