"""Plan items of the participatiekalender: when, what, with which right, on whose initiative."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.agreements.models import WithRight
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import FINISHED_PHASES
from consult.extensions import db

#: The years a plan may be made for; a wider range is a typing error.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Initiative(StrEnum):
    LANDLORD = "landlord"  #: the landlord asks (gevraagd advies, informatie)
    ORGANISATION = "organisation"  #: the organisation's own initiative (ongevraagd advies)


INITIATIVE_LABELS = {
    Initiative.LANDLORD: _l("The landlord asks"),
    Initiative.ORGANISATION: _l("Our own initiative"),
}


class PlanStatus(StrEnum):
    """Where an item stands, derived from what is linked to it."""

    PLANNED = "planned"
    STARTED = "started"
    DONE = "done"


STATUS_LABELS = {
    PlanStatus.PLANNED: _l("planned"),
    PlanStatus.STARTED: _l("started"),
    PlanStatus.DONE: _l("done"),
}

#: A dossier in one of these phases needs no more work: its plan item is done.


class PlanItem(WithRight, OrganisationScoped, TimestampMixin, db.Model):
    """One line of the year plan: a topic of the kruisjeslijst or an own theme."""

    __tablename__ = "plan_items"
    __table_args__ = (
        CheckConstraint(f"year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}", name="year_in_range"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_in_range"),
        CheckConstraint(
            "month IS NULL OR (month BETWEEN 1 AND 12 AND quarter = (month + 2) / 3)",
            name="month_in_its_quarter",
        ),
        CheckConstraint("initiative IN ('landlord', 'organisation')", name="known_initiative"),
        CheckConstraint("title <> ''", name="has_title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    #: Always set: the quarter of the month, or the only thing known yet. Items sort by
    #: quarter, then month, so "some time in Q2" comes before April.
    quarter: Mapped[int]
    #: 1-12, or None while only the quarter is known.
    month: Mapped[int | None]
    #: The kruisjeslijst line; None for an own theme (a jaarthema, a werkgroep's theme).
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topics.id", ondelete="SET NULL"), index=True
    )
    #: The topic's title, or the own theme in the board's words.
    title: Mapped[str] = mapped_column(String(300))
    #: Set from the topic; kept on the item so it keeps its right under a new kruisjeslijst.
    right: Mapped[str] = mapped_column(String(20))
    initiative: Mapped[str] = mapped_column(String(20), default=Initiative.LANDLORD)
    note: Mapped[str] = mapped_column(String(500), default="")
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="SET NULL"), index=True
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), index=True
    )
    #: The item of the year before this one was copied from; unique, so copying twice (also
    #: at the same moment) adds nothing.
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_items.id", ondelete="SET NULL"), index=True, unique=True
    )

    topic: Mapped["Topic | None"] = relationship()  # noqa: F821
    dossier: Mapped["Dossier | None"] = relationship()  # noqa: F821
    consultation: Mapped["Consultation | None"] = relationship()  # noqa: F821

    @property
    def status(self) -> PlanStatus:
        if self.dossier is not None and self.dossier.phase in FINISHED_PHASES:
            return PlanStatus.DONE
        if self.dossier is not None or self.consultation is not None:
            return PlanStatus.STARTED
        return PlanStatus.PLANNED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def initiative_label(self):
        return INITIATIVE_LABELS[Initiative(self.initiative)]

    def __repr__(self) -> str:
        return f"<PlanItem {self.id} org={self.organisation_id} {self.year}>"
