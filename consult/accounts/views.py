"""Sign-in, sign-out and password reset pages."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.accounts import bp, services, sessions, two_factor
from consult.accounts.forms import ForgotPasswordForm, LoginForm, ResetPasswordForm
from consult.core.clock import utcnow
from consult.core.limits import mail_request_limits, sign_in_limited
from consult.core.saving import saving
from consult.extensions import db, limiter
from consult.mail import worker


def _safe_next(target: str | None) -> str:
    """Only a local path is followed after sign-in, so ``next=`` cannot redirect elsewhere."""
    local = target and target.startswith("/") and not target.startswith("//")
    if local and "\\" not in target and not urlsplit(target).netloc:
        return target
    return url_for("organisations.home")


#: Who gave the right password and has yet to give the code, and when.
PENDING_KEY = "two_factor_pending"
PENDING_FOR = timedelta(minutes=10)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limited
def login():
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("organisations.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("E-mail address or password is not correct."), "error")
        elif two_factor.is_on(user):
            return ask_for_code(user, _safe_next(request.args.get("next")))
        else:
            sign_in(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


def _fresh_session() -> None:
    """Nothing planted before survives (no fixation), only the chosen language."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def ask_for_code(user, next_page: str):
    """The password was right; the code step comes next, for ``PENDING_FOR``."""
    _fresh_session()
    session[PENDING_KEY] = {"user": user.id, "at": utcnow().isoformat(), "next": next_page}
    return redirect(url_for("accounts.login_code"))


def sign_in(user) -> None:
    """Start a fresh session for ``user``, with its row on the server that a later sign-out
    or password change ends."""
    _fresh_session()
    login_user(user)
    session[sessions.SESSION_KEY] = sessions.start(user, request.user_agent.string)
    db.session.commit()


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out: this browser's session ends on the server too, so a copy of it stops."""
    sessions.end(session.pop(sessions.SESSION_KEY, None))
    db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@mail_request_limits
def forgot_password():
    """Ask for a password reset link by e-mail."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        worker.dispatch()
        flash(_("If an account exists for this address, a link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token):
    """Choose a new password through an e-mailed link."""
    if services.valid_reset(token) is None:
        flash(str(services.INVALID_RESET_LINK), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        with saving(form.password.errors) as saved:
            services.reset_password(token, form.password.data)
        if saved:
            flash(_("Your password has been changed. You can sign in now."), "info")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)
