"""The import steps' forms: the upload with the basis, the columns, the commit."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from consult.imports.checks import CHANNEL, EMAIL, LANGUAGE, NAME, POSTAL_ADDRESS
from consult.panel.models import JoinBasis


class UploadForm(FlaskForm):
    file = FileField(
        _l("The member list"),
        description=_l(
            "A CSV file or an Excel file (.xlsx) with a heading row at the top, for example"
            " E-mail, Naam, Wijk. Only the first sheet is read."
        ),
        validators=[FileRequired(_l("Choose the file to upload."))],
    )
    basis = RadioField(
        _l("How do the new members join?"),
        choices=[
            SelectChoice(
                JoinBasis.CONSENT, _l("Ask each new member to confirm by e-mail (recommended)")
            ),
            SelectChoice(JoinBasis.RECORDED_BASIS, _l("We have a lawful basis to add them")),
        ],
        default=JoinBasis.CONSENT,
        validators=[InputRequired()],
    )
    basis_note = StringField(
        _l("Our lawful basis, namely"),
        description=_l(
            "Only with a lawful basis, for example 'article 4 of the cooperation agreement"
            " with the landlord'. New members are then active at once and get no e-mail."
        ),
        validators=[Optional(), Length(max=300)],
    )
    submit = SubmitField(_l("Upload and choose the columns"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.basis.data == JoinBasis.RECORDED_BASIS and not (self.basis_note.data or "").strip():
            self.basis_note.errors.append(_l("Write down the lawful basis, or choose to ask."))
            return False
        return True

    def recorded_basis(self) -> str | None:
        """The basis note when the board chose a recorded basis, else None (ask)."""
        return self.basis_note.data if self.basis.data == JoinBasis.RECORDED_BASIS else None


class ColumnsForm(FlaskForm):
    """One select per column of the list: ``column_<n>``."""

    submit = SubmitField(_l("Show the preview"))

    def __init__(self, *args, headings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = headings

    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.headings))]

    def mapping(self) -> dict[str, str]:
        """Heading -> what the board chose for it ("" for ignore)."""
        return {heading: self[f"column_{i}"].data for i, heading in enumerate(self.headings)}


def columns_form(headings: list[str], dimensions, mapping: dict, examples) -> ColumnsForm:
    """A ColumnsForm with one select per heading, set to ``mapping`` (stored or guessed).

    :param examples: per column a few of its values, shown as help under the select.
    """
    choices = [
        SelectChoice("", _l("do not import")),
        SelectChoice(EMAIL, _l("E-mail address")),
        SelectChoice(NAME, _l("Name")),
        SelectChoice(LANGUAGE, _l("Language of the e-mails (nl or en)")),
        SelectChoice(POSTAL_ADDRESS, _l("Postal address")),
        SelectChoice(CHANNEL, _l("Invitations by (mail or post)")),
        # gettext, not lazy_gettext: a lazy string with the board's text in it would pass as
        # safe markup (it has __html__) and reach the page unescaped.
        *(SelectChoice(str(d.id), _("Segment: %(name)s", name=d.name)) for d in dimensions),
    ]
    fields = {
        f"column_{index}": SelectField(
            heading,
            choices=choices,
            default=str(mapping.get(heading, "")),
            description=_example_text(examples[index]),
            validators=[Optional()],
        )
        for index, heading in enumerate(headings)
    }
    form_class = type("OrganisationColumnsForm", (ColumnsForm,), fields)
    return form_class(headings=headings)


def _example_text(values: list[str]) -> str:
    if not values:
        return _("This column is empty.")
    return _("For example: %(values)s", values=" · ".join(values))


class CommitForm(FlaskForm):
    skip_problems = BooleanField(_l("Skip the rows with problems and import the others"))
    #: How many rows with problems the board saw, so a changed list is not imported blindly.
    problems_seen = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField(_l("Import"))
