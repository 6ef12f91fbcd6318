"""The consent page of a dossier: the decision, the landlord's response, and the letter."""

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.dossiers import bp
from consult.dossiers.consent import services as consent
from consult.dossiers.consent.forms import DecisionForm, ResponseForm
from consult.dossiers.consent.letter import build_consent_letter, consent_letter_pdf
from consult.dossiers.consent.models import Decision
from consult.dossiers.models import Dossier, Phase
from consult.koepel.services import consent_count
from consult.organisations.access import organisation_required, scoped_or_404


def consent_dossier_or_404(dossier_id: int, decided: bool = False) -> Dossier:
    """A consent dossier of ``g.organisation`` (with its decision taken, if ``decided``);
    404 for any other."""
    dossier = scoped_or_404(Dossier, dossier_id)
    if not dossier.is_consent or (decided and dossier.consent_decision is None):
        abort(404)
    return dossier


def _page(dossier: Dossier, decision_form=None, response_form=None, status: int = 200):
    """The consent page; a form that failed is shown with its errors instead of a new one."""
    start = {"decided_on": today(), "received_on": today()}
    return render_template(
        "dossiers/consent.html",
        dossier=dossier,
        taken=dossier.consent_decision,
        deciding=dossier.phase == Phase.DRAFTING,
        answering=dossier.phase == Phase.ADVISED,
        decision_form=decision_form or DecisionForm(formdata=None, data=start),
        response_form=response_form or ResponseForm(formdata=None, data=start),
        count=consent_count(dossier) if dossier.joint else None,
        may_edit=g.role in EDITORS,
    ), status


@bp.route("/<int:dossier_id>/consent")
@organisation_required(Action.VIEW)
def consent_page(dossier_id):
    """Consent: the decision with its reasons, the landlord's response, and the letter."""
    return _page(consent_dossier_or_404(dossier_id))


@bp.route("/<int:dossier_id>/consent", methods=["POST"])
@organisation_required(Action.EDIT)
def record_consent(dossier_id):
    """Record the decision: consent, consent under conditions, or withheld."""
    dossier = consent_dossier_or_404(dossier_id)
    form = DecisionForm()
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            consent.decide(
                dossier,
                Decision(form.decision.data),
                form.reasons.data or "",
                form.conditions.data or "",
                form.decided_on.data,
                current_user,
            )
        if saved:
            flash(_("The decision was recorded; the letter is ready."), "info")
            return redirect(url_for("dossiers.consent_page", dossier_id=dossier.id))
    return _page(dossier, decision_form=form, status=400)


@bp.route("/<int:dossier_id>/consent/response", methods=["POST"])
@organisation_required(Action.EDIT)
def consent_response(dossier_id):
    """Enter the landlord's response to the decision, with the day it came in."""
    dossier = consent_dossier_or_404(dossier_id)
    form = ResponseForm()
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            consent.record_response(
                dossier, form.response.data, form.received_on.data, current_user
            )
        if saved:
            flash(_("The landlord's response was saved."), "info")
            return redirect(url_for("dossiers.consent_page", dossier_id=dossier.id))
    return _page(dossier, response_form=form, status=400)


@bp.route("/<int:dossier_id>/consent/letter")
@organisation_required(Action.VIEW)
def consent_letter(dossier_id):
    """The consent letter as a page to print."""
    dossier = consent_dossier_or_404(dossier_id, decided=True)
    return render_template(
        "dossiers/consent_letter.html", dossier=dossier, letter=build_consent_letter(dossier)
    )


@bp.route("/<int:dossier_id>/consent/letter.pdf")
@organisation_required(Action.VIEW)
def consent_letter_download(dossier_id):
    """The consent letter as a PDF with the organisation's letterhead."""
    return consent_pdf_response(consent_dossier_or_404(dossier_id, decided=True))


def consent_pdf_response(dossier: Dossier) -> Response:
    """The dossier's consent letter (its decision taken) as a PDF download."""
    data = consent_letter_pdf(build_consent_letter(dossier), dossier.organisation.logo)
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="instemming-{dossier.code}.pdf"'},
    )
