"""The board's text around the annual report's figures."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length, Optional


class TextForm(FlaskForm):
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=20000)])
    conclusion = TextAreaField(
        _l("Plans for the coming year and closing words"),
        validators=[Optional(), Length(max=20000)],
    )
    submit = SubmitField(_l("Save text"))
