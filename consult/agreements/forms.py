"""Forms to start the kruisjeslijst from the template and to adopt a changed version."""

from dataclasses import asdict

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from consult.agreements.models import (
    LEGAL_ADVICE_TERM_WEEKS,
    MAX_TERM_WEEKS,
    RIGHT_LABELS,
    AdviceRight,
)
from consult.agreements.services import TopicLine
from consult.core.validators import plausible_date

#: Empty lines offered below the list for new topics.
NEW_LINES = 3


class StartForm(FlaskForm):
    agreed_on = DateField(
        _l("Date of your cooperation agreement"), validators=[DataRequired(), plausible_date]
    )
    submit = SubmitField(_l("Start from the template"))


class TopicLineForm(Form):
    """One line of the list; a line without a topic is left out."""

    title = StringField(_l("Topic"), validators=[Optional(), Length(max=300)])
    area = StringField(_l("Area"), validators=[Length(max=120)])
    right = SelectField(
        _l("Right"), choices=[SelectChoice(r.value, label) for r, label in RIGHT_LABELS.items()]
    )
    qualifier = StringField(
        _l("Mark beside the right"),
        description=_l("Optional, as your agreement writes it, e.g. “+”."),
        validators=[Optional(), Length(max=10)],
    )
    qualifier_note = StringField(
        _l("What the mark means in your agreement"), validators=[Optional(), Length(max=300)]
    )
    term_weeks = IntegerField(
        _l("Own term in weeks"),
        description=_l("Only where the agreement sets a term for this topic."),
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_TERM_WEEKS, message=_l("Enter 1 to 52 weeks.")),
        ],
    )
    remove = BooleanField(_l("Remove"))

    def validate_area(self, field):
        if self.title.data and self.title.data.strip() and not (field.data or "").strip():
            raise ValidationError(_l("Enter the area this topic belongs to."))


class AgreementForm(FlaskForm):
    agreed_on = DateField(
        _l("Date of the agreement or its change"), validators=[DataRequired(), plausible_date]
    )
    advice_term_weeks = IntegerField(
        _l("Advice term in weeks"),
        description=_l("At least six weeks by law; your agreement may set more."),
        validators=[
            DataRequired(),
            NumberRange(
                min=LEGAL_ADVICE_TERM_WEEKS,
                max=52,
                message=_l("Enter 6 to 52 weeks: the law requires at least six."),
            ),
        ],
    )
    consent_term_weeks = IntegerField(
        _l("Term for a decision on consent, in weeks"),
        description=_l(
            "Only if your agreement sets one: the law sets no term for consent. Leave empty "
            "for none."
        ),
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_TERM_WEEKS, message=_l("Enter 1 to 52 weeks.")),
        ],
    )
    note = TextAreaField(_l("What changed"), validators=[Optional(), Length(max=2000)])
    topics = FieldList(FormField(TopicLineForm))
    submit = SubmitField(_l("Save as a new version"))

    def lines(self) -> list[TopicLine]:
        """The kept and new topics, in the order on the page."""
        return [
            TopicLine(
                line.area.data or "",
                line.title.data.strip(),
                AdviceRight(line.right.data),
                line.qualifier.data or "",
                line.qualifier_note.data or "",
                line.term_weeks.data,
            )
            for line in (entry.form for entry in self.topics)
            if (line.title.data or "").strip() and not line.remove.data
        ]


def agreement_form(version, lines: list[TopicLine]) -> AgreementForm:
    """The form filled with the version in force and a few empty lines for new topics."""
    form = AgreementForm()
    if not form.is_submitted():
        form.advice_term_weeks.data = (
            version.advice_term_weeks if version else LEGAL_ADVICE_TERM_WEEKS
        )
        form.consent_term_weeks.data = version.consent_term_weeks if version else None
        for line in lines:
            form.topics.append_entry(asdict(line))
        for _ in range(NEW_LINES):
            form.topics.append_entry()
    return form
