"""Two-factor sign-in pages: the code step after the password, setting up the authenticator
app, the recovery codes; and the rule that sends whoever must have it on to set it up first.
Turning it off is on the account page (account_views)."""

from datetime import datetime

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.accounts import bp, two_factor
from consult.accounts.forms import CodeForm
from consult.accounts.models import User
from consult.accounts.views import PENDING_FOR, PENDING_KEY, sign_in
from consult.core.clock import utcnow
from consult.core.limits import account_code_limits
from consult.core.saving import saving
from consult.extensions import db

#: What someone who must set up two-factor sign-in may still open.
SETUP_ENDPOINTS = {
    "accounts.two_factor",
    "accounts.start_two_factor",
    "accounts.confirm_two_factor",
    "accounts.logout",
    "static",
}


def _pending() -> dict:
    """Who gave the right password less than ``PENDING_FOR`` ago, else nobody."""
    pending = session.get(PENDING_KEY) or {}
    fresh = pending and utcnow() - datetime.fromisoformat(pending["at"]) < PENDING_FOR
    return pending if fresh else {}


def _pending_account() -> str:
    return str(_pending().get("user"))


@bp.route("/login/code", methods=["GET", "POST"])
@account_code_limits(_pending_account)
def login_code():
    """The code from the authenticator app, or a recovery code, after the password."""
    pending = _pending()
    user = pending and db.session.get(User, pending["user"])
    if not user:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("accounts.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.check(user, form.code.data):
            sign_in(user)
            return redirect(pending["next"])
        form.code.errors.append(_("That code is not correct. Type the code your app shows now."))
    return render_template("accounts/login_code.html", form=form)


@bp.route("/account/two-factor", endpoint="two_factor")
@login_required
def two_factor_page():
    """Set up two-factor sign-in: the QR code and the secret, and the first code."""
    if two_factor.is_on(current_user):
        return redirect(url_for("accounts.account", _anchor="two-factor"))
    return _setup_page(CodeForm(formdata=None))


def _setup_page(form, status=200):
    setting_up = two_factor.setting_up(current_user)
    return render_template(
        "accounts/two_factor.html",
        form=form,
        setting_up=setting_up,
        qr_code=two_factor.qr_code_svg(current_user) if setting_up else None,
        secret=two_factor.secret_in_groups(current_user),
        required=two_factor.required_for(current_user),
    ), status


@bp.route("/account/two-factor/start", methods=["POST"])
@login_required
def start_two_factor():
    """Make a new secret for the authenticator app."""
    with saving():
        two_factor.start(current_user)
    return redirect(url_for("accounts.two_factor"))


@bp.route("/account/two-factor", methods=["POST"])
@login_required
def confirm_two_factor():
    """Turn two-factor sign-in on with the first code; show the recovery codes once."""
    form = CodeForm()
    if not form.validate_on_submit():
        return _setup_page(form, status=400)
    with saving(form.code.errors) as saved:
        codes = two_factor.confirm(current_user, form.code.data)
    if not saved:
        return _setup_page(form, status=400)
    return render_template("accounts/recovery_codes.html", codes=codes, new=True)


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@login_required
def new_recovery_codes():
    """Ten new recovery codes, replacing the ones before; shown once."""
    if not two_factor.is_on(current_user):
        return redirect(url_for("accounts.two_factor"))
    codes = two_factor.new_recovery_codes(current_user)
    db.session.commit()
    return render_template("accounts/recovery_codes.html", codes=codes, new=False)


def require_set_up():
    """Before any page: whoever is in an organisation that requires two-factor sign-in and
    has not turned it on, sets it up first."""
    if "_user_id" not in session or request.endpoint in SETUP_ENDPOINTS:
        return None
    if not current_user.is_authenticated or two_factor.is_on(current_user):
        return None
    if not two_factor.required_for(current_user):
        return None
    flash(_("Your organisation requires two-factor sign-in. Set it up to go on."), "info")
    return redirect(url_for("accounts.two_factor"))
