"""Forms to build a consultation and to answer one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from consult.surveys.models import AGREE_SCALE, QUESTION_KIND_LABELS, QuestionKind
from consult.surveys.services import MAX_OPEN_ANSWER


class ConsultationForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    introduction = TextAreaField(
        _l("Introduction for tenants"), validators=[Optional(), Length(max=5000)]
    )
    opens_on = DateField(_l("Opens on"), validators=[DataRequired()])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired()])
    submit = SubmitField(_l("Create consultation"))


class QuestionForm(FlaskForm):
    kind = SelectField(
        _l("Kind of question"),
        choices=[SelectChoice(k.value, label) for k, label in QUESTION_KIND_LABELS.items()],
    )
    text = StringField(_l("Question"), validators=[DataRequired(), Length(max=500)])
    help_text = StringField(_l("Help text (optional)"), validators=[Optional(), Length(max=500)])
    options = TextAreaField(
        _l("Options, one per line (single choice only)"), validators=[Optional(), Length(max=5000)]
    )
    required = BooleanField(_l("An answer is required"), default=True)
    submit = SubmitField(_l("Add question"))


class PublishForm(FlaskForm):
    submit = SubmitField(_l("Publish"))


class AnswerForm(FlaskForm):
    """Base of the per-consultation answer form; fields are added by ``answer_form``."""

    submit = SubmitField(_l("Send my answers"))

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions

    def question_fields(self):
        return [(question, self[f"q{question.id}"]) for question in self.questions]

    def answers(self) -> dict[int, object]:
        """Question id -> the answer as the service expects it."""
        return {question.id: field.data for question, field in self.question_fields()}


def _question_field(question):
    """The form field for one question: radio buttons for choices and the scale, else a text."""
    presence = (
        InputRequired(message=_l("Please choose or type an answer."))
        if question.required
        else Optional()
    )
    description = question.help_text
    if question.kind == QuestionKind.OPEN_TEXT:
        too_long = _l("Please keep your answer under %(n)d characters.", n=MAX_OPEN_ANSWER)
        return TextAreaField(
            question.text,
            description=description,
            validators=[presence, Length(max=MAX_OPEN_ANSWER, message=too_long)],
        )
    if question.kind == QuestionKind.SINGLE_CHOICE:
        choices = [SelectChoice(o.id, o.label) for o in question.options]
    else:
        choices = [SelectChoice(number, label) for number, label in AGREE_SCALE.items()]
    return RadioField(
        question.text, choices=choices, coerce=int, validators=[presence], description=description
    )


def answer_form(questions, **kwargs) -> AnswerForm:
    """An AnswerForm with one field per question, named ``q<question id>``."""
    fields = {f"q{question.id}": _question_field(question) for question in questions}
    return type("ConsultationAnswerForm", (AnswerForm,), fields)(questions=questions, **kwargs)
