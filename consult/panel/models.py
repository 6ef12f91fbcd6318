"""Panel members and the organisation's own segment dimensions."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
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

    dimension: Mapped[SegmentDimension] = relationship(back_populates="values")

    def __repr__(self) -> str:
        return f"<SegmentValue {self.id} {self.label}>"


class MemberStatus(StrEnum):
    ACTIVE = "active"


class PanelMember(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "panel_members"
    __table_args__ = (UniqueConstraint("organisation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; one membership per address and organisation.
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=MemberStatus.ACTIVE, index=True)
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    #: When mail to this address was refused for good; no more mail goes to it.
    bounced_at: Mapped[datetime | None]

    segments: Mapped[list["MemberSegment"]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

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
