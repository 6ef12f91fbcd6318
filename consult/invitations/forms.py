"""Forms to invite (part of) the panel and to plan reminders."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField, SubmitField, TextAreaField
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
    return with_segment_fields(InviteForm, dimensions, segment_checkboxes)


def segment_checkboxes(dimension, choices) -> SelectMultipleField:
    """A group of checkboxes, one per value of the segment ``dimension`` (none required)."""
    return SelectMultipleField(
        dimension.name,
        choices=choices,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )


class ReminderForm(FlaskForm):
    send_on = DateField(_l("Send a reminder on"), validators=[DataRequired()])
    submit = SubmitField(_l("Plan reminder"))


class CodeForm(FlaskForm):
    """The short code from a letter, typed by hand (spaces, dashes and case do not matter)."""

    code = StringField(
        _l("Your personal code"),
        description=_l("The code in large print on your letter, for example K7QX2-M9FRA."),
        validators=[DataRequired(_l("Type the code from your letter.")), Length(max=40)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Go to the questions"))
