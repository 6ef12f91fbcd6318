"""The audit log: who imported, exported, edited, paused or erased what, and when."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("audit", __name__, url_prefix="/o/<org>/audit")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The audit log's page."""
    from consult.audit import views

    register_views(app, views)
