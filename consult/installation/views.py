"""The installation's pages: its organisations, a new one, suspending and reinstating."""

from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.policy import may_run_installation
from consult.core.saving import saving
from consult.extensions import db, login_manager
from consult.installation import bp, queries, services
from consult.installation.forms import OrganisationForm
from consult.organisations.models import Organisation


def installation_admin_required(view):
    """Anonymous visitors are sent to sign in; anyone but an installation admin gets 403."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not may_run_installation(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _organisation_or_404(organisation_id: int) -> Organisation:
    return db.get_or_404(Organisation, organisation_id)


def _page(form=None, status=200):
    rows = queries.organisations_overview()
    page = render_template("installation/index.html", rows=rows, form=form or OrganisationForm())
    return page, status


@bp.route("/")
@installation_admin_required
def index():
    """Every organisation of the installation with its size and last activity."""
    return _page()


@bp.route("/", methods=["POST"])
@installation_admin_required
def create():
    """Create an organisation and invite its first admin."""
    form = OrganisationForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    with saving(form.name.errors) as saved:
        organisation = services.create_organisation(
            form.name.data, form.admin_email.data, form.admin_name.data, current_user
        )
    if not saved:
        return _page(form, status=400)
    flash(
        _(
            "%(organisation)s is created; %(email)s is invited to be its admin.",
            organisation=organisation.name,
            email=form.admin_email.data,
        ),
        "info",
    )
    return redirect(url_for("installation.index"))


def _change(organisation_id: int, change, done: str):
    """Apply ``change`` (a service taking the organisation and the actor) and say ``done``."""
    organisation = _organisation_or_404(organisation_id)
    with saving() as saved:
        change(organisation, current_user)
    if saved:
        flash(done % {"organisation": organisation.name}, "info")
    return redirect(url_for("installation.index"))


@bp.route("/<int:organisation_id>/suspend", methods=["POST"])
@installation_admin_required
def suspend(organisation_id):
    """Suspend an organisation; nothing is deleted."""
    return _change(organisation_id, services.suspend, _("%(organisation)s is suspended."))


@bp.route("/<int:organisation_id>/reinstate", methods=["POST"])
@installation_admin_required
def reinstate(organisation_id):
    """Lift an organisation's suspension."""
    return _change(organisation_id, services.lift_suspension, _("%(organisation)s works again."))
