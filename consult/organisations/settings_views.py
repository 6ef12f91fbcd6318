"""The organisation's own settings page (admins)."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.organisations import bp
from consult.organisations.access import organisation_required
from consult.organisations.forms import OrganisationSettingsForm
from consult.organisations.services import save_settings


@bp.route("/o/<org>/settings", methods=["GET", "POST"])
@organisation_required(Action.ADMINISTER)
def settings():
    """The language of the advice letters, the response aimed for, the return address and the
    contact address."""
    form = OrganisationSettingsForm(obj=g.organisation)
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            save_settings(
                g.organisation,
                form.letter_language.data,
                form.response_target.data,
                current_user,
                return_address=form.return_address.data,
                contact_email=form.contact_email.data,
            )
        if saved:
            flash(_("The settings have been saved."), "info")
            return redirect(url_for("organisations.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("organisations/settings.html", form=form), status
