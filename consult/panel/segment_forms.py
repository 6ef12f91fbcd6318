"""Forms for the organisation's segment dimensions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class DimensionForm(FlaskForm):
    name = StringField(
        _l("Name of the dimension"),
        description=_l("For example Wijk, Complex, Leeftijd, Huishouden or Huurprijsklasse."),
        validators=[DataRequired(), Length(max=80)],
    )
    values = TextAreaField(
        _l("Values, one per line"),
        validators=[DataRequired(), Length(max=5000)],
    )
    submit = SubmitField(_l("Add dimension"))


class ValuesForm(FlaskForm):
    values = TextAreaField(_l("New values, one per line"), validators=[DataRequired()])
    submit = SubmitField(_l("Add values"))


def populations_form(dimension):
    """One number field per value of the dimension: ``value_<id>``."""
    fields = {
        f"value_{value.id}": IntegerField(
            value.label,
            default=value.population,
            validators=[Optional(), NumberRange(min=0, max=10_000_000)],
        )
        for value in dimension.values
    }
    fields["submit"] = SubmitField(_l("Save numbers of tenants"))
    form = type("PopulationsForm", (FlaskForm,), fields)(prefix=f"d{dimension.id}")
    form.populations = lambda: {v.id: form[f"value_{v.id}"].data for v in dimension.values}
    return form
