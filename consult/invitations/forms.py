"""Forms to invite (part of) the panel and to plan reminders."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from consult.panel.forms import SegmentFields, with_segment_fields


class InviteForm(SegmentFields, FlaskForm):
    """Whom to invite: everyone, or members with the ticked segment values, or listed addresses."""

    emails = TextAreaField(
        _l("Only these members (e-mail addresses, one per line; empty: everyone chosen above)"),
        validators=[Optional(), Length(max=200_000)],
    )
    submit = SubmitField(_l("Send invitations"))

    def listed_emails(self) -> list[str]:
        return [line.strip() for line in (self.emails.data or "").splitlines() if line.strip()]


def invite_form(dimensions) -> InviteForm:
    """An InviteForm with a group of checkboxes per segment dimension."""
    return with_segment_fields(
        InviteForm,
        dimensions,
        lambda dimension, choices: SelectMultipleField(
            dimension.name,
            choices=choices,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validators=[Optional()],
        ),
    )


class ReminderForm(FlaskForm):
    send_on = DateField(_l("Send a reminder on"), validators=[DataRequired()])
    submit = SubmitField(_l("Plan reminder"))
