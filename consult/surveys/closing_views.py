"""The board closes a consultation early, after a confirmation page that says what follows."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys import bp, closing
from consult.surveys.forms import CloseEarlyForm
from consult.surveys.models.consultations import Consultation


@bp.route("/<int:consultation_id>/close", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def close_early(consultation_id):
    """Confirm, with a reason, that a consultation closes today; links then answer as closed."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = CloseEarlyForm()
    if form.validate_on_submit():
        with saving(form.reason.errors) as saved:
            closing.close_early(consultation, form.reason.data, current_user)
        if saved:
            flash(_("The consultation is closed. Links to it now say that it has closed."), "info")
            return redirect(url_for("surveys.detail", consultation_id=consultation.id))
    return render_template(
        "surveys/close_early.html",
        consultation=consultation,
        form=form,
        unused=closing.unused_invitations(consultation),
        closable=closing.closable(consultation),
    ), 400 if form.errors else 200
