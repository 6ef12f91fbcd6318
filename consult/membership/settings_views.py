"""The board's panel settings: privacy text, retention, and asking quiet members to stay."""

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.membership import retention, services, settings_bp
from consult.membership.forms import LogoForm, PanelSettingsForm
from consult.organisations.access import organisation_required
from consult.organisations.services import MAX_LOGO_BYTES, set_logo
from consult.organisations.services import remove_logo as remove_organisation_logo


@settings_bp.route("/", methods=["GET", "POST"])
@organisation_required(Action.ADMINISTER)
def edit():
    """Privacy text, retention period, the public join link and the re-consent round."""
    privacy = services.current_privacy(g.organisation)
    form = PanelSettingsForm(
        privacy_text=privacy.text if privacy else "",
        retention_months=g.organisation.retention_months,
    )
    if form.validate_on_submit():
        services.save_panel_settings(
            g.organisation, form.privacy_text.data, form.retention_months.data, current_user
        )
        db.session.commit()
        flash(_("The panel settings have been saved."), "info")
        return redirect(url_for("panel_settings.edit"))
    return render_template(
        "membership/settings.html",
        form=form,
        logo_form=LogoForm(),
        privacy=privacy,
        quiet=len(retention.due_for_reconsent(g.organisation)),
    )


@settings_bp.route("/logo", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def upload_logo():
    """Keep the organisation's logo for its e-mails."""
    form = LogoForm()
    if form.validate_on_submit():
        with saving() as saved:
            set_logo(g.organisation, form.logo.data.read(MAX_LOGO_BYTES + 1))
        if saved:
            flash(_("The logo is saved; it appears at the top of the e-mails."), "info")
    else:
        flash(_("Choose an image file."), "error")
    return redirect(url_for("panel_settings.edit", _anchor="logo-heading"))


@settings_bp.route("/logo/remove", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def remove_logo():
    """E-mails without a logo again."""
    if FlaskForm().validate_on_submit():
        remove_organisation_logo(g.organisation)
        db.session.commit()
        flash(_("The logo is removed."), "info")
    return redirect(url_for("panel_settings.edit", _anchor="logo-heading"))


@settings_bp.route("/logo")
@organisation_required(Action.VIEW)
def show_logo():
    """The stored logo: on the settings page, and as letterhead of the advice letter."""
    if g.organisation.logo is None:
        abort(404)
    return Response(g.organisation.logo, mimetype=g.organisation.logo_type)


@settings_bp.route("/reconsent", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def reconsent():
    """Mail every quiet member a link to confirm they want to stay on the panel."""
    if FlaskForm().validate_on_submit():
        asked = retention.ask_reconsent(g.organisation, actor=current_user)
        db.session.commit()
        flash(ngettext("%(num)d member asked.", "%(num)d members asked.", asked), "info")
    return redirect(url_for("panel_settings.edit"))
