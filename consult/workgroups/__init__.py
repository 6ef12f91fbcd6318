"""Working groups (werkgroepen): name, theme, mandate, members, the landlord's contact, a work
plan of SMART goals, linked dossiers and consultations, and a progress note per quarter."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("workgroups", __name__, url_prefix="/o/<org>/werkgroepen")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The working groups' pages."""
    from consult.workgroups import views

    register_views(app, views)
