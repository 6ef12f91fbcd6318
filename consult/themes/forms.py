"""Forms for a year theme and for letting something carry it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from consult.themes.services import CARRIERS, label_of


class ThemeForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Enter the year."))])
    title = StringField(
        _l("Theme"), validators=[DataRequired(_l("Give the theme a title.")), Length(max=200)]
    )
    goals = TextAreaField(_l("Goals"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Add theme"))


class CarryForm(FlaskForm):
    thing = SelectField(_l("Carries this theme"))
    submit = SubmitField(_l("Link"))

    def __init__(self, *args, things=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._things = {
            f"{kind}:{thing.id}": (kind, thing)
            for kind, found in (things or {}).items()
            for thing in found
        }
        self.thing.choices = [
            SelectChoice(value, f"{CARRIERS[kind][1]}: {label_of(kind, thing)}")
            for value, (kind, thing) in self._things.items()
        ]

    def chosen(self):
        """(kind, the chosen dossier, consultation, meeting, plan item or working group)."""
        return self._things[self.thing.data]
