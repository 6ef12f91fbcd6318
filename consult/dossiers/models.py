"""Advice dossiers and the frozen evidence snapshots linked to them."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class AdviceKind(StrEnum):
    REQUESTED = "requested"  #: gevraagd: the landlord asked
    UNSOLICITED = "unsolicited"  #: ongevraagd: on the organisation's own initiative


ADVICE_KIND_LABELS = {
    AdviceKind.REQUESTED: _l("Requested advice (gevraagd)"),
    AdviceKind.UNSOLICITED: _l("Unsolicited advice (ongevraagd)"),
}


class AdviceRight(StrEnum):
    INFORMATION = "information"
    ADVICE = "advice"
    CONSENT = "consent"


ADVICE_RIGHT_LABELS = {
    AdviceRight.INFORMATION: _l("Information right"),
    AdviceRight.ADVICE: _l("Advice right"),
    AdviceRight.CONSENT: _l("Consent right"),
}


class Dossier(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "dossiers"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: K<yy>-<nnn>, numbered per organisation and year, e.g. K26-001.
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    right: Mapped[str] = mapped_column(String(20))
    #: The date of the landlord's request for advice (None for unsolicited advice).
    requested_on: Mapped[date | None]
    #: When the advice is due: the request plus the advice term (at least six weeks, Wohv art. 5).
    advice_due_on: Mapped[date | None]

    snapshots: Mapped[list["EvidenceSnapshot"]] = relationship(
        back_populates="dossier", order_by="EvidenceSnapshot.id"
    )

    @property
    def kind_label(self):
        return ADVICE_KIND_LABELS[AdviceKind(self.kind)]

    @property
    def right_label(self):
        return ADVICE_RIGHT_LABELS[AdviceRight(self.right)]

    def __repr__(self) -> str:
        return f"<Dossier {self.id} {self.code}>"


class EvidenceSnapshot(OrganisationScoped, TimestampMixin, db.Model):
    """Results of a consultation frozen at one moment; never changed after it is stored."""

    __tablename__ = "evidence_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    #: The source; kept as None if the consultation is ever deleted (the figures stay).
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), index=True
    )
    taken_at: Mapped[datetime]
    respondents: Mapped[int]
    invited: Mapped[int]
    response_rate: Mapped[float | None]
    #: The full results as they were (see ConsultationResults.as_dict).
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of ``figures``, shown so anyone can check them.
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="snapshots")

    def __repr__(self) -> str:
        return f"<EvidenceSnapshot {self.id} dossier={self.dossier_id}>"


@event.listens_for(EvidenceSnapshot, "before_update")
def refuse_changes(mapper, connection, snapshot):
    raise ValueError(f"{snapshot!r} is evidence and cannot be changed")
