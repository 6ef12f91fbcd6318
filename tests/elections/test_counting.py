"""Voting and the count as services: exactly once, abstaining, the sealed ballots, the result,
the quorum and the recount from the downloaded ballots."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.core import clock
from consult.core.errors import DomainError
from consult.elections import counting, voting
from consult.elections.models import Ballot, SealedBallot
from consult.extensions import db
from tests import factories


def close(election):
    election.opens_on = election.closes_on = clock.today() - timedelta(days=1)


def ids(election, *names):
    return [c.id for c in election.candidates if c.name in names]


def vote(election, tokens, *ballots):
    for token, names in zip(tokens, ballots, strict=False):
        assert voting.cast(voting.voter_by_token(token), ids(election, *names)) == "counted"


def test_a_voter_votes_once(ctx):
    """Is a second vote through the same link refused, the first one kept?"""
    election, tokens = factories.election(factories.organisation())
    voter = voting.voter_by_token(tokens[0])
    assert voting.cast(voter, ids(election, "Ans")) == voting.VoteOutcome.COUNTED
    assert voting.cast(voter, ids(election, "Bram")) == voting.VoteOutcome.ALREADY_VOTED
    assert voting.has_voted(voter)
    assert voting.turnout(election) == 1


def test_more_candidates_than_seats_are_refused(ctx):
    election, tokens = factories.election(factories.organisation(), seats=1)
    with pytest.raises(DomainError):
        voting.cast(voting.voter_by_token(tokens[0]), ids(election, "Ans", "Bram"))


def test_no_vote_before_opening(ctx):
    election, tokens = factories.election(factories.organisation(), opens_in_days=2)
    assert voting.cast(voting.voter_by_token(tokens[0]), []) == voting.VoteOutcome.NOT_OPEN


def test_no_result_before_the_count_and_ballots_stay_sealed(ctx):
    """While voting is open, is there only the turnout, and are the ballots sealed?"""
    election, tokens = factories.election(factories.organisation())
    vote(election, tokens, ["Ans"], [])
    assert counting.result(election) is None
    assert db.session.scalar(select(func.count(SealedBallot.id))) == 2
    assert db.session.scalar(select(func.count(Ballot.id))) == 0
    with pytest.raises(DomainError):
        counting.count(election)


def test_the_count_gives_votes_blank_votes_turnout_and_seats(ctx):
    """After closing, does the count show votes per candidate, abstentions and who won?"""
    election, tokens = factories.election(factories.organisation(), members=5)
    vote(election, tokens, ["Ans", "Bram"], ["Ans"], ["Cor", "Ans"], [])
    close(election)
    assert counting.count(election) == 4
    result = counting.result(election)
    by_name = {c.name: result.votes[c.id] for c in election.candidates}
    assert by_name == {"Ans": 3, "Bram": 1, "Cor": 1}
    assert (result.ballots, result.blank, result.electorate) == (4, 1, 5)
    assert result.turnout_percent == 80.0 and result.quorum_met
    elected = {c.name for c in election.candidates if c.id in result.allocation.elected}
    assert "Ans" in elected and len(elected) == 2
    assert result.allocation.draw is not None  # Bram and Cor tied for the second seat
    assert db.session.scalar(select(func.count(SealedBallot.id))) == 0
    with pytest.raises(DomainError):
        counting.count(election)


def test_a_missed_quorum_allocates_no_seats(ctx):
    """With a quorum of 50% and one voter in four, is nobody elected?"""
    election, tokens = factories.election(factories.organisation(), quorum=50)
    vote(election, tokens, ["Ans"])
    close(election)
    counting.count(election)
    result = counting.result(election)
    assert not result.quorum_met and result.allocation is None


def test_the_recount_of_the_downloaded_ballots_equals_the_published_count(ctx):
    """Does recounting the CSV of anonymous ballots give exactly the published result,
    the draw by lot included?"""
    election, tokens = factories.election(factories.organisation(), members=6)
    vote(election, tokens, ["Ans"], ["Bram"], ["Ans", "Cor"], [], ["Bram", "Cor"])
    close(election)
    counting.count(election)
    published = counting.result(election)
    assert counting.recount(election, counting.ballots_csv(election)) == published


def test_a_changed_ballots_file_is_refused(ctx):
    election, tokens = factories.election(factories.organisation())
    vote(election, tokens, ["Ans"])
    close(election)
    counting.count(election)
    with pytest.raises(DomainError):
        counting.recount(election, "ballot;1;2\n")


def test_one_vote_per_address_where_the_agreement_says_so(ctx):
    """In an election per address, do two members at one address make one voter, and
    does a paused member not vote?"""
    from consult.elections import services
    from consult.elections.models import Voter

    org = factories.organisation()
    first, second, elsewhere, paused = (factories.member(org) for _ in range(4))
    first.postal_address = second.postal_address = "Dorpsstraat 1\n1234 AB Ergens"
    elsewhere.postal_address = "Dorpsstraat  2\n1234 AB Ergens"
    paused.postal_address = "Dorpsstraat 3"
    paused.paused_until = clock.today() + timedelta(days=30)
    today = clock.today()
    election = services.create_election(
        org, "Verkiezing", 1, today + timedelta(days=1), today + timedelta(days=9), None, True
    )
    assert services.draw_up_electorate(election) == 2
    assert services.draw_up_electorate(election) == 0
    voters = db.session.scalars(select(Voter).order_by(Voter.address)).all()
    assert [v.address for v in voters] == [
        "Dorpsstraat 1 1234 AB Ergens",
        "Dorpsstraat 2 1234 AB Ergens",
    ]
    assert voters[0].member_id == first.id
