"""Organisations (tenant organisations), their members' roles, and the in-app outbox."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import OrganisationSuspended, register_organisation_blueprint

bp = Blueprint("organisations", __name__)
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The start pages, the settings, the in-app outbox, the accessibility statement and the
    page of a suspended organisation."""
    from consult.organisations import accessibility, outbox_views, settings_views, views

    register_views(app, views, settings_views, outbox_views, accessibility)
    # Before the general handler of HTTP errors, which would show a plain 403.
    app.register_error_handler(OrganisationSuspended, OrganisationSuspended.get_response)
