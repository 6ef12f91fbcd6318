"""Working groups (werkgroepen): name, theme, mandate, members, the landlord's contact, a work
plan of SMART goals, linked dossiers and consultations, and a progress note per quarter."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("workgroups", __name__, url_prefix="/o/<org>/werkgroepen")
register_organisation_blueprint(bp)

#: A working group's members who are not on the board: only their own groups.
member_bp = Blueprint("group_pages", __name__, url_prefix="/o/<org>/mijn-werkgroepen")
register_organisation_blueprint(member_bp)


def init_app(app: Flask) -> None:
    """The working groups' pages, for the board and for the groups' own members."""
    from consult.workgroups import member_views, views

    register_views(app, views, member_views)
