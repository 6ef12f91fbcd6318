"""Importing panel members from the landlord's list (CSV or XLSX): upload, columns,
preview, commit. Nothing is stored in the panel before the board commits."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("imports", __name__, url_prefix="/o/<org>/panel/import")
register_organisation_blueprint(bp)
