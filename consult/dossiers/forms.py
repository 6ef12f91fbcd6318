"""Forms to open and change a dossier, move its phase, link consultations, add documents."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from consult.agreements.models import RIGHT_LABELS, AdviceRight, Topic
from consult.agreements.services import topic_choices
from consult.core.validators import plausible_date
from consult.dossiers.models import (
    ADVICE_KIND_LABELS,
    DOCUMENT_KIND_LABELS,
    FEEDBACK_VISIBILITY_LABELS,
    REPLY_OUTCOME_LABELS,
    AdviceKind,
    DocumentKind,
    Phase,
    ReplyOutcome,
)
from consult.dossiers.services import DossierDetails


class DossierForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    code = StringField(
        _l("Your own code (optional)"),
        description=_l(
            "For a dossier you already had before Consult, e.g. K16-006. Leave empty for the "
            "next free code."
        ),
        validators=[Optional(), Length(max=20)],
    )
    kind = SelectField(
        _l("Kind of advice"),
        choices=[SelectChoice(k.value, label) for k, label in ADVICE_KIND_LABELS.items()],
    )
    topic_choice = SelectField(
        _l("Topic on the kruisjeslijst"),
        description=_l("The topic sets the right that applies."),
        default="",
    )
    right = SelectField(
        _l("Right that applies"),
        description=_l("Only used for a topic that is not on the kruisjeslijst."),
        choices=[SelectChoice(r.value, label) for r, label in RIGHT_LABELS.items()],
    )
    requested_on = DateField(
        _l("Date of the landlord's request"), validators=[Optional(), plausible_date]
    )
    advice_due_on = DateField(
        _l("Advice due (the term the landlord set)"),
        description=_l("Leave empty for the term of your agreement (at least six weeks)."),
        validators=[Optional(), plausible_date],
    )
    description = TextAreaField(
        _l("Description for members"), validators=[Optional(), Length(max=5000)]
    )
    landlord_contact = StringField(
        _l("Contact at the landlord"), validators=[Optional(), Length(max=200)]
    )
    responsible_ids = SelectMultipleField(
        _l("Responsible board members"),
        description=_l("They get an e-mail when a deadline comes near."),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    joint = BooleanField(
        _l("Joint dossier: the member organisations of our koepel give their positions"),
    )
    submit = SubmitField(_l("Save dossier"))

    def __init__(self, *args, organisation, topics=(), board=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.topic_choice.choices = topic_choices(topics, _l("Another topic"))
        self._board = {user.id: user for user in board}
        self.responsible_ids.choices = [
            SelectChoice(user.id, user.name or user.email) for user in board
        ]

    def _topic(self) -> Topic | None:
        chosen = self.topic_choice.data
        return Topic.get_for(self.organisation, chosen) if chosen else None

    def details(self) -> DossierDetails:
        """What the board entered, as the service takes it."""
        return DossierDetails(
            title=self.title.data,
            kind=AdviceKind(self.kind.data),
            right=AdviceRight(self.right.data),
            requested_on=self.requested_on.data,
            advice_due_on=self.advice_due_on.data,
            topic=self._topic(),
            description=(self.description.data or "").strip(),
            landlord_contact=(self.landlord_contact.data or "").strip(),
            responsibles=[self._board[i] for i in self.responsible_ids.data or ()],
            joint=bool(self.joint.data),
            code=self.code.data or "",
        )


class PhaseForm(FlaskForm):
    phase = SelectField(_l("Next phase"))
    on = DateField(
        _l("Date"),
        description=_l(
            "For “advice given”: the day it went out; for the reply: the day it came in."
        ),
        validators=[Optional(), plausible_date],
    )
    outcome = RadioField(
        _l("The landlord's reply"),
        choices=[SelectChoice(o.value, label) for o, label in REPLY_OUTCOME_LABELS.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Change phase"))

    def __init__(self, *args, dossier, **kwargs):
        """:param dossier: its next phases are the choices, named as its procedure names them."""
        super().__init__(*args, **kwargs)
        labels = dossier.phase_labels
        self.phase.choices = [SelectChoice(p.value, labels[p]) for p in dossier.next_phases]

    def chosen_outcome(self) -> ReplyOutcome | None:
        return ReplyOutcome(self.outcome.data) if self.outcome.data else None

    def chosen_phase(self) -> Phase:
        return Phase(self.phase.data)


class LinkConsultationForm(FlaskForm):
    consultation = SelectField(_l("Consultation"), coerce=int)
    submit = SubmitField(_l("Link consultation"))

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation.choices = [SelectChoice(c.id, c.title) for c in consultations]


class PointForm(FlaskForm):
    advice = TextAreaField(_l("Our advice"), validators=[DataRequired(), Length(max=10000)])
    reasoning = TextAreaField(_l("Why (the reasoning)"), validators=[Optional(), Length(max=10000)])
    cited_figures = SelectMultipleField(_l("Evidence this point rests on"), validators=[Optional()])
    submit = SubmitField(_l("Save point"))

    def __init__(self, *args, citable=(), **kwargs):
        """:param citable: (snapshot id, key) pairs that may be ticked."""
        super().__init__(*args, **kwargs)
        self.cited_figures.choices = [citation_value(*pair) for pair in citable]

    def chosen(self) -> list[tuple[int, str]]:
        return [parse_citation_value(value) for value in self.cited_figures.data or ()]


def citation_value(snapshot_id: int, key: str) -> str:
    return f"{snapshot_id}#{key}"


def parse_citation_value(value: str) -> tuple[int, str]:
    snapshot_id, key = value.split("#", 1)
    return int(snapshot_id), key


class ReplyForm(FlaskForm):
    outcome = RadioField(
        _l("The landlord's answer"),
        choices=[SelectChoice(o.value, label) for o, label in REPLY_OUTCOME_LABELS.items()],
        validators=[DataRequired()],
    )
    reasoning = TextAreaField(
        _l("The landlord's arguments and how they were weighed"),
        validators=[Optional(), Length(max=10000)],
    )
    submit = SubmitField(_l("Save reply"))


class BoardReplyForm(ReplyForm):
    """The board enters the reply from the landlord's letter, with the day it came in."""

    received_on = DateField(
        _l("Date the landlord's reply was received"),
        description=_l("Leave empty for today. It counts once every point has its answer."),
        validators=[Optional(), plausible_date],
    )


class FeedbackForm(FlaskForm):
    visibility = RadioField(
        _l("Who may read the feedback page"),
        choices=[SelectChoice(v.value, label) for v, label in FEEDBACK_VISIBILITY_LABELS.items()],
        validators=[DataRequired()],
    )
    summary = TextAreaField(
        _l("What we did with the answers (in plain words for members)"),
        validators=[Optional(), Length(max=5000)],
    )
    submit = SubmitField(_l("Save feedback"))


def reply_forms(points, failed: tuple | None = None, form_class=ReplyForm) -> dict:
    """A reply form per advice point, filled with the reply so far; ``failed`` is a
    (point id, form) pair shown with its errors instead."""
    forms = {
        point.id: form_class(
            prefix=f"reply-{point.id}",
            data={"outcome": point.reply_outcome, "reasoning": point.reply_reasoning},
        )
        for point in points
    }
    if failed is not None:
        forms[failed[0]] = failed[1]
    return forms


class DocumentForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    kind = SelectField(
        _l("Kind of document"),
        choices=[SelectChoice(k.value, label) for k, label in DOCUMENT_KIND_LABELS.items()],
    )
    submit = SubmitField(_l("Add document"))

    def __init__(self, *args, file_types=(), max_megabytes=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.file.description = _l(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; at most %(size)d MB.",
            size=max_megabytes,
        )
        # Only a hint for the file picker: the content decides what is accepted.
        self.file.render_kw = {
            "accept": ",".join(f".{ext}" for kind in file_types for ext in kind.extensions)
        }

    def chosen_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.data)
