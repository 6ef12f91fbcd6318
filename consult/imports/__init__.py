"""Importing panel members from the landlord's list (CSV or XLSX): upload, columns,
preview, commit. Nothing is stored in the panel before the board commits."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("imports", __name__, url_prefix="/o/<org>/panel/import")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The import pages, and the clean-up of imports left unfinished."""
    from consult.imports import services, views

    register_views(app, views)
    register_periodic(app, services.purge_abandoned)
