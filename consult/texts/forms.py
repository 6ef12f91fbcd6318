"""The form for the board's own text of a mail or letter."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class TextForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(
        _l("Text"),
        description=_l(
            "A blank line starts a new paragraph. Placeholders are filled in per member."
        ),
        validators=[DataRequired(), Length(max=20_000)],
        render_kw={"rows": 16},
    )
    preview = SubmitField(_l("Show preview"))
    save = SubmitField(_l("Save text"))


def text_form(kind, text=None, **kwargs) -> TextForm:
    """The form, filled with the board's ``text`` or the default; letters have no subject."""
    form = TextForm(
        subject=text.subject if text else kind.default_subject(),
        body=text.body if text else kind.default_body(),
        **kwargs,
    )
    if not kind.is_mail:
        del form.subject
    return form
