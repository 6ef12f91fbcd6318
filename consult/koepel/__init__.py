"""Koepels: tenant organisations of one landlord acting together (a huurderskoepel or
centraal overleg). A joint dossier of the koepel collects each member organisation's
position; where consent is asked, it is reached only with two thirds of the recognised
member organisations."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("koepel", __name__, url_prefix="/o/<org>/koepel")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The koepel's pages."""
    from consult.koepel import views

    register_views(app, views)
