"""Forms for the decision on consent and the landlord's response."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from consult.core.validators import plausible_date
from consult.dossiers.consent.models import DECISION_LABELS


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Our decision"),
        choices=[SelectChoice(d.value, label) for d, label in DECISION_LABELS.items()],
        validators=[DataRequired(_l("Choose the decision."))],
    )
    reasons = TextAreaField(
        _l("Our reasons"),
        description=_l("Required under conditions or when consent is withheld."),
        validators=[Optional(), Length(max=10000)],
    )
    conditions = TextAreaField(
        _l("Conditions"),
        description=_l(
            "Under conditions: the conditions of our consent. Withheld: the conditions under "
            "which we would give it."
        ),
        validators=[Optional(), Length(max=10000)],
    )
    decided_on = DateField(
        _l("Date of the decision"),
        validators=[DataRequired(_l("Enter the date.")), plausible_date],
    )
    submit = SubmitField(_l("Record the decision"))


class ResponseForm(FlaskForm):
    response = TextAreaField(
        _l("The landlord's response"), validators=[DataRequired(), Length(max=10000)]
    )
    received_on = DateField(
        _l("Date the response was received"),
        validators=[DataRequired(_l("Enter the date.")), plausible_date],
    )
    submit = SubmitField(_l("Save the response"))


class LandlordResponseForm(FlaskForm):
    """The landlord's own response to the decision, entered on its page (dated today)."""

    response = TextAreaField(
        _l("Your response to the decision"),
        validators=[DataRequired(_l("Write your response.")), Length(max=10000)],
    )
    submit = SubmitField(_l("Send your response"))
