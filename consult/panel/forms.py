"""The form to add a panel member by hand, and the segment fields other forms share."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from consult.panel.models import CHANNEL_LABELS, STATUS_LABELS, Channel, MemberStatus
from consult.panel.queries import MemberFilter
from consult.surveys.chrome import language_name


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


def segment_select(*leading_choices):
    """A ``make_field`` for ``with_segment_fields``: an optional select, these choices first."""
    return lambda dimension, choices: SelectField(
        dimension.name, choices=[*leading_choices, *choices], validators=[Optional()]
    )


class MemberForm(SegmentFields, FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200)])
    #: Choices: ``with_languages``; the questionnaire is shown in it where translated.
    language = SelectField(_l("Language (e-mails and questionnaires)"))
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


def with_languages(form):
    """``form`` with its language choices: each of QUESTIONNAIRE_LANGUAGES, in its own name."""
    form.language.choices = [
        SelectChoice(language, language_name(language))
        for language in current_app.config["QUESTIONNAIRE_LANGUAGES"]
    ]
    return form


def member_form(dimensions) -> MemberForm:
    """A MemberForm with one select per segment dimension (empty means unknown)."""
    return with_languages(
        with_segment_fields(
            MemberForm,
            dimensions,
            segment_select(SelectChoice("", _l("unknown"))),
        )
    )


class MemberFilterForm(SegmentFields, FlaskForm):
    """The member list's filters: a GET form, so a filtered list is a link."""

    class Meta:
        csrf = False

    search = StringField(_l("Search in address or name"), validators=[Optional(), Length(max=100)])
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("all")),
            *(
                SelectChoice(status.value, label)
                for status, label in STATUS_LABELS.items()
                if status != MemberStatus.ERASED
            ),
        ],
        validators=[Optional()],
    )
    refused = BooleanField(_l("Only refused addresses"))
    paused = BooleanField(_l("Only paused members"))

    def filters(self) -> MemberFilter:
        """What the form asks for (call after a successful ``validate``)."""
        segments = {}
        for dimension in self.dimensions:
            chosen = self[f"segment_{dimension.id}"].data
            if chosen not in (None, ""):
                segments[dimension.id] = int(chosen)
        return MemberFilter(
            search=self.search.data or "",
            status=self.status.data or "",
            segments=segments,
            refused_only=bool(self.refused.data),
            paused_only=bool(self.paused.data),
        )


def filter_form(dimensions, formdata) -> MemberFilterForm:
    """A MemberFilterForm with one select per dimension: any, unknown, or a value."""
    form = with_segment_fields(
        MemberFilterForm,
        dimensions,
        segment_select(SelectChoice("", _l("any")), SelectChoice("0", _l("unknown"))),
    )
    form.process(formdata)
    return form


class EditMemberForm(SegmentFields, FlaskForm):
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200)])
    #: Choices: ``with_languages``; the questionnaire is shown in it where translated.
    language = SelectField(_l("Language (e-mails and questionnaires)"))
    paused_until = DateField(
        _l("No invitations until (empty: not paused)"), validators=[Optional()]
    )
    postal_address = TextAreaField(
        _l("Postal address (optional)"),
        description=_l("As on an envelope: street and number, postcode and town, one per line."),
        validators=[Optional(), Length(max=500)],
    )
    channel = RadioField(
        _l("Invitations by"),
        choices=[SelectChoice(c.value, label) for c, label in CHANNEL_LABELS.items()],
        default=Channel.MAIL.value,
    )
    submit = SubmitField(_l("Save"))

    def validate_channel(self, field):
        if field.data == Channel.POST and not (self.postal_address.data or "").strip():
            raise ValidationError(_l("Letters by post need a postal address."))


def edit_member_form(dimensions, member) -> EditMemberForm:
    """The board's form to change a member, filled in with what is stored."""
    form = with_languages(
        with_segment_fields(
            EditMemberForm,
            dimensions,
            segment_select(SelectChoice("", _l("unknown"))),
        )
    )
    if not form.is_submitted():
        form.name.data, form.language.data = member.name, member.locale
        form.paused_until.data = member.paused_until
        form.postal_address.data, form.channel.data = member.postal_address, member.channel
        for dimension in dimensions:
            value = member.value_in(dimension)
            form[f"segment_{dimension.id}"].data = str(value.id) if value else ""
    return form
