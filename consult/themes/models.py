"""A year theme, and which dossiers, consultations, meetings, plan items and working groups
carry it (each at most one theme; the link tables keep the other domains' tables as they are)."""

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class YearTheme(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "year_themes"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year", "title"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_in_range"),
        CheckConstraint("title <> ''", name="has_title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    #: What the organisation wants to reach on the theme this year.
    goals: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<YearTheme {self.id} org={self.organisation_id} {self.year}>"


def _link_table(name: str, target: str) -> Table:
    """A table linking each ``target`` row to at most one theme (its key is the target's id)."""
    return Table(
        name,
        db.metadata,
        Column(f"{target}_id", ForeignKey(f"{target}s.id", ondelete="CASCADE"), primary_key=True),
        Column(
            "theme_id", ForeignKey("year_themes.id", ondelete="CASCADE"), index=True, nullable=False
        ),
    )


#: Link table per kind of thing that can carry a theme, by the kind's name.
THEME_LINKS = {
    "dossier": _link_table("theme_dossiers", "dossier"),
    "consultation": _link_table("theme_consultations", "consultation"),
    "meeting": _link_table("theme_meetings", "meeting"),
    "plan_item": _link_table("theme_plan_items", "plan_item"),
    "working_group": _link_table("theme_working_groups", "working_group"),
}
