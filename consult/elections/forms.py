"""Forms of an election: set it up, a candidate, the ballot."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from consult.core.validators import plausible_date


class ElectionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("E.g. Election of the board, 2027."),
        validators=[DataRequired(), Length(max=200)],
    )
    seats = IntegerField(
        _l("Seats"), validators=[DataRequired(), NumberRange(min=1, max=25)], default=1
    )
    opens_on = DateField(_l("Voting opens on"), validators=[DataRequired(), plausible_date])
    closes_on = DateField(_l("Voting closes on"), validators=[DataRequired(), plausible_date])
    quorum = IntegerField(
        _l("Quorum (minimum turnout, percent)"),
        description=_l("Only when the statutes set one; leave empty otherwise."),
        validators=[Optional(), NumberRange(min=1, max=100)],
    )
    per_address = BooleanField(
        _l("One vote per address"),
        description=_l("Where the participation agreement says so; otherwise one per member."),
    )
    submit = SubmitField(_l("Set up the election"))


class CandidateForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    statement = TextAreaField(_l("Statement"), validators=[Length(max=3000)])
    photo = FileField(_l("Photo (JPEG or PNG, at most 2 MB)"))
    submit = SubmitField(_l("Add the candidate"))


class BallotForm(FlaskForm):
    """Up to ``seats`` candidates, or none with the abstain button."""

    chosen = SelectMultipleField(
        _l("Your choice"), coerce=int, option_widget=CheckboxInput(), widget=ListWidget()
    )
    submit = SubmitField(_l("Cast my vote"))
    abstain = SubmitField(_l("Abstain (blank vote)"))

    def __init__(self, election, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = election.seats
        self.chosen.choices = [(c.id, c.name) for c in election.candidates]

    def validate_chosen(self, field):
        if self.abstain.data:
            field.data = []
            return
        if not field.data:
            raise ValidationError(_l("Choose a candidate, or abstain."))
        if len(field.data) > self.seats:
            raise ValidationError(_l("Choose at most %(n)d candidates.", n=self.seats))
