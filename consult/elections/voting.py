"""Casting a secret ballot through a one-time link or letter code, exactly once.

What is written when someone votes, and why it tells nothing of who voted for whom:

- a ``Participation`` row: a keyed hash of the voter, under a primary key, so of two votes
  through one link at the same moment one is stored and the other refused; without the
  application's key nobody holding a copy of the database can say whose hash it is;
- a ``SealedBallot`` row: the choices encrypted until the count, under a random id.

Nothing else changes: no date on the voter, no activity, no mail, no audit entry.
"""

import secrets
from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from consult.core.anonymity import participation_hash, seal
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.core.tokens import hash_token
from consult.elections.models import (
    Election,
    ElectionState,
    Participation,
    SealedBallot,
    Voter,
)
from consult.extensions import db
from consult.invitations import codes


class VoteOutcome(StrEnum):
    COUNTED = "counted"
    ALREADY_VOTED = "already_voted"
    NOT_OPEN = "not_open"


def voter_by_token(token: str) -> Voter | None:
    """The voter behind a link; None for an unknown token."""
    return db.session.scalar(select(Voter).where(Voter.token_hash == hash_token(token)))


def voter_by_code(typed: str) -> Voter | None:
    """The voter behind a letter's short code, as typed; None for an unknown one."""
    code = codes.normalised(typed)
    if len(code) != codes.LENGTH:
        return None
    return db.session.scalar(select(Voter).where(Voter.code_hash == codes.hash_code(code)))


def _purpose(election: Election) -> str:
    return f"election:{election.id}"


def ballot_purpose(election: Election) -> str:
    """What the sealed ballots of ``election`` are sealed for."""
    return f"ballots:{election.id}"


def has_voted(voter: Voter) -> bool:
    """Whether the voter's vote is in (asked with the key; a copy of the database cannot)."""
    voter_hash = participation_hash(_purpose(voter.election), voter.id)
    return db.session.scalar(
        select(
            exists().where(
                Participation.election_id == voter.election_id,
                Participation.voter_hash == voter_hash,
            )
        )
    )


def turnout(election: Election) -> int:
    """How many have voted so far: the number of participation rows, nothing about how."""
    return db.session.scalar(select(func.count()).where(Participation.election_id == election.id))


def cast(voter: Voter, chosen: list[int]) -> VoteOutcome:
    """Record the voter's ballot in the current transaction (the caller commits).

    :param chosen: the ids of the candidates marked; empty to abstain (a blank ballot).
    :raises DomainError: for more candidates than seats, or a candidate not on the ballot.
    """
    election = voter.election
    # A shared lock on the election (PostgreSQL; SQLite writes one at a time anyway): the
    # count's FOR UPDATE waits for votes in flight, and a vote after it sees it was counted.
    counted_at = db.session.scalar(
        select(Election.counted_at)
        .where(Election.id == election.id)
        .with_for_update(read=True, key_share=True)
    )
    if counted_at is not None or election.state_on(today()) != ElectionState.OPEN:
        return VoteOutcome.NOT_OPEN
    chosen = sorted(set(chosen))
    if len(chosen) > election.seats:
        raise DomainError(_("Choose at most %(n)d candidates.", n=election.seats))
    if not set(chosen) <= {candidate.id for candidate in election.candidates}:
        raise DomainError(_("Choose from the candidates on the ballot."))
    try:
        with db.session.begin_nested():
            db.session.add(
                Participation(
                    election_id=election.id,
                    voter_hash=participation_hash(_purpose(election), voter.id),
                )
            )
    except IntegrityError:
        return VoteOutcome.ALREADY_VOTED
    db.session.add(
        SealedBallot(
            id=secrets.token_hex(16),
            election_id=election.id,
            sealed=seal(ballot_purpose(election), chosen),
        )
    )
    db.session.flush()
    return VoteOutcome.COUNTED
