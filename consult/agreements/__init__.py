"""The cooperation agreement with the landlord: the kruisjeslijst (topics × rights) and its
terms, versioned by the date of the agreement."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("agreements", __name__, url_prefix="/o/<org>/kruisjeslijst")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The kruisjeslijst's pages."""
    from consult.agreements import views

    register_views(app, views)
