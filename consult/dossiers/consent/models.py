"""The organisation's decision on a request for consent, and the landlord's response."""

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import Dossier
from consult.extensions import db


class Decision(StrEnum):
    GIVEN = "given"  #: ingestemd
    CONDITIONAL = "conditional"  #: ingestemd onder voorwaarden
    WITHHELD = "withheld"  #: niet ingestemd


DECISION_LABELS = {
    Decision.GIVEN: _l("We give our consent"),
    Decision.CONDITIONAL: _l("We give our consent under conditions"),
    Decision.WITHHELD: _l("We withhold our consent"),
}


class ConsentDecision(OrganisationScoped, TimestampMixin, db.Model):
    """What the organisation decided on a consent dossier; fixed once the letter went out,
    except for the landlord's response added later."""

    __tablename__ = "consent_decisions"
    __table_args__ = (
        CheckConstraint("decision IN ('given', 'conditional', 'withheld')", name="known_decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), unique=True
    )
    decision: Mapped[str] = mapped_column(String(20))
    #: Why the organisation decided so, in the letter and (shortened by the board) to members.
    reasons: Mapped[str] = mapped_column(Text, default="")
    #: Under conditions: the conditions. Withheld: those under which consent would be given.
    conditions: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date]
    #: The landlord's answer to the decision, as it came in.
    response: Mapped[str] = mapped_column(Text, default="")
    response_received_on: Mapped[date | None]

    dossier: Mapped[Dossier] = relationship(backref=db.backref("consent_decision", uselist=False))

    @property
    def decision_label(self):
        return DECISION_LABELS[Decision(self.decision)]

    def __repr__(self) -> str:
        return f"<ConsentDecision {self.id} dossier={self.dossier_id} {self.decision}>"
