"""The form of the API tokens page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        description=_l("Which program uses it, e.g. “Power BI” or “website”."),
        validators=[DataRequired(), Length(max=100)],
    )
    submit = SubmitField(_l("Make a token"))
