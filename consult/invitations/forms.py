"""Forms to invite (part of) the panel and to plan reminders."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class InviteForm(FlaskForm):
    """Whom to invite: everyone, or members with the ticked segment values, or listed addresses."""

    emails = TextAreaField(
        _l("Only these members (e-mail addresses, one per line; empty: everyone chosen above)"),
        validators=[Optional(), Length(max=200_000)],
    )
    submit = SubmitField(_l("Send invitations"))

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions

    def segment_fields(self):
        return [self[f"segment_{d.id}"] for d in self.dimensions]

    def chosen_value_ids(self) -> list[int]:
        return [int(value) for field in self.segment_fields() for value in field.data or []]

    def listed_emails(self) -> list[str]:
        return [line.strip() for line in (self.emails.data or "").splitlines() if line.strip()]


def invite_form(dimensions) -> InviteForm:
    """An InviteForm with a group of checkboxes per segment dimension."""
    groups = {
        f"segment_{d.id}": SelectMultipleField(
            d.name,
            choices=[SelectChoice(str(v.id), v.label) for v in d.values],
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validators=[Optional()],
        )
        for d in dimensions
    }
    return type("OrganisationInviteForm", (InviteForm,), groups)(dimensions=dimensions)


class ReminderForm(FlaskForm):
    send_on = DateField(_l("Send a reminder on"), validators=[DataRequired()])
    submit = SubmitField(_l("Plan reminder"))
