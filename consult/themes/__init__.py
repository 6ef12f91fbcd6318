"""Year themes (jaarthema's): a year's themes with their goals, and the dossiers,
consultations, meetings, plan items and working groups that carry one."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("themes", __name__, url_prefix="/o/<org>/jaarthemas")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The year themes' pages."""
    from consult.themes import views

    register_views(app, views)
