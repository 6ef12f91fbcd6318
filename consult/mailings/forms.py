"""The form of a mailing: subject, text and the segments it goes to."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from consult.invitations.forms import segment_checkboxes
from consult.panel.forms import SegmentFields, with_segment_fields


class MailingForm(SegmentFields, FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(
        _l("Text"),
        description=_l(
            "Plain text; a blank line starts a new paragraph. The mail starts with "
            "a greeting with the member's name and ends with your organisation's name."
        ),
        validators=[DataRequired(), Length(max=20_000)],
        render_kw={"rows": 12},
    )
    check = SubmitField(_l("Count who it reaches"))
    send = SubmitField(_l("Send the mailing"))


def mailing_form(dimensions) -> MailingForm:
    """A MailingForm with a group of checkboxes per segment dimension."""
    return with_segment_fields(MailingForm, dimensions, segment_checkboxes)
