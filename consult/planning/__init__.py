"""The participatiekalender: the organisation's year plan of topics on which advice will be
asked or given, linked to dossiers and consultations as they start."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("planning", __name__, url_prefix="/o/<org>/participatiekalender")
register_organisation_blueprint(bp)
