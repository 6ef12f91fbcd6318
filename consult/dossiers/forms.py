"""Forms to open a dossier and to link a consultation's results to it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from consult.dossiers.models import ADVICE_KIND_LABELS, ADVICE_RIGHT_LABELS


class DossierForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(
        _l("Kind of advice"),
        choices=[SelectChoice(k.value, label) for k, label in ADVICE_KIND_LABELS.items()],
    )
    right = SelectField(
        _l("Right that applies"),
        choices=[SelectChoice(r.value, label) for r, label in ADVICE_RIGHT_LABELS.items()],
    )
    requested_on = DateField(_l("Date of the landlord's request"), validators=[Optional()])
    submit = SubmitField(_l("Open dossier"))


class LinkConsultationForm(FlaskForm):
    consultation = SelectField(_l("Consultation"), coerce=int)
    submit = SubmitField(_l("Link results as evidence"))

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation.choices = [SelectChoice(c.id, c.title) for c in consultations]
