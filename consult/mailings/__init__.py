"""Mailings: plain mails of the board to the whole panel or to segments ("the results of
the service-cost survey are in"), through the outbox, with the unsubscribe headers."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("mailings", __name__, url_prefix="/o/<org>/mailings")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The mailings page and the mailing's mail."""
    from consult.mailings import email, views

    register_views(app, views)
    register_mail(app, email.kinds)
