"""Forms of the koepel: add a member organisation, give a member's position."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from consult.core.validators import plausible_date
from consult.koepel.models import STANCE_LABELS, Stance


class MemberForm(FlaskForm):
    slug = StringField(
        _l("Address name of the organisation"),
        description=_l("The part after /o/ in its addresses in Consult, e.g. hbv-noord."),
        validators=[DataRequired(), Length(max=80)],
    )
    recognised = BooleanField(
        _l("Recognised under the agreement (counts for consent)"), default=True
    )
    submit = SubmitField(_l("Invite the organisation"))


class PositionForm(FlaskForm):
    stance = RadioField(
        _l("Our position"),
        choices=[SelectChoice(s.value, label) for s, label in STANCE_LABELS.items()],
        validators=[DataRequired()],
    )
    note = TextAreaField(_l("Reasons or conditions"), validators=[Optional(), Length(max=5000)])
    decided_on = DateField(_l("Decided on"), validators=[DataRequired(), plausible_date])
    submit = SubmitField(_l("Save our position"))

    def chosen(self) -> Stance:
        return Stance(self.stance.data)
