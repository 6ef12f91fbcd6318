"""The account page: the signed-in person's sessions, password and two-factor sign-in."""

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from consult.accounts import bp, services, sessions, two_factor
from consult.accounts.forms import ChangePasswordForm, StopTwoFactorForm
from consult.core.limits import account_code_limits
from consult.core.saving import saving
from consult.extensions import db


def _signed_in_account() -> str:
    return str(current_user.id)


#: Wrong current passwords count per account, with wrong two-factor codes.
password_checks_limited = account_code_limits(_signed_in_account)


def account_page(password_form=None, stop_form=None, status=200):
    """The page, with a form coming back with its errors after a refusal."""
    return render_template(
        "accounts/account.html",
        sessions=sessions.active(current_user),
        is_current=lambda record: sessions.is_current(record, sessions.own_session()),
        password_form=password_form or ChangePasswordForm(formdata=None),
        stop_form=stop_form or StopTwoFactorForm(formdata=None),
        two_factor_on=two_factor.is_on(current_user),
        recovery_codes_left=two_factor.recovery_codes_left(current_user),
    ), status


@bp.route("/account")
@login_required
def account():
    """Your sessions, your password and two-factor sign-in."""
    return account_page()


@bp.route("/account/password", methods=["POST"])
@login_required
@password_checks_limited
def change_password():
    """Choose a new password; every other session of the account ends."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return account_page(form, status=400)
    with saving(form.current.errors) as saved:
        services.change_password(
            current_user, form.current.data, form.password.data, sessions.own_session()
        )
    if not saved:
        return account_page(form, status=400)
    flash(_("Your password has been changed. You are signed out everywhere else."), "info")
    return redirect(url_for("accounts.account"))


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    """End every session of the account, this one too."""
    sessions.end_all(current_user)
    db.session.commit()
    session.pop(sessions.SESSION_KEY, None)
    logout_user()
    flash(_("You are signed out everywhere."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/two-factor/off", methods=["POST"])
@login_required
@password_checks_limited
def stop_two_factor():
    """Turn two-factor sign-in off, after the password."""
    form = StopTwoFactorForm()
    if not form.validate_on_submit():
        return account_page(stop_form=form, status=400)
    with saving(form.password.errors) as saved:
        two_factor.stop(current_user, form.password.data)
    if not saved:
        return account_page(stop_form=form, status=400)
    flash(_("Two-factor sign-in is off."), "info")
    return redirect(url_for("accounts.account"))
