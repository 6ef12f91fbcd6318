"""Organisations (tenant organisations), their members' roles, and the in-app outbox."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("organisations", __name__)
register_organisation_blueprint(bp)
