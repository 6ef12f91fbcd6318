"""The form to add a panel member by hand."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional


class MemberForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200)])
    language = SelectField(
        _l("Language of the e-mails"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
    )
    submit = SubmitField(_l("Add to panel"))

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions

    def segment_fields(self):
        return [self[f"segment_{d.id}"] for d in self.dimensions]

    def chosen_value_ids(self) -> list[int]:
        return [int(field.data) for field in self.segment_fields() if field.data]


def member_form(dimensions) -> MemberForm:
    """A MemberForm with one select per segment dimension of the organisation."""
    selects = {
        f"segment_{d.id}": SelectField(
            d.name,
            choices=[SelectChoice("", _l("unknown"))]
            + [SelectChoice(str(v.id), v.label) for v in d.values],
            validators=[Optional()],
        )
        for d in dimensions
    }
    return type("OrganisationMemberForm", (MemberForm,), selects)(dimensions=dimensions)
