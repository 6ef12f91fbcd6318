"""Aggregated results of consultations for the board."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("results", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The results pages, downloads and open answers."""
    from consult.results import open_views, views

    register_views(app, views, open_views)
