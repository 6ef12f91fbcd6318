"""The installation's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    admin_name = StringField(
        _l("Name of its first admin"), validators=[DataRequired(), Length(max=200)]
    )
    admin_email = EmailField(
        _l("E-mail address of its first admin"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Create the organisation and invite its admin"))
