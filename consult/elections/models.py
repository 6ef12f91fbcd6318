"""An election of board members: the candidates, the electorate and its one-time links, and
the ballots, kept so that the database never tells who voted for whom.

While voting is open the database holds only keyed hashes of who took part
(``Participation``) and sealed ballots (``SealedBallot``); at the count the ballots are
unsealed into ``Ballot``/``BallotMark`` rows with random ids, no dates, in random order.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class ElectionState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    #: The period is over; the ballots are still sealed until the board counts them.
    CLOSED = "closed"
    COUNTED = "counted"


class Election(OrganisationScoped, TimestampMixin, db.Model):
    """One election of board members (Woonstad art. 3.3: direct elections)."""

    __tablename__ = "elections"
    __table_args__ = (
        CheckConstraint("seats >= 1", name="at_least_one_seat"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        CheckConstraint("quorum IS NULL OR quorum BETWEEN 1 AND 100", name="quorum_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: How many board seats are filled; a voter marks at most this many candidates.
    seats: Mapped[int]
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    #: Minimum turnout in percent of the electorate, when the statutes set one.
    quorum: Mapped[int | None]
    #: One vote per address (where the participation agreement says so) instead of per member.
    per_address: Mapped[bool] = mapped_column(default=False)
    #: When the sealed ballots were unsealed and counted; results exist only from then.
    counted_at: Mapped[datetime | None]
    #: The seed of the draw by lot, recorded at the count; a tie is broken by it, reproducibly.
    lot_seed: Mapped[str | None] = mapped_column(String(64))
    #: When the board published the result on the organisation's public page.
    published_at: Mapped[datetime | None]

    candidates: Mapped[list["Candidate"]] = relationship(
        back_populates="election", cascade="all, delete-orphan", order_by="Candidate.name"
    )

    def state_on(self, day: date) -> ElectionState:
        if self.counted_at is not None:
            return ElectionState.COUNTED
        if day < self.opens_on:
            return ElectionState.NOT_YET_OPEN
        return ElectionState.OPEN if day <= self.closes_on else ElectionState.CLOSED

    def __repr__(self) -> str:
        return f"<Election {self.id} org={self.organisation_id}>"


class Candidate(OrganisationScoped, db.Model):
    __tablename__ = "election_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    #: The candidate's own statement, shown on the ballot.
    statement: Mapped[str] = mapped_column(Text, default="")
    #: The photo's random stored name (consult.core.uploads) and type; None without a photo.
    photo_stored_name: Mapped[str | None] = mapped_column(String(64))
    photo_type: Mapped[str | None] = mapped_column(String(120))

    election: Mapped[Election] = relationship(back_populates="candidates")

    def __repr__(self) -> str:
        return f"<Candidate {self.id} election={self.election_id}>"


class Voter(OrganisationScoped, db.Model):
    """One vote of the electorate: a member, or an address when the election is per address.
    Deliberately without any mark of having voted (see ``Participation``)."""

    __tablename__ = "election_voters"
    __table_args__ = (
        UniqueConstraint("election_id", "member_id"),
        UniqueConstraint("election_id", "address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="CASCADE"), index=True
    )
    #: The member the link goes to (at an address: one member living there).
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL")
    )
    #: The address this vote belongs to, in an election per address.
    address: Mapped[str | None] = mapped_column(String(300))
    #: Salt of the link token and letter code (consult.core.tokens, invitations.codes).
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The hash of the letter's short code, for voters on post; None for voters by e-mail.
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: When the link was put in the outbox (before voting opens or during it, never a vote).
    link_sent_at: Mapped[datetime | None]

    election: Mapped[Election] = relationship()
    member: Mapped["PanelMember | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Voter {self.id} election={self.election_id}>"


class Participation(db.Model):
    """That a voter voted, as a keyed hash of the voter (consult.core.anonymity): without the
    application's key a copy of the database cannot tell who. Unique: a voter votes once."""

    __tablename__ = "election_participations"

    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="CASCADE"), primary_key=True
    )
    voter_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class SealedBallot(db.Model):
    """A ballot encrypted until the count (consult.core.anonymity.seal); no date, random id."""

    __tablename__ = "election_sealed_ballots"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="CASCADE"), index=True
    )
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class Ballot(db.Model):
    """A counted ballot: anonymous, with a random id, written in random order at the count."""

    __tablename__ = "election_ballots"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="CASCADE"), index=True
    )
    marks: Mapped[list["BallotMark"]] = relationship(cascade="all, delete-orphan")


class BallotMark(db.Model):
    """A candidate marked on a ballot; a ballot without marks is blank (abstained)."""

    __tablename__ = "election_ballot_marks"

    ballot_id: Mapped[str] = mapped_column(
        ForeignKey("election_ballots.id", ondelete="CASCADE"), primary_key=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("election_candidates.id", ondelete="CASCADE"), primary_key=True, index=True
    )
