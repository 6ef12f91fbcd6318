"""Direct elections of board members (Woonstad art. 3.3): candidates, the electorate, secret
ballots by one-time link or letter code, exactly once, the count by the allocation rule with
a reproducible draw by lot, and a published result that anyone can recount."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("elections", __name__, url_prefix="/o/<org>/verkiezingen")
register_organisation_blueprint(bp)
#: The voter's ballot, reached by the one-time link or the letter's code.
vote_bp = Blueprint("election_vote", __name__, url_prefix="/v")
#: The published results, for the members and everyone.
public_bp = Blueprint("election_results", __name__, url_prefix="/h/<slug>/verkiezingen")


def init_app(app: Flask) -> None:
    """The board's pages, the ballot, the published results and the voting mail."""
    from consult.elections import email, public_views, views

    register_views(app, views, public_views)
    register_mail(app, email.kinds)
