"""An agenda item with what it is linked to, its papers and its minutes: decisions
(besluitenlijst) and action points."""

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.meetings.models.meetings import Meeting
from consult.planning.models import PlanItem
from consult.surveys.models.consultations import Consultation
from consult.workgroups.models import WorkingGroup


class AgendaItem(OrganisationScoped, TimestampMixin, db.Model):
    """A point of the agenda, with what it is linked to, its papers and its minutes."""

    __tablename__ = "agenda_items"
    __table_args__ = (CheckConstraint("title <> ''", name="has_title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    #: Order on the agenda, from 1.
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Who proposed it: the account's address, or the member organisation's name.
    proposed_by: Mapped[str] = mapped_column(String(254))
    #: Set when a koepel's member organisation proposed it.
    proposing_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="SET NULL"), index=True
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), index=True
    )
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_items.id", ondelete="SET NULL"), index=True
    )
    working_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("working_groups.id", ondelete="SET NULL"), index=True
    )
    #: The secretary's minutes of this point.
    minutes: Mapped[str] = mapped_column(Text, default="")

    #: Two keys lead to organisations: the owner's is this one.
    organisation: Mapped["Organisation"] = relationship(  # noqa: F821
        foreign_keys="AgendaItem.organisation_id"
    )
    meeting: Mapped[Meeting] = relationship(back_populates="items")
    dossier: Mapped[Dossier | None] = relationship()
    consultation: Mapped[Consultation | None] = relationship()
    plan_item: Mapped[PlanItem | None] = relationship()
    working_group: Mapped[WorkingGroup | None] = relationship()
    papers: Mapped[list["Paper"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Paper.id"
    )
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Decision.id"
    )
    actions: Mapped[list["ActionPoint"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ActionPoint.id"
    )

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id} meeting={self.meeting_id}>"


class Paper(OrganisationScoped, TimestampMixin, db.Model):
    """A document with an agenda item; the file lies in the organisation's upload folder."""

    __tablename__ = "meeting_papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    #: Cleaned (see uploads.clean_filename); only shown and offered on download.
    filename: Mapped[str] = mapped_column(String(255))
    #: The random name of the file in UPLOAD_FOLDER/<organisation id>/.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    uploaded_by: Mapped[str] = mapped_column(String(254))
    #: The Dutch day it was added, compared with the meeting's final term.
    added_on: Mapped[date]

    item: Mapped[AgendaItem] = relationship(back_populates="papers")

    @property
    def late(self) -> bool:
        """Added after the term for the final agenda and papers."""
        return self.added_on > self.item.meeting.final_due_on

    def __repr__(self) -> str:
        return f"<Paper {self.id} item={self.item_id}>"


class Decision(OrganisationScoped, TimestampMixin, db.Model):
    """A line of the besluitenlijst."""

    __tablename__ = "meeting_decisions"
    __table_args__ = (CheckConstraint("text <> ''", name="has_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)

    item: Mapped[AgendaItem] = relationship(back_populates="decisions")

    def __repr__(self) -> str:
        return f"<Decision {self.id} item={self.item_id}>"


class ActionPoint(OrganisationScoped, TimestampMixin, db.Model):
    """Who does what by when; on the owner's overview until it is done."""

    __tablename__ = "action_points"
    __table_args__ = (CheckConstraint("what <> ''", name="has_what"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    #: The account that does it; None for someone without an account (then only ``who``).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The name as the minutes give it.
    who: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    item: Mapped[AgendaItem] = relationship(back_populates="actions")
    owner: Mapped["User | None"] = relationship()  # noqa: F821

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today

    def __repr__(self) -> str:
        return f"<ActionPoint {self.id} item={self.item_id}>"
