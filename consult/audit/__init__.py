"""The audit log: who imported, exported, edited, paused or erased what, and when."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("audit", __name__, url_prefix="/o/<org>/audit")
register_organisation_blueprint(bp)
