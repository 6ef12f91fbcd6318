"""Forms to open a dossier and to link a consultation's results to it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from consult.dossiers.models import ADVICE_KIND_LABELS, ADVICE_RIGHT_LABELS, AdviceKind


class DossierForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of advice"), choices=list(ADVICE_KIND_LABELS.items()))
    right = SelectField(_l("Right that applies"), choices=list(ADVICE_RIGHT_LABELS.items()))
    requested_on = DateField(_l("Date of the landlord's request"), validators=[Optional()])
    submit = SubmitField(_l("Open dossier"))

    def validate_requested_on(self, field):
        if self.kind.data == AdviceKind.REQUESTED and field.data is None:
            raise ValueError(_l("Enter the date of the landlord's request."))


class LinkConsultationForm(FlaskForm):
    consultation = SelectField(_l("Consultation"), coerce=int)
    submit = SubmitField(_l("Link results as evidence"))

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation.choices = [(c.id, c.title) for c in consultations]
