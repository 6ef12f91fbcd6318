"""The count: unsealing the ballots into anonymous ones, the result by the allocation rule,
the ballots as a CSV for an independent recount, and that recount."""

import csv
import io
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from consult.core.anonymity import unseal
from consult.core.clock import today, utcnow
from consult.core.errors import DomainError
from consult.elections.allocation import Allocation, allocate
from consult.elections.models import (
    Ballot,
    BallotMark,
    Candidate,
    Election,
    ElectionState,
    SealedBallot,
    Voter,
)
from consult.elections.voting import ballot_purpose
from consult.extensions import db

#: The column of the CSV that marks a blank ballot.
BLANK = "blank"


def count(election: Election, actor=None) -> int:
    """Close the election for good: unseal every ballot, write it as an anonymous ballot
    (random id, no date, the ballots in random order), delete the sealed ones and record the
    seed of any draw by lot. Only then are there results.

    :returns: how many ballots were counted.
    :raises DomainError: while voting is still open, or when it was counted already.
    """
    locked = db.session.scalar(
        select(Election)
        .where(Election.id == election.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    state = locked.state_on(today())
    if state == ElectionState.COUNTED:
        raise DomainError(_("This election has been counted already."))
    if state != ElectionState.CLOSED:
        raise DomainError(_("The ballots can be counted once voting has closed."))
    sealed = db.session.scalars(
        select(SealedBallot.sealed).where(SealedBallot.election_id == election.id)
    ).all()
    ballots = [unseal(ballot_purpose(election), blob) for blob in sealed]
    secrets.SystemRandom().shuffle(ballots)
    db.session.add_all(
        Ballot(
            id=secrets.token_hex(16),
            election_id=election.id,
            marks=[BallotMark(candidate_id=c) for c in chosen],
        )
        for chosen in ballots
    )
    db.session.execute(delete(SealedBallot).where(SealedBallot.election_id == election.id))
    locked.counted_at = utcnow()
    locked.lot_seed = secrets.token_hex(16)
    db.session.flush()
    current_app.logger.info("%s counted by %s", election, actor)
    return len(ballots)


@dataclass(frozen=True)
class Result:
    votes: dict[int, int]  #: candidate id -> votes
    ballots: int  #: ballots cast, blank ones included
    blank: int  #: blank ballots: the voter abstained
    electorate: int
    quorum: int | None  #: percent of the electorate that must vote, if any
    allocation: Allocation | None  #: None when the quorum was not met

    @property
    def turnout_percent(self) -> float | None:
        return round(100 * self.ballots / self.electorate, 1) if self.electorate else None

    @property
    def quorum_met(self) -> bool:
        return self.quorum is None or self.ballots * 100 >= self.quorum * self.electorate


def electorate_size(election: Election) -> int:
    return db.session.scalar(select(func.count(Voter.id)).where(Voter.election_id == election.id))


def _result(election: Election, votes: dict[int, int], ballots: int, blank: int) -> Result:
    partial = Result(votes, ballots, blank, electorate_size(election), election.quorum, None)
    if not partial.quorum_met:
        return partial
    allocation = allocate(votes, election.seats, election.lot_seed)
    return Result(votes, ballots, blank, partial.electorate, election.quorum, allocation)


def result(election: Election) -> Result | None:
    """The result, counted by the database; None before the count."""
    if election.counted_at is None:
        return None
    per_candidate = (
        select(Candidate.id, func.count(BallotMark.ballot_id))
        .outerjoin(BallotMark, BallotMark.candidate_id == Candidate.id)
        .where(Candidate.election_id == election.id)
        .group_by(Candidate.id)
    )
    votes = dict(db.session.execute(per_candidate).all())
    marked = select(BallotMark.ballot_id)
    ballots, blank = db.session.execute(
        select(
            func.count(Ballot.id),
            func.count(Ballot.id).filter(Ballot.id.not_in(marked)),
        ).where(Ballot.election_id == election.id)
    ).one()
    return _result(election, votes, ballots, blank)


def ballots_csv(election: Election) -> str:
    """The anonymous ballots, one row each (random id, a column per candidate id with 1 for
    marked, and the blank column), for anyone to recount."""
    candidates = [c.id for c in election.candidates]
    marks: dict[str, set[int]] = {}
    for ballot_id, candidate_id in db.session.execute(
        select(Ballot.id, BallotMark.candidate_id)
        .outerjoin(BallotMark, BallotMark.ballot_id == Ballot.id)
        .where(Ballot.election_id == election.id)
        .order_by(Ballot.id)
    ):
        marks.setdefault(ballot_id, set()).update([candidate_id] if candidate_id else [])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ballot", *candidates, BLANK])
    for ballot_id, marked in marks.items():
        row = [1 if c in marked else 0 for c in candidates]
        writer.writerow([ballot_id, *row, 0 if marked else 1])
    return out.getvalue()


def recount(election: Election, text: str) -> Result:
    """The result recomputed from a CSV of ``ballots_csv``, by the election's rule and seed.

    :raises DomainError: for a file that is not such a CSV of this election.
    """
    rows = list(csv.reader(io.StringIO(text)))
    candidates = [str(c.id) for c in election.candidates]
    if not rows or rows[0] != ["ballot", *candidates, BLANK]:
        raise DomainError(_("This is not the ballots file of this election."))
    votes = {int(c): 0 for c in candidates}
    blank = 0
    for row in rows[1:]:
        marks = [cell == "1" for cell in row[1:]]
        if len(marks) != len(candidates) + 1 or sum(marks[:-1]) > election.seats:
            raise DomainError(_("This is not the ballots file of this election."))
        for candidate, marked in zip(candidates, marks, strict=False):
            votes[int(candidate)] += marked
        blank += marks[-1]
    return _result(election, votes, len(rows) - 1, blank)
