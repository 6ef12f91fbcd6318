"""A draagvlakmeting, the addresses concerned, their votes and the frozen results."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db

#: The legal default (BW 7:220 lid 2, 7:261 lid 2): at least 70% of the addresses agree.
LEGAL_THRESHOLD = 70


class MetingState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


class Meting(OrganisationScoped, TimestampMixin, db.Model):
    """One vote of the addresses of a complex on one proposal of the landlord."""

    __tablename__ = "draagvlak_metingen"
    __table_args__ = (
        CheckConstraint("threshold BETWEEN 50 AND 100", name="threshold_in_range"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: The question put to every address; answered with agree or disagree.
    question: Mapped[str] = mapped_column(Text)
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    #: Percentage of ALL addresses concerned that must agree.
    threshold: Mapped[int] = mapped_column(default=LEGAL_THRESHOLD)
    #: When set, the database keeps only that an address voted, never how.
    secret: Mapped[bool] = mapped_column(default=False)
    #: The landlord's proposal: the name it was uploaded with, its random stored name, type.
    proposal_filename: Mapped[str | None] = mapped_column(String(255))
    proposal_stored_name: Mapped[str | None] = mapped_column(String(64))
    proposal_type: Mapped[str | None] = mapped_column(String(120))

    addresses: Mapped[list["MetingAddress"]] = relationship(
        back_populates="meting", cascade="all, delete-orphan", order_by="MetingAddress.address"
    )

    def state_on(self, day: date) -> MetingState:
        if day < self.opens_on:
            return MetingState.NOT_YET_OPEN
        return MetingState.OPEN if day <= self.closes_on else MetingState.CLOSED

    def __repr__(self) -> str:
        return f"<Meting {self.id} org={self.organisation_id}>"


class MetingAddress(OrganisationScoped, db.Model):
    """An address concerned, with the one-time link of its tenant."""

    __tablename__ = "draagvlak_addresses"
    __table_args__ = (UniqueConstraint("meting_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meting_id: Mapped[int] = mapped_column(
        ForeignKey("draagvlak_metingen.id", ondelete="CASCADE"), index=True
    )
    #: The address as the landlord's list writes it (street, number, addition, postcode).
    address: Mapped[str] = mapped_column(String(200))
    #: Where the tenant's link is mailed; empty when the link goes by letter.
    email: Mapped[str | None] = mapped_column(String(254))
    #: Salt of the link token (consult.core.tokens); only the token's hash is kept.
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Hash of the short code printed on the letter to an address without e-mail (derived
    #: from the same salt, ``consult.invitations.codes``); None for addresses reached by mail.
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The day the address voted; set once by a guarded UPDATE (the first vote counts).
    voted_on: Mapped[date | None]
    link_sent_at: Mapped[datetime | None]

    meting: Mapped[Meting] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"<MetingAddress {self.id} meting={self.meting_id}>"


class Vote(OrganisationScoped, db.Model):
    """How an address voted. In a secret meting ``address_id`` and ``agrees`` stay empty and
    the choice is only in ``sealed``, encrypted with the application's key: the order of the
    rows and the day each address voted then point at a vote no copy of the database can
    read. The count after closing unseals them (``consult.draagvlak.queries``)."""

    __tablename__ = "draagvlak_votes"
    __table_args__ = (
        CheckConstraint("(agrees IS NULL) <> (sealed IS NULL)", name="agrees_or_sealed"),
    )

    #: Random (not a sequence): in a secret meting the order of ids says nothing.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    meting_id: Mapped[int] = mapped_column(
        ForeignKey("draagvlak_metingen.id", ondelete="CASCADE"), index=True
    )
    #: The choice, in an open meting only.
    agrees: Mapped[bool | None]
    #: In a secret meting: the choice sealed (``consult.core.anonymity.seal``), the same
    #: length for both choices.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: The address that voted, only in an open meting; unique, so one vote per address.
    address_id: Mapped[int | None] = mapped_column(
        ForeignKey("draagvlak_addresses.id", ondelete="CASCADE"), unique=True
    )


class MetingSnapshot(OrganisationScoped, TimestampMixin, db.Model):
    """The result frozen as evidence for a dossier; never changed after it is stored."""

    __tablename__ = "draagvlak_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    meting_id: Mapped[int] = mapped_column(
        ForeignKey("draagvlak_metingen.id", ondelete="CASCADE"), index=True
    )
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[datetime]
    #: The count, the rule and the addresses that voted, as they were.
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of ``figures`` (consult.dossiers.services.content_hash).
    content_hash: Mapped[str] = mapped_column(String(64))

    #: The dossier lists its frozen draagvlakmetingen as ``dossier.draagvlak_snapshots``.
    dossier: Mapped["Dossier"] = relationship(  # noqa: F821
        backref=backref("draagvlak_snapshots", order_by="MetingSnapshot.taken_at")
    )

    def __repr__(self) -> str:
        return f"<MetingSnapshot {self.id} meting={self.meting_id}>"


@event.listens_for(MetingSnapshot, "before_update")
def refuse_changes(mapper, connection, snapshot):
    raise ValueError(f"{snapshot!r} is evidence and cannot be changed")
