"""The participatiekalender: the organisation's year plan of topics on which advice will be
asked or given, linked to dossiers and consultations as they start."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("planning", __name__, url_prefix="/o/<org>/participatiekalender")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The participatiekalender's pages."""
    from consult.planning import views

    register_views(app, views)
