"""The board's form for an update on a dossier."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from consult.core.clock import today


class NewsForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Give the update a title.")), Length(max=200)]
    )
    published_on = DateField(
        _l("Date of the update"),
        default=today,
        description=_l("Today, or the day of an earlier update you enter now."),
        validators=[DataRequired(_l("Enter the date."))],
    )
    body = TextAreaField(
        _l("Text"),
        validators=[DataRequired(_l("Write the text of the update.")), Length(max=10000)],
    )
    file = FileField(
        _l("Document (optional)"),
        description=_l("A PDF, Word, Excel, PowerPoint or OpenDocument file, or an image."),
    )
    mail = BooleanField(_l("Mail it to the members who took part"))
    submit = SubmitField(_l("Post the update"))
