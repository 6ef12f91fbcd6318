"""Advice dossiers: the formal advice work with the landlord and the evidence behind it."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("dossiers", __name__, url_prefix="/o/<org>/dossiers")
register_organisation_blueprint(bp)

#: The calendar feeds behind personal links: calendar apps fetch them without signing in.
calendar_bp = Blueprint("calendar", __name__)
