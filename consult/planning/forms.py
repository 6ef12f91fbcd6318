"""The form for an item of the participatiekalender."""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from consult.agreements.models import RIGHT_LABELS, AdviceRight, Topic
from consult.agreements.services import topic_choices
from consult.dossiers.models import Dossier
from consult.planning.models import INITIATIVE_LABELS, Initiative, PlanItem
from consult.planning.services import PlanDetails
from consult.surveys.models.consultations import Consultation


def month_name(month: int) -> str:
    """The month's name in the reader's language: "januari"."""
    return format_date(date(2000, month, 1), "LLLL")


def quarter_name(quarter: int) -> str:
    return _("Quarter %(num)d", num=quarter)


class PlanItemForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(message=_l("Enter the year."))])
    month = SelectField(_l("Month"))
    quarter = SelectField(_l("Quarter"), description=_l("Only when the month is not known yet."))
    topic_choice = SelectField(
        _l("Topic on the kruisjeslijst"),
        description=_l("The topic sets the right that applies."),
        default="",
    )
    theme = StringField(
        _l("Own theme"),
        description=_l(
            "For a subject that is not on the kruisjeslijst, such as a jaarthema or the theme "
            "of a werkgroep."
        ),
        validators=[Optional(), Length(max=300)],
    )
    right = SelectField(
        _l("Right that applies"),
        description=_l("Only used for a topic that is not on the kruisjeslijst."),
        choices=[SelectChoice(r.value, label) for r, label in RIGHT_LABELS.items()],
        default=AdviceRight.ADVICE.value,
    )
    initiative = RadioField(
        _l("Who takes the initiative"),
        choices=[SelectChoice(i.value, label) for i, label in INITIATIVE_LABELS.items()],
        default=Initiative.LANDLORD.value,
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=500)])
    dossier_choice = SelectField(
        _l("Dossier"), description=_l("Link the dossier once it is opened."), default=""
    )
    consultation_choice = SelectField(
        _l("Consultation"),
        description=_l("Link the consultation once it is planned."),
        default="",
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, organisation, topics=(), dossiers=(), consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.month.choices = [SelectChoice("", _l("Not known yet"))] + [
            SelectChoice(str(month), month_name(month)) for month in range(1, 13)
        ]
        self.quarter.choices = [SelectChoice("", "–")] + [
            SelectChoice(str(quarter), quarter_name(quarter)) for quarter in range(1, 5)
        ]
        self.topic_choice.choices = topic_choices(topics, _l("Own theme"))
        self.dossier_choice.choices = [SelectChoice("", _l("None yet"))] + [
            SelectChoice(str(d.id), f"{d.code} {d.title}") for d in dossiers
        ]
        self.consultation_choice.choices = [SelectChoice("", _l("None yet"))] + [
            SelectChoice(str(c.id), c.title) for c in consultations
        ]

    def details(self) -> PlanDetails:
        """What the board entered, as the service takes it."""
        return PlanDetails(
            year=self.year.data,
            month=_number(self.month.data),
            quarter=_number(self.quarter.data),
            topic=_chosen(Topic, self.organisation, self.topic_choice.data),
            theme=self.theme.data or "",
            right=AdviceRight(self.right.data),
            initiative=Initiative(self.initiative.data),
            note=self.note.data or "",
            dossier=_chosen(Dossier, self.organisation, self.dossier_choice.data),
            consultation=_chosen(Consultation, self.organisation, self.consultation_choice.data),
        )


def _number(value: str) -> int | None:
    return int(value) if value else None


def _chosen(model, organisation, value: str):
    # Only the organisation's own rows are among the choices, so the form already refused
    # any other id: this loads the chosen one.
    return model.get_for(organisation, value) if value else None


def form_data(item: PlanItem) -> dict:
    """The stored item as the form's fields hold it."""
    return {
        "year": item.year,
        "month": str(item.month or ""),
        "quarter": "" if item.month else str(item.quarter),
        "topic_choice": str(item.topic_id or ""),
        "theme": "" if item.topic_id else item.title,
        "right": item.right,
        "initiative": item.initiative,
        "note": item.note,
        "dossier_choice": str(item.dossier_id or ""),
        "consultation_choice": str(item.consultation_id or ""),
    }
