"""Panel members and the organisation's own segment dimensions."""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint, and_, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.core.tokens import new_salt
from consult.extensions import db


class SegmentDimension(OrganisationScoped, db.Model):
    """A way the organisation groups its members, e.g. "Wijk" or "Leeftijd"."""

    __tablename__ = "segment_dimensions"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    values: Mapped[list["SegmentValue"]] = relationship(
        back_populates="dimension", order_by="SegmentValue.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<SegmentDimension {self.id} {self.name}>"


class SegmentValue(db.Model):
    """One allowed value of a dimension, e.g. "Noord" for "Wijk"."""

    __tablename__ = "segment_values"
    __table_args__ = (UniqueConstraint("dimension_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_id: Mapped[int] = mapped_column(
        ForeignKey("segment_dimensions.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    #: How many tenant households the organisation represents with this value (e.g. from the
    #: landlord's figures); None when not entered. The base for representativeness.
    population: Mapped[int | None]

    dimension: Mapped[SegmentDimension] = relationship(back_populates="values")

    def __repr__(self) -> str:
        return f"<SegmentValue {self.id} {self.label}>"


class MemberStatus(StrEnum):
    SIGNED_UP = "signed_up"  #: joined on the public page, has not confirmed yet
    INVITED = "invited"  #: imported, asked to confirm that they want to join
    ACTIVE = "active"
    LEFT = "left"  #: left the panel (or unsubscribed); kept so they can come back
    ERASED = "erased"  #: nothing personal left: only the dates, for the panel's size over time


STATUS_LABELS = {
    MemberStatus.SIGNED_UP: _l("not confirmed yet"),
    MemberStatus.INVITED: _l("invited to join"),
    MemberStatus.ACTIVE: _l("active"),
    MemberStatus.LEFT: _l("left"),
    MemberStatus.ERASED: _l("erased"),
}


class Channel(StrEnum):
    """How a member prefers to get invitations: by e-mail, or as a printed letter."""

    MAIL = "mail"
    POST = "post"


CHANNEL_LABELS = {Channel.MAIL: _l("e-mail"), Channel.POST: _l("letter by post")}


class JoinBasis(StrEnum):
    """Why a member may be mailed: their own confirmed consent, or a lawful basis the
    organisation recorded when importing them (e.g. its tenant participation agreement)."""

    CONSENT = "consent"
    RECORDED_BASIS = "recorded_basis"


class PanelMember(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "panel_members"
    __table_args__ = (UniqueConstraint("organisation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; one membership per address and organisation. None once erased.
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=MemberStatus.ACTIVE, index=True)
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    #: The postal address as written on an envelope, one line per line (street, postcode
    #: and town); None when unknown. Letters need it.
    postal_address: Mapped[str | None] = mapped_column(Text)
    #: The preferred channel for invitations (Channel); post needs a postal address.
    channel: Mapped[str] = mapped_column(String(10), default=Channel.MAIL, server_default="mail")
    #: When mail to this address was refused for good; no more mail goes to it.
    bounced_at: Mapped[datetime | None]
    #: Random salt from which the member's unsubscribe link is derived (consult.core.tokens).
    token_salt: Mapped[str] = mapped_column(String(32), default=new_salt)
    #: When the membership became active, and when it ended (left or erased).
    joined_at: Mapped[datetime | None] = mapped_column(index=True)
    left_at: Mapped[datetime | None] = mapped_column(index=True)
    #: Consent or the organisation's recorded basis (JoinBasis), and what that basis was.
    join_basis: Mapped[str | None] = mapped_column(String(20))
    basis_note: Mapped[str | None] = mapped_column(String(300))
    #: When the member gave consent, and the version of the privacy text they were shown.
    consented_at: Mapped[datetime | None]
    privacy_version: Mapped[int | None]
    #: No invitations until and including this day.
    paused_until: Mapped[date | None]
    #: The last day the member answered or opened their own page (for re-consent).
    last_active_on: Mapped[date | None]
    #: When the member was last asked to confirm they still want to be on the panel.
    reconsent_asked_at: Mapped[datetime | None]

    segments: Mapped[list["MemberSegment"]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

    @classmethod
    def reachable_on(cls, day: date):
        """The SQL condition for members who may get invitations and reminders on ``day``."""
        return and_(
            cls.status == MemberStatus.ACTIVE,
            cls.bounced_at.is_(None),
            or_(cls.paused_until.is_(None), cls.paused_until < day),
        )

    @classmethod
    def mailable_on(cls, day: date):
        """The SQL condition for members a mail can reach on ``day``: reachable, and with an
        e-mail address (a member on post alone has none)."""
        return and_(cls.reachable_on(day), cls.email.is_not(None))

    @property
    def gets_post(self) -> bool:
        """Whether invitations reach this member as a letter rather than by e-mail."""
        return bool(self.postal_address) and (self.channel == Channel.POST or not self.email)

    def value_in(self, dimension: SegmentDimension) -> SegmentValue | None:
        """The member's value in ``dimension``, or None when unknown."""
        return next((s.value for s in self.segments if s.dimension_id == dimension.id), None)

    def __repr__(self) -> str:
        return f"<PanelMember {self.id} org={self.organisation_id}>"


class MemberSegment(db.Model):
    """A member's value in one dimension (at most one per dimension)."""

    __tablename__ = "member_segments"
    __table_args__ = (UniqueConstraint("member_id", "dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    dimension_id: Mapped[int] = mapped_column(
        ForeignKey("segment_dimensions.id", ondelete="CASCADE")
    )
    value_id: Mapped[int] = mapped_column(ForeignKey("segment_values.id", ondelete="CASCADE"))

    member: Mapped[PanelMember] = relationship(back_populates="segments")
    value: Mapped[SegmentValue] = relationship()

    def __repr__(self) -> str:
        return f"<MemberSegment member={self.member_id} value={self.value_id}>"


class LinkPurpose(StrEnum):
    CONFIRM = "confirm"  #: double opt-in: activates the membership, once
    ACCESS = "access"  #: the member's own page, for a limited time


class MemberLink(TimestampMixin, db.Model):
    """An e-mailed link for a member; only the token's hash is stored."""

    __tablename__ = "member_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(10))
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    member: Mapped[PanelMember] = relationship()

    def __repr__(self) -> str:
        return f"<MemberLink {self.id} {self.purpose} member={self.member_id}>"


class PrivacyStatement(OrganisationScoped, TimestampMixin, db.Model):
    """One version of the organisation's privacy text; a member's consent names its version."""

    __tablename__ = "privacy_statements"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<PrivacyStatement {self.id} org={self.organisation_id} v{self.version}>"


class PanelImport(OrganisationScoped, TimestampMixin, db.Model):
    """An uploaded member list between preview and commit.

    The list is kept only until it is committed or abandoned (then it is deleted), so the
    preview and the commit read exactly the same rows, whichever web worker serves them.
    """

    __tablename__ = "panel_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    #: The uploaded list as read once (UTF-8 JSON of headings and rows, whatever the file's
    #: format and encoding); None after commit.
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: column heading -> "email", "name", "language" or a dimension id, as the board chose.
    mapping: Mapped[dict | None] = mapped_column(JSON)
    #: JoinBasis.RECORDED_BASIS with ``basis_note``, or consent (members confirm by mail).
    join_basis: Mapped[str] = mapped_column(String(20), default=JoinBasis.CONSENT)
    basis_note: Mapped[str | None] = mapped_column(String(300))
    committed_at: Mapped[datetime | None]
    #: What the commit did, e.g. {"added": 120, "updated": 4}.
    summary: Mapped[dict | None] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<PanelImport {self.id} org={self.organisation_id}>"
