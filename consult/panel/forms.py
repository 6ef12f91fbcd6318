"""The form to add a panel member by hand, and the segment fields other forms share."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional


class SegmentFields:
    """A form with one field per segment dimension of the organisation: ``segment_<id>``."""

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions

    def segment_fields(self):
        return [self[f"segment_{d.id}"] for d in self.dimensions]

    def chosen_value_ids(self) -> list[int]:
        """The ids of the chosen segment values (one per select, several per checkbox group)."""
        chosen = []
        for field in self.segment_fields():
            values = field.data if isinstance(field.data, list) else [field.data]
            chosen += [int(value) for value in values if value]
        return chosen


def with_segment_fields(form_class, dimensions, make_field):
    """An instance of ``form_class`` with ``make_field(dimension, choices)`` per dimension."""
    fields = {
        f"segment_{d.id}": make_field(d, [SelectChoice(str(v.id), v.label) for v in d.values])
        for d in dimensions
    }
    return type(f"Organisation{form_class.__name__}", (form_class,), fields)(dimensions=dimensions)


class MemberForm(SegmentFields, FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200)])
    language = SelectField(
        _l("Language of the e-mails"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
    )
    basis_note = StringField(
        _l("Lawful basis to add them without their confirmation (optional)"),
        description=_l(
            "Leave empty and they get an e-mail asking them to confirm that they want to join."
            " Fill in only when the organisation may add them directly, e.g. 'signed up on"
            " paper at the members' meeting of 12 March'."
        ),
        validators=[Optional(), Length(max=300)],
    )
    submit = SubmitField(_l("Add to panel"))


def member_form(dimensions) -> MemberForm:
    """A MemberForm with one select per segment dimension (empty means unknown)."""
    return with_segment_fields(
        MemberForm,
        dimensions,
        lambda dimension, choices: SelectField(
            dimension.name,
            choices=[SelectChoice("", _l("unknown")), *choices],
            validators=[Optional()],
        ),
    )
