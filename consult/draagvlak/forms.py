"""Forms of a draagvlakmeting: set it up, the addresses, the proposal, freezing, the vote."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from consult.core.validators import plausible_date
from consult.invitations.forms import CodeForm as BaseCodeForm


class MetingForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("E.g. Renovation of the Vogelbuurt complex, 2027."),
        validators=[DataRequired(), Length(max=200)],
    )
    question = TextAreaField(
        _l("The question to every address"),
        description=_l("Answered with agree or disagree, e.g. Do you agree with the proposal?"),
        validators=[DataRequired(), Length(max=2000)],
    )
    opens_on = DateField(_l("Voting opens on"), validators=[DataRequired(), plausible_date])
    closes_on = DateField(_l("Voting closes on"), validators=[DataRequired(), plausible_date])
    secret = BooleanField(
        _l("Secret vote"),
        description=_l("The database then keeps only that an address voted, not how."),
    )
    submit = SubmitField(_l("Start the draagvlakmeting"))


class FileForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Upload"))


class FreezeForm(FlaskForm):
    dossier = SelectField(_l("Dossier"), coerce=int)
    submit = SubmitField(_l("Freeze the result as evidence"))

    def __init__(self, dossiers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier.choices = [SelectChoice(d.id, f"{d.code} {d.title}") for d in dossiers]


class SegmentForm(FlaskForm):
    """The panel segment whose members' postal addresses are concerned."""

    value = SelectField(_l("Panel segment"), coerce=int)
    submit = SubmitField(_l("Add the addresses of this segment"))

    def __init__(self, values, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value.choices = [SelectChoice(value_id, label) for value_id, label in values]


class VoteForm(FlaskForm):
    choice = RadioField(
        _l("Your vote"),
        choices=[
            SelectChoice("agree", _l("I agree")),
            SelectChoice("disagree", _l("I do not agree")),
        ],
        validators=[DataRequired(_l("Choose agree or disagree."))],
    )
    submit = SubmitField(_l("Cast the vote of this address"))


class CodeForm(BaseCodeForm):
    """The short code from the letter to an address without e-mail."""

    submit = SubmitField(_l("Go to the vote"))
