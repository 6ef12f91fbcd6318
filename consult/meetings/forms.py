"""Forms for a meeting, its agenda terms, agenda items, papers and state."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from consult.core.validators import plausible_date
from consult.dossiers.models import Dossier
from consult.meetings.models.meetings import KIND_LABELS, STATE_LABELS, MeetingKind, MeetingState
from consult.meetings.services import ItemDetails, MeetingDetails
from consult.planning.models import PlanItem
from consult.surveys.models.consultations import Consultation
from consult.workgroups.models import WorkingGroup

KIND_CHOICES = [SelectChoice(k.value, label) for k, label in KIND_LABELS.items()]


def _checkboxes(label, description=None):
    return SelectMultipleField(
        label,
        description=description,
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )


class MeetingForm(FlaskForm):
    kind = SelectField(_l("Kind of meeting"), choices=KIND_CHOICES)
    title = StringField(
        _l("Title"),
        description=_l("For example: spring meeting 2027."),
        validators=[DataRequired(_l("Give the meeting a title.")), Length(max=200)],
    )
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date.")), plausible_date])
    time = TimeField(_l("Starts at"), validators=[DataRequired(_l("Enter the time."))])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    video_link = StringField(
        _l("Video link"),
        description=_l("For a meeting online, or in part online."),
        validators=[Optional(), Length(max=500)],
    )
    user_ids = _checkboxes(
        _l("Invited accounts"),
        _l("Board members and the landlord's accounts get the final agenda by e-mail."),
    )
    organisation_ids = _checkboxes(
        _l("Invited member organisations"),
        _l("Their board members and administrators get the final agenda by e-mail."),
    )
    submit = SubmitField(_l("Save meeting"))

    def __init__(self, *args, people=(), member_organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {user.id: user for user in people}
        self._organisations = {org.id: org for org in member_organisations}
        self.user_ids.choices = [SelectChoice(u.id, u.name or u.email) for u in people]
        self.organisation_ids.choices = [SelectChoice(o.id, o.name) for o in member_organisations]

    def details(self) -> MeetingDetails:
        """What the board entered, as the service takes it."""
        return MeetingDetails(
            kind=MeetingKind(self.kind.data),
            title=self.title.data or "",
            starts_at=datetime.combine(self.day.data, self.time.data),
            place=self.place.data or "",
            video_link=self.video_link.data or "",
            users=[self._people[i] for i in self.user_ids.data or ()],
            member_organisations=[self._organisations[i] for i in self.organisation_ids.data or ()],
        )


def meeting_data(meeting) -> dict:
    """The stored meeting as the form's fields hold it."""
    return {
        "kind": meeting.kind,
        "title": meeting.title,
        "day": meeting.starts_at.date(),
        "time": meeting.starts_at.time(),
        "place": meeting.place,
        "video_link": meeting.video_link,
        "user_ids": [p.user_id for p in meeting.participants if p.user_id],
        "organisation_ids": [
            p.member_organisation_id for p in meeting.participants if p.member_organisation_id
        ],
    }


class TermsForm(FlaskForm):
    kind = SelectField(_l("Kind of meeting"), choices=KIND_CHOICES)
    concept_weeks = IntegerField(
        _l("Concept agenda and call for items: weeks before"),
        validators=[InputRequired(_l("Enter a number of weeks.")), NumberRange(0, 52)],
    )
    final_weeks = IntegerField(
        _l("Final agenda and papers: weeks before"),
        validators=[InputRequired(_l("Enter a number of weeks.")), NumberRange(0, 52)],
    )
    submit = SubmitField(_l("Save terms"))


class ItemForm(FlaskForm):
    title = StringField(
        _l("Agenda item"),
        validators=[DataRequired(_l("Give the agenda item a title.")), Length(max=300)],
    )
    description = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=5000)])
    proposer = SelectField(_l("Proposed by"), default="")
    dossier_choice = SelectField(_l("Dossier"), default="")
    consultation_choice = SelectField(_l("Consultation"), default="")
    plan_choice = SelectField(_l("Participatiekalender"), default="")
    group_choice = SelectField(_l("Working group"), default="")
    submit = SubmitField(_l("Add to the agenda"))

    def __init__(
        self,
        *args,
        organisation,
        member_organisations=(),
        dossiers=(),
        consultations=(),
        plan_items=(),
        working_groups=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self._organisations = {str(o.id): o for o in member_organisations}
        self.proposer.choices = [SelectChoice("", _l("Our board"))] + [
            SelectChoice(str(o.id), o.name) for o in member_organisations
        ]
        none = [SelectChoice("", _l("None"))]
        self.dossier_choice.choices = none + [
            SelectChoice(str(d.id), f"{d.code} {d.title}") for d in dossiers
        ]
        self.consultation_choice.choices = none + [
            SelectChoice(str(c.id), c.title) for c in consultations
        ]
        self.plan_choice.choices = none + [
            SelectChoice(str(p.id), f"{p.year}: {p.title}") for p in plan_items
        ]
        self.group_choice.choices = none + [SelectChoice(str(w.id), w.name) for w in working_groups]

    def proposing_organisation(self):
        """The member organisation chosen as proposer, or None for the board itself."""
        return self._organisations.get(self.proposer.data or "")

    def details(self) -> ItemDetails:
        return ItemDetails(
            title=self.title.data or "",
            description=self.description.data or "",
            dossier=_chosen(Dossier, self.organisation, self.dossier_choice.data),
            consultation=_chosen(Consultation, self.organisation, self.consultation_choice.data),
            plan_item=_chosen(PlanItem, self.organisation, self.plan_choice.data),
            working_group=_chosen(WorkingGroup, self.organisation, self.group_choice.data),
        )


def _chosen(model, organisation, value: str):
    # Only the organisation's own rows are among the choices; this loads the chosen one.
    return model.get_for(organisation, value) if value else None


class PaperForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Add paper"))


class StateForm(FlaskForm):
    state = SelectField(_l("Next step"))
    submit = SubmitField(_l("Change"))

    def __init__(self, *args, next_states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.state.choices = [
            SelectChoice(s.value, STATE_LABELS[s])
            for s in next_states
            if s != MeetingState.APPROVED
        ]

    def chosen(self) -> MeetingState:
        return MeetingState(self.state.data)


class MinutesForm(FlaskForm):
    text = TextAreaField(_l("Minutes"), validators=[Optional(), Length(max=20000)])
    submit = SubmitField(_l("Save minutes"))


class DecisionForm(FlaskForm):
    text = TextAreaField(
        _l("Decision"),
        validators=[DataRequired(_l("Write down the decision.")), Length(max=5000)],
    )
    submit = SubmitField(_l("Add decision"))


class ActionForm(FlaskForm):
    what = TextAreaField(
        _l("Action point: what"),
        validators=[DataRequired(_l("Write down what is to be done.")), Length(max=5000)],
    )
    owner = SelectField(_l("Who (with an account)"), default="")
    who = StringField(
        _l("Or the name of who does it"),
        description=_l("For someone without an account."),
        validators=[Optional(), Length(max=200)],
    )
    due_on = DateField(_l("By when"), validators=[Optional(), plausible_date])
    submit = SubmitField(_l("Add action point"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(user.id): user for user in people}
        self.owner.choices = [SelectChoice("", _l("Nobody with an account"))] + [
            SelectChoice(str(u.id), u.name or u.email) for u in people
        ]

    def chosen_owner(self):
        return self._people.get(self.owner.data or "")


class ApproveForm(FlaskForm):
    at = SelectField(_l("Approved at"), coerce=int)
    submit = SubmitField(_l("Minutes approved"))

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._meetings = {m.id: m for m in meetings}
        self.at.choices = [SelectChoice(m.id, m.title) for m in meetings]

    def chosen(self):
        return self._meetings[self.at.data]


def minutes_forms(meeting, people) -> dict[int, tuple]:
    """Per agenda item of a meeting held: its minutes, decision and action point forms."""
    if meeting.state != MeetingState.HELD:
        return {}
    return {
        item.id: (
            MinutesForm(formdata=None, prefix=f"minutes-{item.id}", data={"text": item.minutes}),
            DecisionForm(formdata=None, prefix=f"decision-{item.id}"),
            ActionForm(formdata=None, prefix=f"action-{item.id}", people=people),
        )
        for item in meeting.items
    }


class AttendanceForm(FlaskForm):
    attending = RadioField(
        _l("Will you come?"),
        choices=[SelectChoice("yes", _l("Yes, I will come")), SelectChoice("no", _l("No"))],
        validators=[DataRequired(_l("Choose yes or no."))],
    )
    submit = SubmitField(_l("Send answer"))

    def answer(self) -> bool:
        return self.attending.data == "yes"
