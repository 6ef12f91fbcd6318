"""The mail of an election: the voter's one-time voting link."""

from flask_babel import lazy_gettext as _l

from consult.elections.models import Voter
from consult.elections.services import token_of
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url

kinds = MailKinds()


@kinds.renderer("election_link", label=_l("Election voting link"), personal=("link",))
def render_vote_link(message):
    """The voter's one-time link, the period and the candidates' names."""
    voter = db.session.get(Voter, message.context["voter_id"])
    election = voter.election
    return _l("Your vote: %(title)s") % {"title": election.title}, {
        "link": external_url("election_vote.ballot", token=token_of(voter)),
        "election": election,
        "organisation": election.organisation,
    }
