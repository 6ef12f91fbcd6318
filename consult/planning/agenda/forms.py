"""Forms of the agreed year agenda: agreeing a version, publishing one, proposing an item."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from consult.core.clock import today
from consult.planning.forms import quarter_name


class AgreeForm(FlaskForm):
    agreed_on = DateField(
        _l("Agreed on"), default=today, validators=[DataRequired(_l("Enter the date."))]
    )
    note = TextAreaField(
        _l("Note (optional)"),
        description=_l("For example: in the meeting with the landlord of that day."),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Mark as agreed"))


class PublishForm(FlaskForm):
    """Which agreed version is the public jaaragenda; the view sets the choices."""

    number = SelectField(_l("Public jaaragenda"), coerce=int)
    submit = SubmitField(_l("Save"))

    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self.number.choices = [SelectChoice(0, _l("Not published"))] + [
            SelectChoice(number, _l("Version %(number)d", number=number)) for number in numbers
        ]


class ProposalForm(FlaskForm):
    """The landlord proposes an item for the plan."""

    quarter = SelectField(_l("Quarter"), coerce=int, validators=[DataRequired()])
    title = StringField(
        _l("Topic"), validators=[DataRequired(_l("Give the item a title.")), Length(max=300)]
    )
    note = TextAreaField(_l("Explanation (optional)"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Propose"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.quarter.choices = [SelectChoice(q, quarter_name(q)) for q in range(1, 5)]
