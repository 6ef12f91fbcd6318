"""The read-only JSON API (v1) for the organisation's own tools, and the board's page of the
API tokens that open it."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/o/<org>/api-tokens")
register_organisation_blueprint(tokens_bp)


def init_app(app: Flask) -> None:
    """The JSON API and the board's page of its tokens."""
    from consult.api import token_views, views

    register_views(app, token_views, views)
