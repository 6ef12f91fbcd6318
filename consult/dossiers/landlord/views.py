"""The landlord's pages: the shared dossiers, the advice with its evidence, the reply."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.policy import Action
from consult.core.saving import saving
from consult.dossiers import landlord_bp
from consult.dossiers.advice import services as advice
from consult.dossiers.advice.views import pdf_response, point_of, posted_reply
from consult.dossiers.consent import services as consent
from consult.dossiers.consent.forms import LandlordResponseForm
from consult.dossiers.consent.views import consent_pdf_response
from consult.dossiers.deadlines.services import deadlines_of
from consult.dossiers.forms import reply_forms
from consult.dossiers.landlord.services import shared_dossiers, shared_or_404
from consult.dossiers.models import REPLY_PHASES, Phase
from consult.extensions import db
from consult.organisations.access import organisation_required


@landlord_bp.route("/")
@organisation_required(Action.RESPOND)
def index():
    """The dossiers the tenant organisation shares with the landlord."""
    return render_template("dossiers/landlord_index.html", dossiers=shared_dossiers(g.organisation))


def _page(dossier, failed=None, status=200, response_form=None):
    given = dossier.advice_given
    return render_template(
        "dossiers/landlord_dossier.html",
        dossier=dossier,
        deadlines=deadlines_of(dossier),
        advice_given=given,
        cited=advice.cited(dossier.points) if given else {},
        reply_forms=reply_forms(dossier.points, failed),
        replying=dossier.phase in REPLY_PHASES,
        response_form=response_form or LandlordResponseForm(formdata=None),
        answering_consent=dossier.is_consent and dossier.phase == Phase.ADVISED,
        today=today(),
    ), status


@landlord_bp.route("/<int:dossier_id>")
@organisation_required(Action.RESPOND)
def dossier(dossier_id):
    """A shared dossier: the advice once given, its evidence, and a reply form per point."""
    return _page(shared_or_404(dossier_id))


@landlord_bp.route("/<int:dossier_id>/points/<int:point_id>/reply", methods=["POST"])
@organisation_required(Action.RESPOND)
def reply(dossier_id, point_id):
    """The landlord enters its answer to one point, with its arguments."""
    shared = shared_or_404(dossier_id)
    point = point_of(shared, point_id)
    form = posted_reply(point)
    if form is None:
        if advice.complete_reply(shared, current_user):
            db.session.commit()
            flash(_("Your reply to every point is in: the tenant organisation received it today."))
        else:
            flash(_("Your reply was saved. The tenant organisation sees it at once."), "info")
        return redirect(url_for("landlord.dossier", dossier_id=shared.id))
    return _page(shared, failed=(point.id, form), status=400)


@landlord_bp.route("/<int:dossier_id>/consent-response", methods=["POST"])
@organisation_required(Action.RESPOND)
def consent_response(dossier_id):
    """The landlord enters its own response to the decision on consent, dated today."""
    shared = shared_or_404(dossier_id)
    if not shared.is_consent:
        abort(404)
    form = LandlordResponseForm()
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            consent.record_response(shared, form.response.data, today(), current_user)
        if saved:
            flash(_("Your response was saved; the tenant organisation sees it at once."), "info")
            return redirect(url_for("landlord.dossier", dossier_id=shared.id))
    return _page(shared, status=400, response_form=form)


@landlord_bp.route("/<int:dossier_id>/letter.pdf")
@organisation_required(Action.RESPOND)
def letter_pdf(dossier_id):
    """The letter as the landlord received it (advice, or the decision on consent), once the
    advice is given or the decision taken."""
    shared = shared_or_404(dossier_id)
    if not shared.advice_given:
        abort(404)
    return consent_pdf_response(shared) if shared.is_consent else pdf_response(shared)
