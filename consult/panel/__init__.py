"""The tenant panel: members and the segments (district, age band, ...) they belong to."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("panel", __name__, url_prefix="/o/<org>/panel")
register_organisation_blueprint(bp)
