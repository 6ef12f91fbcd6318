"""The volunteers' form for a paper questionnaire: every question on one page, the personal
code printed on the form or letter, and the respondent's segments when known."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from consult.panel.forms import SegmentFields, segment_select
from consult.surveys.answer_forms import AnswerForm, question_fields
from consult.surveys.models.questions import Question


class PaperForm(SegmentFields, AnswerForm):
    """A whole paper questionnaire on one page, with the respondent's segments if known."""

    def segments(self) -> list[tuple[int, int]]:
        """(dimension id, value id) for each segment that was filled in."""
        return [
            (dimension.id, int(field.data))
            for dimension, field in zip(self.dimensions, self.segment_fields(), strict=True)
            if field.data
        ]


def paper_form(questions: list[Question], dimensions) -> PaperForm:
    """A PaperForm with every question and a select per segment dimension."""
    fields, names = question_fields(questions)
    fields["personal_code"] = StringField(
        _l("Personal code (on a personal form or the letter; empty for a blank form)"),
        validators=[Optional()],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    unknown_first = segment_select(SelectChoice("", _l("unknown")))
    for dimension in dimensions:
        choices = [SelectChoice(str(value.id), value.label) for value in dimension.values]
        fields[f"segment_{dimension.id}"] = unknown_first(dimension, choices)
    form = type("PaperAnswerForm", (PaperForm,), fields)(
        questions=questions, field_names=names, dimensions=dimensions
    )
    if dimensions:  # after saving one paper the cursor is ready for the next
        form.segment_fields()[0].render_kw = {"autofocus": True}
    return form
