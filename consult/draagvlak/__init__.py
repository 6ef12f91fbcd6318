"""Draagvlakmeting: the vote of the tenants of a complex on the landlord's proposal (BW 7:220
lid 2 for a renovation, 7:261 for the service package). One vote per address; the proposal
is presumed reasonable when at least 70% of ALL addresses concerned agree, so an address
that does not vote counts as not agreeing."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("draagvlak", __name__, url_prefix="/o/<org>/draagvlak")
register_organisation_blueprint(bp)
#: The address's own voting page, reached by its one-time link.
public_bp = Blueprint("address_vote", __name__, url_prefix="/d")


def init_app(app: Flask) -> None:
    """The board's pages, the address's voting page and the voting mails."""
    from consult.draagvlak import email, public_views, views

    register_views(app, views, public_views)
    register_mail(app, email.kinds)
