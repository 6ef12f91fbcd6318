"""Forms for a working group, a goal of its work plan and a quarterly progress note."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from consult.core.validators import plausible_date
from consult.workgroups.models import GOAL_STATE_LABELS, GoalState
from consult.workgroups.services import GoalDetails, GroupDetails


def _checkboxes(label):
    return SelectMultipleField(
        label,
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )


class GroupForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Give the working group a name.")), Length(max=200)]
    )
    theme = StringField(_l("Theme"), validators=[Optional(), Length(max=300)])
    mandate = TextAreaField(
        _l("Mandate"),
        description=_l("What the board asks of the group, and what it may decide itself."),
        validators=[Optional(), Length(max=5000)],
    )
    landlord_contact = StringField(
        _l("Contact at the landlord"), validators=[Optional(), Length(max=200)]
    )
    member_ids = _checkboxes(_l("Members"))
    dossier_ids = _checkboxes(_l("Linked dossiers"))
    consultation_ids = _checkboxes(_l("Linked consultations"))
    submit = SubmitField(_l("Save working group"))

    def __init__(self, *args, people=(), dossiers=(), consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {u.id: u for u in people}
        self._dossiers = {d.id: d for d in dossiers}
        self._consultations = {c.id: c for c in consultations}
        self.member_ids.choices = [SelectChoice(u.id, u.name or u.email) for u in people]
        self.dossier_ids.choices = [SelectChoice(d.id, f"{d.code} {d.title}") for d in dossiers]
        self.consultation_ids.choices = [SelectChoice(c.id, c.title) for c in consultations]

    def details(self) -> GroupDetails:
        return GroupDetails(
            name=self.name.data or "",
            theme=self.theme.data or "",
            mandate=self.mandate.data or "",
            landlord_contact=self.landlord_contact.data or "",
            members=[self._people[i] for i in self.member_ids.data or ()],
            dossiers=[self._dossiers[i] for i in self.dossier_ids.data or ()],
            consultations=[self._consultations[i] for i in self.consultation_ids.data or ()],
        )


def group_data(group) -> dict:
    return {
        "name": group.name,
        "theme": group.theme,
        "mandate": group.mandate,
        "landlord_contact": group.landlord_contact,
        "member_ids": [u.id for u in group.members],
        "dossier_ids": [d.id for d in group.dossiers],
        "consultation_ids": [c.id for c in group.consultations],
    }


class GoalForm(FlaskForm):
    what = TextAreaField(_l("What (specific)"), validators=[DataRequired(), Length(max=2000)])
    measure = TextAreaField(_l("How it is measured"), validators=[DataRequired(), Length(max=2000)])
    who = StringField(_l("Who"), validators=[DataRequired(), Length(max=200)])
    due_on = DateField(_l("By when"), validators=[DataRequired(), plausible_date])
    submit = SubmitField(_l("Add goal"))

    def details(self) -> GoalDetails:
        return GoalDetails(self.what.data, self.measure.data, self.who.data, self.due_on.data)


class GoalStateForm(FlaskForm):
    state = SelectField(
        _l("State"),
        choices=[SelectChoice(s.value, label) for s, label in GOAL_STATE_LABELS.items()],
    )
    submit = SubmitField(_l("Change"))

    def chosen(self) -> GoalState:
        return GoalState(self.state.data)


class NoteForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Enter the year."))])
    quarter = SelectField(
        _l("Quarter"), choices=[SelectChoice(str(q), str(q)) for q in range(1, 5)]
    )
    text = TextAreaField(_l("Progress"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Save progress note"))
