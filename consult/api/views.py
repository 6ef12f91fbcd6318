"""The API's endpoints: GET only, JSON only, each within the organisation of the token."""

from flask import abort, g, jsonify

from consult.api import bp, openapi, payloads
from consult.api.access import rate_key, rate_limit, token_required
from consult.dossiers.models import Dossier
from consult.extensions import csrf, limiter
from consult.organisations.access import scoped_or_404
from consult.surveys.models.consultations import Consultation, ConsultationStatus

# Programs send no forms and no cookies; every route reads only.
csrf.exempt(bp)
# One budget per token for all endpoints together, so spreading requests does not help.
limiter.shared_limit(rate_limit, scope="api", key_func=rate_key)(bp)

ORGANISATION = "/organisations/<org>"


@bp.route("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 description of this API; readable without a token."""
    return jsonify(openapi.document())


@bp.route(ORGANISATION)
@token_required
def organisation():
    """The organisation: name, slug and counts."""
    return jsonify(payloads.organisation_payload(g.organisation))


@bp.route(f"{ORGANISATION}/consultations")
@token_required
def consultations():
    """The consultations other than drafts, with respondents and response rate."""
    return jsonify(payloads.consultations_payload(g.organisation))


@bp.route(f"{ORGANISATION}/consultations/<int:consultation_id>/results")
@token_required
def results(consultation_id):
    """The results of one consultation, small groups left out; 404 for a draft."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if consultation.status == ConsultationStatus.DRAFT:
        abort(404)
    return jsonify(payloads.results_payload(consultation))


@bp.route(f"{ORGANISATION}/panel")
@token_required
def panel():
    """The panel's size and composition against the tenants; no member in person."""
    return jsonify(payloads.panel_payload(g.organisation))


@bp.route(f"{ORGANISATION}/dossiers")
@token_required
def dossiers():
    """Every dossier with its phase, right, dates and deadlines."""
    return jsonify(payloads.dossiers_payload(g.organisation))


@bp.route(f"{ORGANISATION}/dossiers/<int:dossier_id>")
@token_required
def dossier(dossier_id):
    """One dossier with its evidence, and its advice once given."""
    return jsonify(payloads.dossier_payload(scoped_or_404(Dossier, dossier_id)))
