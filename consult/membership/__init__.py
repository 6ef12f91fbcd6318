"""The tenant's own membership: joining with double opt-in, their own page, leaving, erasure.

Tenants never have a password: every page of ``bp`` is reached through an e-mailed link.
The board sets the privacy text and the retention period on the pages of ``settings_bp``.
"""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("membership", __name__)

settings_bp = Blueprint("panel_settings", __name__, url_prefix="/o/<org>/panel/settings")
register_organisation_blueprint(settings_bp)


def init_app(app: Flask) -> None:
    """The member's own pages, the board's panel settings, their mail, and the erasure of
    members whose retention period ran out."""
    from consult.membership import email, retention, settings_views, views

    register_views(app, views, settings_views)
    register_mail(app, email.kinds)
    register_periodic(app, retention.purge_expired)
