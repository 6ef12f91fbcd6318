"""Consultations: questionnaires, their lifecycle, and the responses they collect."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("surveys", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)
