"""The tenant's forms: joining, asking for a link, and the choices on their own page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from consult.panel.forms import (
    SegmentFields,
    segment_select,
    with_languages,
    with_segment_fields,
)

_segment_select = segment_select(SelectChoice("", _l("I'd rather not say")))


class JoinForm(SegmentFields, FlaskForm):
    email = EmailField(
        _l("Your e-mail address"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    name = StringField(_l("Your name (optional)"), validators=[Optional(), Length(max=200)])
    #: Choices: ``with_languages``.
    language = SelectField(_l("Language (e-mails and questionnaires)"))
    consent = BooleanField(
        _l("I have read the privacy statement and agree that my answers are used as described"),
        validators=[InputRequired(_l("Please tick this box to join."))],
    )
    submit = SubmitField(_l("Join the panel"))


def join_form(dimensions) -> JoinForm:
    """A JoinForm with one optional select per segment dimension."""
    return with_languages(with_segment_fields(JoinForm, dimensions, _segment_select))


class SegmentsForm(SegmentFields, FlaskForm):
    #: Choices: ``with_languages``.
    language = SelectField(_l("Language (e-mails and questionnaires)"))
    submit = SubmitField(_l("Save my details"))


def segments_form(dimensions, member) -> SegmentsForm:
    """The member's own details, filled in with what is stored."""
    form = with_languages(with_segment_fields(SegmentsForm, dimensions, _segment_select))
    if not form.is_submitted():
        form.language.data = member.locale
        for dimension in dimensions:
            value = member.value_in(dimension)
            form[f"segment_{dimension.id}"].data = str(value.id) if value else ""
    return form


class LinkRequestForm(FlaskForm):
    email = EmailField(
        _l("Your e-mail address"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Send me a link"))


class PauseForm(FlaskForm):
    until = DateField(_l("No invitations until"), validators=[Optional()])
    submit = SubmitField(_l("Pause invitations"))


class EraseForm(FlaskForm):
    sure = BooleanField(
        _l("Yes, erase my data. I understand this cannot be undone."),
        validators=[InputRequired(_l("Please tick this box to confirm."))],
    )
    submit = SubmitField(_l("Erase my data"))


class PanelSettingsForm(FlaskForm):
    privacy_text = TextAreaField(
        _l("Privacy statement shown to tenants who join"),
        description=_l(
            "Who you are, what you store, what for, how long, and who to contact. Saving a"
            " changed text makes a new version; each member's consent names the version they saw."
        ),
        validators=[DataRequired(), Length(max=20_000)],
    )
    retention_months = IntegerField(
        _l("Ask members to confirm they want to stay after this many quiet months"),
        validators=[InputRequired(), NumberRange(min=3, max=120)],
    )
    submit = SubmitField(_l("Save"))


class LogoForm(FlaskForm):
    logo = FileField(
        _l("Logo for the top of the e-mails (PNG or JPEG, at most 100 KB)"),
        validators=[FileRequired(_l("Choose an image file."))],
    )
    submit = SubmitField(_l("Upload logo"))
