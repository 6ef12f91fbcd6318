"""A year's plan as shared and agreed: its sharing, its agreed versions, the landlord's
proposals."""

from datetime import date
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db
from consult.planning.models import FIRST_YEAR, LAST_YEAR


class YearPlan(OrganisationScoped, TimestampMixin, db.Model):
    """How one year's plan of an organisation is shared and published."""

    __tablename__ = "year_plans"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint(f"year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}", name="year_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    #: Whether the landlord's accounts may read the plan and propose items.
    shared_with_landlord: Mapped[bool] = mapped_column(default=False)
    #: The number of the agreed version shown as the public jaaragenda (None: not published).
    published_number: Mapped[int | None]

    versions: Mapped[list["AgreedVersion"]] = relationship(
        back_populates="plan", order_by="AgreedVersion.number.desc()"
    )

    @property
    def latest(self) -> "AgreedVersion | None":
        return self.versions[0] if self.versions else None

    @property
    def published(self) -> "AgreedVersion | None":
        return next((v for v in self.versions if v.number == self.published_number), None)

    def __repr__(self) -> str:
        return f"<YearPlan {self.id} org={self.organisation_id} {self.year}>"


class AgreedVersion(OrganisationScoped, TimestampMixin, db.Model):
    """The plan as agreed with the landlord on a day; never changed after it is stored."""

    __tablename__ = "agreed_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("year_plans.id", ondelete="CASCADE"))
    #: 1, 2, 3 ... per year plan.
    number: Mapped[int]
    #: The day the board and the landlord agreed it.
    agreed_on: Mapped[date]
    #: The items as they were: period, title, right, initiative, note (see agreed.frozen_items).
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of ``items``, shown so anyone can check them.
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    #: Who marked it agreed, as their e-mail address at the time.
    agreed_by: Mapped[str] = mapped_column(String(254))

    plan: Mapped[YearPlan] = relationship(back_populates="versions")

    def __repr__(self) -> str:
        return f"<AgreedVersion {self.id} plan={self.plan_id} v{self.number}>"


@event.listens_for(AgreedVersion, "before_update")
def refuse_changes(mapper, connection, version):
    raise ValueError(f"{version!r} was agreed and cannot be changed")


class ProposalState(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


PROPOSAL_STATE_LABELS = {
    ProposalState.OPEN: _l("waiting for the board"),
    ProposalState.ACCEPTED: _l("taken into the plan"),
    ProposalState.DECLINED: _l("not taken into the plan"),
}


class ItemProposal(OrganisationScoped, TimestampMixin, db.Model):
    """An item the landlord proposes for the plan; the board takes it in or not."""

    __tablename__ = "item_proposals"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'accepted', 'declined')", name="known_state"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("year_plans.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(String(500), default="")
    #: Who at the landlord proposed it, as their e-mail address at the time.
    proposed_by: Mapped[str] = mapped_column(String(254))
    state: Mapped[str] = mapped_column(String(20), default=ProposalState.OPEN)

    plan: Mapped[YearPlan] = relationship()

    @property
    def state_label(self):
        return PROPOSAL_STATE_LABELS[ProposalState(self.state)]

    def __repr__(self) -> str:
        return f"<ItemProposal {self.id} plan={self.plan_id} {self.state}>"
