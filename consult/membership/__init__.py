"""The tenant's own membership: joining with double opt-in, their own page, leaving, erasure.

Tenants never have a password: every page of ``bp`` is reached through an e-mailed link.
The board sets the privacy text and the retention period on the pages of ``settings_bp``.
"""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("membership", __name__)

settings_bp = Blueprint("panel_settings", __name__, url_prefix="/o/<org>/panel/settings")
register_organisation_blueprint(settings_bp)
