"""Login accounts of board members: sign-in, sign-out, password reset, and the team page
where an organisation's admins invite people and change their roles."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("accounts", __name__)

team_bp = Blueprint("team", __name__, url_prefix="/o/<org>/team")
register_organisation_blueprint(team_bp)


def init_app(app: Flask) -> None:
    """Sign-in, password reset and the team page, with their mail."""
    from consult.accounts import account_views, email, team_views, views

    register_views(app, views, account_views, team_views)
    register_mail(app, email.kinds)
