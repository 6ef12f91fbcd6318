"""An annual report (jaarverslag): the year's figures frozen with their fingerprint, and the
board's text around them, published on the organisation's public page."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class AnnualReport(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "annual_reports"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    #: The figures as drafted (see annual.figures); redrafted only until published.
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of ``figures``, shown so anyone can check them.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: When the figures were drafted (UTC).
    drafted_at: Mapped[datetime]
    #: The board's words before and after the figures.
    introduction: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    #: When it was published (UTC); from then on nothing changes.
    published_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<AnnualReport {self.id} org={self.organisation_id} {self.year}>"
