"""Events with sessions: what the organisation organises, who signed up, and where they sit.

The seats of a session are counted in the session row itself (``taken``), changed only by
guarded ``UPDATE``s in the transaction that places or cancels someone, and the database
refuses a count above the capacity: two people taking the last seat at the same moment
cannot both get it.
"""

from datetime import UTC, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.clock import NETHERLANDS, utcnow
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.core.tokens import new_salt
from consult.extensions import db


def local_now() -> datetime:
    """Now in Dutch local time (naive): the clock an event's times are kept in."""
    return utcnow().replace(tzinfo=UTC).astimezone(NETHERLANDS).replace(tzinfo=None)


class Event(OrganisationScoped, TimestampMixin, db.Model):
    """A meeting, a lab or a training day with sessions to choose from."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("title <> ''", name="has_title"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("place IS NOT NULL OR online_url IS NOT NULL", name="has_a_place"),
        CheckConstraint("retention_days BETWEEN 0 AND 730", name="retention_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The programme as plain lines ("10:00 Welcome").
    programme: Mapped[str] = mapped_column(Text, default="")
    #: Local time (Europe/Amsterdam), as the organiser typed it.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    #: The address, or None for an online event.
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(500))
    #: The key in the public sign-up page's address: random, so events cannot be counted.
    public_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_salt)
    #: Days after the event until the named lists are erased.
    retention_days: Mapped[int] = mapped_column(default=90)
    #: When the registrations were erased (the event itself stays, without names).
    erased_at: Mapped[datetime | None]
    #: When the organiser cancelled the event (everyone signed up was mailed).
    cancelled_at: Mapped[datetime | None]
    #: Raised with each change mailed to the people signed up, so a calendar takes the
    #: newer version of the event (the SEQUENCE of its iCalendar entry).
    sequence: Mapped[int] = mapped_column(default=0)

    sessions: Mapped[list["EventSession"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(EventSession.round, EventSession.id)",
    )
    prices: Mapped[list["ParticipantKind"]] = relationship(
        cascade="all, delete-orphan", order_by="ParticipantKind.id"
    )

    @property
    def rounds(self) -> list[list["EventSession"]]:
        """The sessions by round: parallel sessions share a round."""
        found: dict[int, list[EventSession]] = {}
        for session in self.sessions:
            found.setdefault(session.round, []).append(session)
        return [found[number] for number in sorted(found)]

    def __repr__(self) -> str:
        return f"<Event {self.id} org={self.organisation_id}>"


class EventSession(OrganisationScoped, db.Model):
    """One session; sessions in the same round run in parallel."""

    __tablename__ = "event_sessions"
    __table_args__ = (
        CheckConstraint("round BETWEEN 1 AND 20", name="round_in_range"),
        CheckConstraint("capacity >= 1", name="has_capacity"),
        CheckConstraint("taken BETWEEN 0 AND capacity", name="not_overbooked"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]
    #: Confirmed places; changed only by guarded UPDATEs (see services.places).
    taken: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="sessions")

    @property
    def free(self) -> int:
        return self.capacity - self.taken

    def __repr__(self) -> str:
        return f"<EventSession {self.id} event={self.event_id} {self.taken}/{self.capacity}>"


class ParticipantKind(OrganisationScoped, db.Model):
    """A kind of participant and its price, e.g. "Tenant, member" at €50."""

    __tablename__ = "event_prices"
    __table_args__ = (CheckConstraint("price_cents >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    price_cents: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ParticipantKind {self.id} event={self.event_id}>"


class Payment(StrEnum):
    OPEN = "open"
    PAID = "paid"
    INVOICED = "invoiced"
    WAIVED = "waived"


PAYMENT_LABELS = {
    Payment.OPEN: _l("not paid yet"),
    Payment.PAID: _l("paid"),
    Payment.INVOICED: _l("invoiced"),
    Payment.WAIVED: _l("waived"),
}


class Registration(OrganisationScoped, TimestampMixin, db.Model):
    """One person signed up; named, so erased after the event and its retention period."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        CheckConstraint("payment IN ('open', 'paid', 'invoiced', 'waived')", name="known_payment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    #: The panel member who signed up through their invitation, if so.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    #: Stored lower-case; one registration per address and event.
    email: Mapped[str] = mapped_column(String(254))
    #: The participant's own organisation (a tenants' association, a landlord, a council).
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    kind_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_prices.id", ondelete="SET NULL"), index=True
    )
    #: Dietary needs, accessibility, anything the organiser should know.
    remarks: Mapped[str] = mapped_column(Text, default="")
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    #: The personal link (cancel, calendar) is derived from the salt; only its hash is kept.
    token_salt: Mapped[str] = mapped_column(String(32), default=new_salt)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cancelled_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]
    payment: Mapped[str] = mapped_column(String(10), default=Payment.OPEN)
    #: Room for a payment provider's reference; the organiser's own note until then.
    payment_reference: Mapped[str | None] = mapped_column(String(100))

    event: Mapped[Event] = relationship()
    kind: Mapped[ParticipantKind | None] = relationship()
    placements: Mapped[list["Placement"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", order_by="Placement.round"
    )

    def __repr__(self) -> str:
        return f"<Registration {self.id} event={self.event_id}>"


class PlacementStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


PLACEMENT_LABELS = {
    PlacementStatus.CONFIRMED: _l("confirmed"),
    PlacementStatus.WAITING: _l("on the waiting list"),
    PlacementStatus.CANCELLED: _l("cancelled"),
}


class Placement(OrganisationScoped, TimestampMixin, db.Model):
    """A registration's choice in one round: a seat in the session, or a place in its queue.

    The waiting list is first come, first served: by ``created_at``, then id.
    """

    __tablename__ = "event_placements"
    __table_args__ = (
        UniqueConstraint("registration_id", "round"),
        CheckConstraint("status IN ('confirmed', 'waiting', 'cancelled')", name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), index=True)

    registration: Mapped[Registration] = relationship(back_populates="placements")
    session: Mapped[EventSession] = relationship()

    def __repr__(self) -> str:
        return f"<Placement {self.id} session={self.session_id} {self.status}>"


class EventInvitation(OrganisationScoped, TimestampMixin, db.Model):
    """A panel member's one-time link to sign up; only the token's hash is stored."""

    __tablename__ = "event_invitations"
    __table_args__ = (UniqueConstraint("event_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    token_salt: Mapped[str] = mapped_column(String(32), default=new_salt)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Spent by one guarded UPDATE when the member signs up.
    used_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    member: Mapped["PanelMember"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<EventInvitation {self.id} event={self.event_id} member={self.member_id}>"
