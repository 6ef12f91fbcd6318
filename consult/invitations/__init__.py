"""Personal one-time invitations to a consultation, and the tenant's answer page behind them."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

#: The board's side: sending invitations.
bp = Blueprint("invitations", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)

#: The tenant's side: the link from the e-mail, no account needed.
public_bp = Blueprint("answer", __name__, url_prefix="/i")
