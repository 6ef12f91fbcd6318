"""Aggregated results of consultations for the board."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("results", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)
