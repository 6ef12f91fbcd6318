"""The annual report (jaarverslag): figures drafted from what Consult holds for a year, frozen
with a fingerprint, the board's text around them, published on the public page."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("annual", __name__, url_prefix="/o/<org>/jaarverslag")
register_organisation_blueprint(bp)

#: The published report, for everyone.
public_bp = Blueprint("annual_public", __name__)


def init_app(app: Flask) -> None:
    """The board's pages of the annual report, its public page, and its mail to the panel."""
    from consult.annual import email, views

    register_views(app, views)
    register_mail(app, email.kinds)
