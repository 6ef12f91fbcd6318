"""The advice itself: numbered points with their reasoning, the evidence each cites, and the
landlord's reply to each point."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import REPLY_OUTCOME_LABELS, Dossier, EvidenceSnapshot, ReplyOutcome
from consult.extensions import db


class AdvicePoint(OrganisationScoped, TimestampMixin, db.Model):
    """One point of the advice: what the organisation advises and why."""

    __tablename__ = "advice_points"
    __table_args__ = (UniqueConstraint("dossier_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, 3 ... as numbered in the letter.
    position: Mapped[int]
    advice: Mapped[str] = mapped_column(Text)
    reasoning: Mapped[str] = mapped_column(Text, default="")
    #: The landlord's answer to this point, once it came in.
    reply_outcome: Mapped[str | None] = mapped_column(String(20))
    #: The landlord's arguments and how it weighed them.
    reply_reasoning: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(
        backref=db.backref("points", order_by="AdvicePoint.position")
    )
    citations: Mapped[list["Citation"]] = relationship(
        back_populates="point", order_by="Citation.id", cascade="all, delete-orphan"
    )

    @property
    def reply_outcome_label(self):
        return REPLY_OUTCOME_LABELS[ReplyOutcome(self.reply_outcome)] if self.reply_outcome else ""

    def __repr__(self) -> str:
        return f"<AdvicePoint {self.id} dossier={self.dossier_id} #{self.position}>"


class Citation(OrganisationScoped, db.Model):
    """A figure or quote of a frozen snapshot that an advice point rests on."""

    __tablename__ = "citations"
    __table_args__ = (UniqueConstraint("point_id", "snapshot_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(
        ForeignKey("advice_points.id", ondelete="CASCADE"), index=True
    )
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_snapshots.id", ondelete="CASCADE"), index=True
    )
    #: Which figure of the snapshot (see advice.citable): question id, kind and label.
    key: Mapped[str] = mapped_column(String(400))

    point: Mapped[AdvicePoint] = relationship(back_populates="citations")
    snapshot: Mapped[EvidenceSnapshot] = relationship()

    def __repr__(self) -> str:
        return f"<Citation {self.id} point={self.point_id} snapshot={self.snapshot_id}>"
