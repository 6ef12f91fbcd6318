"""The board's form to name a theme of open answers (the service checks the name)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField

from consult.results.models import THEME_LABEL_LENGTH


class ThemeForm(FlaskForm):
    label = StringField(_l("Name of a new theme"), render_kw={"maxlength": THEME_LABEL_LENGTH})
    submit = SubmitField(_l("Add theme"))

    def details(self) -> str:
        return self.label.data or ""


def rename_form(theme, formdata=None) -> ThemeForm:
    """The form that renames ``theme``, its own field names so several fit on one page.

    :param formdata: the posted form, or None for a form filled with the theme's name.
    """
    form = ThemeForm(formdata=formdata, prefix=f"theme-{theme.id}", data={"label": theme.label})
    form.label.label.text = _l("New name for “%(label)s”", label=theme.label)
    form.submit.label.text = _l("Rename")
    return form
