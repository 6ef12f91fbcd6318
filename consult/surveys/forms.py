"""Forms to build a consultation: its settings, questions, conditions and copies."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from consult.core.errors import DomainError
from consult.surveys import builder
from consult.surveys.builder import QuestionSpec
from consult.surveys.models.consultations import OPEN_LINK_LABELS
from consult.surveys.models.questions import (
    CONDITION_LABELS,
    DATE_LIMIT_LABELS,
    QUESTION_KIND_LABELS,
    QuestionKind,
)


class ConsultationForm(FlaskForm):
    """A new consultation; its choices of template are set per language by the view."""

    template = SelectField(
        _l("Start from"),
        description=_l(
            "A ready-made questionnaire in plain language, to change as you like. With a"
            " template, an empty title or introduction takes the template's."
        ),
        validators=[Optional()],
    )
    title = StringField(_l("Title"), validators=[Length(max=200)])
    introduction = TextAreaField(
        _l("Introduction for tenants"), validators=[Optional(), Length(max=5000)]
    )
    opens_on = DateField(_l("Opens on"), validators=[DataRequired()])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired()])
    privacy = RadioField(
        _l("Are the answers anonymous?"),
        choices=[
            SelectChoice("anonymous", _l("Anonymous: no one can see who gave which answer")),
            SelectChoice(
                "identified",
                _l("Identified: the board sees which member gave which answer, to follow up"),
            ),
        ],
        default="anonymous",
    )
    language = RadioField(
        _l("Language of the questions"),
        description=_l(
            "Screen readers read the questions in this language; the fixed texts of the"
            " questionnaire (such as the ends of a scale) and a template follow it too."
        ),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        default="nl",  # the tenants', whatever the language of the board member's screen
        validators=[Optional()],
    )
    submit = SubmitField(_l("Create consultation"))

    def validate_title(self, field):
        if not (field.data or "").strip() and not self.template.data:
            raise ValidationError(_l("Type a title, or start from a template."))


class QuestionForm(FlaskForm):
    """A question as the board writes it; settings that do not apply to the kind are ignored."""

    kind = SelectField(
        _l("Kind of question"),
        choices=[SelectChoice(k.value, label) for k, label in QUESTION_KIND_LABELS.items()],
    )
    text = TextAreaField(_l("Question"), validators=[DataRequired(), Length(max=2000)])
    help_text = StringField(_l("Help text (optional)"), validators=[Optional(), Length(max=500)])
    options = TextAreaField(
        _l("Options, one per line"),
        description=_l(
            "For choice questions the answers, for a ranking the items, for a matrix the"
            " statements."
        ),
        validators=[Optional(), Length(max=5000)],
    )
    required = BooleanField(_l("An answer is required"), default=True)
    allows_other = BooleanField(_l("Offer 'Other, namely ...' with a text box (choice questions)"))
    max_choices = IntegerField(
        _l("At most this many answers (multiple choice) or places to fill (ranking)"),
        validators=[Optional(), NumberRange(min=1, max=50)],
    )
    min_value = IntegerField(_l("Smallest number (number questions)"), validators=[Optional()])
    max_value = IntegerField(_l("Largest number (number questions)"), validators=[Optional()])
    shows_nps = BooleanField(_l("Show the Net Promoter Score in the results (rating 0-10)"))
    earliest_on = DateField(_l("Earliest date (date questions)"), validators=[Optional()])
    latest_on = DateField(_l("Latest date (date questions)"), validators=[Optional()])
    date_limit = SelectField(
        _l("Relative to the day of answering (date questions)"),
        choices=[SelectChoice("", _l("No limit"))]
        + [SelectChoice(limit.value, label) for limit, label in DATE_LIMIT_LABELS.items()],
        validators=[Optional()],
    )
    new_page = BooleanField(_l("Start a new page with this question"))
    submit = SubmitField(_l("Add question"))

    def spec(self) -> QuestionSpec:
        return QuestionSpec(
            QuestionKind(self.kind.data),
            self.text.data or "",
            self.help_text.data or "",
            self.required.data,
            (self.options.data or "").splitlines(),
            self.allows_other.data,
            self.max_choices.data,
            self.min_value.data,
            self.max_value.data,
            self.shows_nps.data,
            self.earliest_on.data,
            self.latest_on.data,
            self.date_limit.data or None,
        )

    def show(self, question) -> None:
        """Fill the form with a stored question, to edit it."""
        self.kind.data, self.text.data, self.help_text.data = (
            question.kind,
            question.text,
            question.help_text,
        )
        self.options.data = "\n".join(option.label for option in question.options)
        self.required.data, self.allows_other.data = question.required, question.allows_other
        self.max_choices.data, self.shows_nps.data = question.max_choices, question.shows_nps
        self.min_value.data, self.max_value.data = question.min_value, question.max_value
        self.earliest_on.data, self.latest_on.data = question.earliest_on, question.latest_on
        self.date_limit.data = question.date_limit or ""


class ConditionForm(FlaskForm):
    """Show a question only when the answer to one earlier question matches."""

    operator = SelectField(
        _l("Show this question only when the answer"),
        choices=[SelectChoice(op.value, label) for op, label in CONDITION_LABELS.items()],
    )
    values = SelectMultipleField(
        _l("Answers (all of one earlier question; none ticked: always show)"),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save condition"))

    def chosen(self) -> tuple[int | None, list[int]]:
        """(the earlier question's id, the ticked values); (None, []) when none is ticked.

        :raises DomainError: when answers of several questions are ticked.
        """
        pairs = [tuple(int(part) for part in item.split(":")) for item in self.values.data or []]
        questions = {question_id for question_id, _value in pairs}
        if len(questions) > 1:
            raise DomainError(_l("Tick answers of one earlier question only."))
        return (questions.pop() if questions else None), [value for _id, value in pairs]


def condition_form(question, earlier, formdata=None) -> ConditionForm:
    """The condition form of ``question``; ``earlier``: the questions it can depend on."""
    form = ConditionForm(formdata=formdata, prefix=f"c{question.id}")
    form.values.choices = [
        SelectChoice(f"{q.id}:{value}", f"{q.text[:60]} – {label}")
        for q in earlier
        for value, label in builder.condition_choices(q)
    ]
    if formdata is None:
        form.operator.data = question.condition_operator or "equals"
        form.values.data = [
            f"{question.condition_question_id}:{value}" for value in question.condition_values or []
        ]
    return form


class CopyForm(FlaskForm):
    title = StringField(_l("Title of the copy"), validators=[DataRequired(), Length(max=200)])
    opens_on = DateField(_l("Opens on"), validators=[DataRequired()])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired()])
    submit = SubmitField(_l("Make the copy"))


class OpenAddressForm(FlaskForm):
    """The respondent's address, to confirm answers given through an open link."""

    email = EmailField(
        _l("Your e-mail address"),
        description=_l(
            "We send you a link. Your answers count once you have used it: that way everyone"
            " answers once. Your address is not stored with your answers."
        ),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[lambda typed: typed.strip() if typed else typed],
    )
    submit = SubmitField(_l("Send me the link"))


class OpenLinkForm(FlaskForm):
    """Whether anyone with a link may answer, and how."""

    mode = SelectField(
        _l("Open link"),
        choices=[SelectChoice("", _l("Off: only invited members answer"))]
        + [SelectChoice(mode.value, label) for mode, label in OPEN_LINK_LABELS.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save"))


class PublishForm(FlaskForm):
    submit = SubmitField(_l("Publish"))


class CloseEarlyForm(FlaskForm):
    """The confirmation to close a consultation before its closing date."""

    reason = TextAreaField(
        _l("Why does it close early?"),
        description=_l("Kept in the audit log, for the board and the members' meeting."),
        validators=[DataRequired(_l("Say why the consultation closes early.")), Length(max=500)],
    )
    submit = SubmitField(_l("Close the consultation now"))


class KeptDimensionsForm(FlaskForm):
    """The segment dimensions an anonymous consultation's responses may keep."""

    dimensions = SelectMultipleField(
        _l("Keep these segments with the answers"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save the segments to keep"))


def kept_dimensions_form(dimensions, chosen) -> KeptDimensionsForm:
    """A KeptDimensionsForm offering ``dimensions``; ``chosen`` ticked unless posted."""
    form = KeptDimensionsForm(data={"dimensions": [d.id for d in chosen]})
    form.dimensions.choices = [(d.id, d.name) for d in dimensions]
    return form
