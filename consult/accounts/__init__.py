"""Login accounts of board members: sign-in with two-factor sign-in, sessions that end,
password reset, the account page, and the team page where an organisation's admins invite
people and change their roles."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("accounts", __name__)

team_bp = Blueprint("team", __name__, url_prefix="/o/<org>/team")
register_organisation_blueprint(team_bp)


def init_app(app: Flask) -> None:
    """Sign-in, the account page, two-factor sign-in and the team page, with their mail."""
    from consult.accounts import account_views, email, team_views, two_factor_views, views

    register_views(app, views, account_views, two_factor_views, team_views)
    app.before_request(two_factor_views.require_set_up)
    register_mail(app, email.kinds)
