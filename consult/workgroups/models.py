"""A working group with its members, links, SMART work plan and quarterly progress notes."""

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.surveys.models.consultations import Consultation

#: The accounts of the organisation in a working group.
working_group_members = Table(
    "working_group_members",
    db.metadata,
    Column("group_id", ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)
working_group_dossiers = Table(
    "working_group_dossiers",
    db.metadata,
    Column("group_id", ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True),
)
working_group_consultations = Table(
    "working_group_consultations",
    db.metadata,
    Column("group_id", ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
)


class WorkingGroup(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "working_groups"
    __table_args__ = (
        UniqueConstraint("organisation_id", "name"),
        CheckConstraint("name <> ''", name="has_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(300), default="")
    #: What the board asks of the group, and what it may decide or only advise.
    mandate: Mapped[str] = mapped_column(Text, default="")
    #: Who at the landlord works with the group (name, department: free text).
    landlord_contact: Mapped[str] = mapped_column(String(200), default="")

    members: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=working_group_members, order_by="User.email"
    )
    dossiers: Mapped[list[Dossier]] = relationship(
        secondary=working_group_dossiers, order_by=Dossier.code
    )
    consultations: Mapped[list[Consultation]] = relationship(
        secondary=working_group_consultations, order_by=Consultation.opens_on
    )
    goals: Mapped[list["Goal"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="Goal.id"
    )
    notes: Mapped[list["ProgressNote"]] = relationship(
        cascade="all, delete-orphan",
        order_by=lambda: [ProgressNote.year.desc(), ProgressNote.quarter.desc()],
    )

    def __repr__(self) -> str:
        return f"<WorkingGroup {self.id} org={self.organisation_id}>"


class GoalState(StrEnum):
    OPEN = "open"
    MET = "met"
    DROPPED = "dropped"


GOAL_STATE_LABELS = {
    GoalState.OPEN: _l("open"),
    GoalState.MET: _l("met"),
    GoalState.DROPPED: _l("dropped"),
}


class Goal(OrganisationScoped, TimestampMixin, db.Model):
    """A SMART goal of the work plan: what, how it is measured, who, by when, and its state."""

    __tablename__ = "working_group_goals"
    __table_args__ = (
        CheckConstraint("what <> '' AND measure <> ''", name="is_smart"),
        CheckConstraint("state IN ('open', 'met', 'dropped')", name="known_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("working_groups.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    #: How the group knows the goal is met (the measurable part).
    measure: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    state: Mapped[str] = mapped_column(String(20), default=GoalState.OPEN)

    group: Mapped[WorkingGroup] = relationship(back_populates="goals")

    @property
    def state_label(self):
        return GOAL_STATE_LABELS[GoalState(self.state)]

    def __repr__(self) -> str:
        return f"<Goal {self.id} group={self.group_id}>"


class ProgressNote(OrganisationScoped, TimestampMixin, db.Model):
    """The group's short note on its progress in one quarter; one per quarter."""

    __tablename__ = "working_group_notes"
    __table_args__ = (
        UniqueConstraint("group_id", "year", "quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_in_range"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("working_groups.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    quarter: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<ProgressNote {self.id} group={self.group_id} {self.year}Q{self.quarter}>"
