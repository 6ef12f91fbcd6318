"""Voting through an address's one-time link: the first vote counts, exactly once, and in a
secret meting the vote is stored apart from the address and sealed (see ``seal_choice``)."""

import secrets
from enum import StrEnum

from sqlalchemy import select, update

from consult.core.anonymity import seal, unseal
from consult.core.clock import today
from consult.core.tokens import hash_token
from consult.draagvlak.models import Meting, MetingAddress, MetingState, Vote
from consult.extensions import db
from consult.invitations import codes


class VoteOutcome(StrEnum):
    COUNTED = "counted"
    ALREADY_VOTED = "already_voted"
    NOT_OPEN = "not_open"


def address_by_token(token: str) -> MetingAddress | None:
    """The address behind a link; None for an unknown token."""
    return db.session.scalar(
        select(MetingAddress).where(MetingAddress.token_hash == hash_token(token))
    )


def address_by_code(typed: str) -> MetingAddress | None:
    """The address whose letter carries the code typed (spaces, dashes and case forgiven);
    None for an unknown code."""
    return db.session.scalar(
        select(MetingAddress).where(MetingAddress.code_hash == codes.hash_code(typed))
    )


def cast(address: MetingAddress, agrees: bool) -> VoteOutcome:
    """Record the address's vote in the current transaction (the caller commits).

    A guarded UPDATE marks the address as voted only if it had not voted: two submits at the
    same moment cannot both pass it, so the first vote counts and later ones are refused.
    """
    meting: Meting = address.meting
    if meting.state_on(today()) != MetingState.OPEN:
        return VoteOutcome.NOT_OPEN
    marked = db.session.execute(
        update(MetingAddress)
        .where(MetingAddress.id == address.id, MetingAddress.voted_on.is_(None))
        .values(voted_on=today())
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount != 1:
        return VoteOutcome.ALREADY_VOTED
    vote = Vote(
        id=secrets.token_hex(16), organisation_id=meting.organisation_id, meting_id=meting.id
    )
    if meting.secret:
        vote.sealed = seal_choice(meting, agrees)
    else:
        vote.agrees, vote.address_id = agrees, address.id
    db.session.add(vote)
    db.session.flush()
    return VoteOutcome.COUNTED


def _purpose(meting: Meting) -> str:
    return f"draagvlak-vote:{meting.id}"


def seal_choice(meting: Meting, agrees: bool) -> bytes:
    """A secret vote as the database keeps it: sealed with the application's key, and as
    long for agree as for disagree (1 or 0), so not even its length tells the choice. The
    rows' order and the day each address voted then point at a vote nobody with only a copy
    of the database can read."""
    return seal(_purpose(meting), int(agrees))


def unsealed_agree_count(meting: Meting) -> int:
    """How many sealed votes of the meting agree: read by the application, which has the key.

    :raises cryptography.exceptions.InvalidTag: for a vote changed or sealed with another key.
    """
    blobs = db.session.scalars(
        select(Vote.sealed).where(Vote.meting_id == meting.id, Vote.sealed.is_not(None))
    )
    return sum(unseal(_purpose(meting), blob) for blob in blobs)
