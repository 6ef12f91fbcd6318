"""The read-only JSON API (v1) for the organisation's own tools, and the board's page of the
API tokens that open it."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/o/<org>/api-tokens")
register_organisation_blueprint(tokens_bp)
