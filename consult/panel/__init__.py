"""The tenant panel: members and the segments (district, age band, ...) they belong to."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("panel", __name__, url_prefix="/o/<org>/panel")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The panel's members, segments and dashboard."""
    from consult.panel import dashboard_views, segment_views, views

    register_views(app, views, segment_views, dashboard_views)
