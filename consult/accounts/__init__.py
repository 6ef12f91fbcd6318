"""Login accounts of board members: sign-in, sign-out, password reset, and the team page
where an organisation's admins invite people and change their roles."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("accounts", __name__)

team_bp = Blueprint("team", __name__, url_prefix="/o/<org>/team")
register_organisation_blueprint(team_bp)
