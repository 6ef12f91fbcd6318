"""Sign-in and password reset forms, and the team page's forms."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from consult.accounts.team import ROLE_EXPLANATIONS, ROLE_LABELS
from consult.core.policy import Role


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Sign in"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Save password"))


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = RadioField(_l("Role"), default=Role.BOARD.value, validators=[DataRequired()])
    submit = SubmitField(_l("Send the invitation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each role with what it may do, in the language of this request.
        self.role.choices = [
            SelectChoice(role.value, f"{ROLE_LABELS[role]}: {text}")
            for role, text in ROLE_EXPLANATIONS.items()
        ]

    def details(self) -> dict:
        return {"email": self.email.data, "name": self.name.data, "role": Role(self.role.data)}


class RoleForm(FlaskForm):
    """One person's role, in their row of the team list (``prefix`` keeps rows apart)."""

    role = SelectField(
        _l("Role"), choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()]
    )
    submit = SubmitField(_l("Change the role"))

    def __init__(self, person: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.label.text = _("Role of %(person)s", person=person)


class ChangePasswordForm(ResetPasswordForm):
    """A new password chosen while signed in: the current one first."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Change the password"))


class CodeForm(FlaskForm):
    """A six-digit code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Continue"))


class StopTwoFactorForm(FlaskForm):
    """On the account page next to the password change, so its fields have a prefix."""

    password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Turn off two-factor sign-in"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "stop")
        super().__init__(*args, **kwargs)


class RequireTwoFactorForm(FlaskForm):
    required = BooleanField(_l("Everyone in the team signs in with two-factor sign-in"))
    submit = SubmitField(_l("Save"))
