"""Versions of the kruisjeslijst: which right the organisation has on which policy topic."""

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db

#: The legal minimum advice term (Wohv art. 5): a landlord may set more, never less.
LEGAL_ADVICE_TERM_WEEKS = 6
#: The longest term an agreement sets that Consult takes for a typing error.
MAX_TERM_WEEKS = 52


class AdviceRight(StrEnum):
    """The rights of the kruisjeslijst (Wohv, Woningwet, and what agreements add)."""

    INFORMATION = "information"
    ADVICE = "advice"
    QUALIFIED_ADVICE = "qualified_advice"
    CONSENT = "consent"
    NOMINATION = "nomination"
    INQUIRY = "inquiry"


RIGHT_LABELS = {
    AdviceRight.INFORMATION: _l("Information right"),
    AdviceRight.ADVICE: _l("Advice right"),
    AdviceRight.QUALIFIED_ADVICE: _l("Qualified advice right"),
    AdviceRight.CONSENT: _l("Consent right"),
    AdviceRight.NOMINATION: _l("Nomination right"),
    AdviceRight.INQUIRY: _l("Right to request an inquiry"),
}

#: The short marks of a printed kruisjeslijst (the Woonstad legend).
RIGHT_MARKS = {
    AdviceRight.INFORMATION: "Inf",
    AdviceRight.ADVICE: "A",
    AdviceRight.QUALIFIED_ADVICE: "G",
    AdviceRight.CONSENT: "Ins",
    AdviceRight.NOMINATION: "Voor",
    AdviceRight.INQUIRY: "Enq",
}


class WithRight:
    """A row that carries a right of the kruisjeslijst in its ``right`` column."""

    right: str

    @property
    def right_label(self):
        return RIGHT_LABELS[AdviceRight(self.right)]

    @property
    def right_mark(self) -> str:
        return RIGHT_MARKS[AdviceRight(self.right)]


#: Rights where the landlord asks and the organisation answers within a term.
TERM_RIGHTS = frozenset({AdviceRight.ADVICE, AdviceRight.QUALIFIED_ADVICE, AdviceRight.CONSENT})


class AgreementVersion(OrganisationScoped, TimestampMixin, db.Model):
    """The kruisjeslijst and terms as agreed on one date; never changed, only succeeded."""

    __tablename__ = "agreement_versions"
    __table_args__ = (
        CheckConstraint(
            f"advice_term_weeks BETWEEN {LEGAL_ADVICE_TERM_WEEKS} AND {MAX_TERM_WEEKS}",
            name="advice_term_at_least_legal",
        ),
        CheckConstraint(
            f"consent_term_weeks BETWEEN 1 AND {MAX_TERM_WEEKS}", name="plausible_consent_term"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The date of the cooperation agreement (or its change) this version records.
    agreed_on: Mapped[date]
    #: The advice term the agreement sets; the law's six weeks unless the agreement says more.
    advice_term_weeks: Mapped[int] = mapped_column(default=LEGAL_ADVICE_TERM_WEEKS)
    #: The term the agreement gives the organisation to decide on a request for consent;
    #: None where it sets none (the law sets none, Wohv art. 5a).
    consent_term_weeks: Mapped[int | None]
    #: What changed, in the board's words.
    note: Mapped[str] = mapped_column(Text, default="")
    #: Who saved it (an e-mail address; kept when the account is removed).
    saved_by: Mapped[str] = mapped_column(String(254), default="")

    topics: Mapped[list["Topic"]] = relationship(
        back_populates="version", order_by="Topic.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<AgreementVersion {self.id} org={self.organisation_id} {self.agreed_on}>"


class Topic(WithRight, OrganisationScoped, db.Model):
    """One line of the kruisjeslijst: a policy topic within an area, and its right."""

    __tablename__ = "topics"
    __table_args__ = (
        CheckConstraint(f"term_weeks BETWEEN 1 AND {MAX_TERM_WEEKS}", name="plausible_term"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    #: The group heading, e.g. "Huurprijsbeleid".
    area: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    right: Mapped[str] = mapped_column(String(20))
    position: Mapped[int]
    #: The agreement's own mark beside the right, e.g. "+" in Woonstad's "Inf +".
    qualifier: Mapped[str] = mapped_column(String(10), default="", server_default="")
    #: What the qualifier means in this agreement, in its own words.
    qualifier_note: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: The agreement's own term for this topic; dossiers on it use this term.
    term_weeks: Mapped[int | None]

    version: Mapped[AgreementVersion] = relationship(back_populates="topics")

    @property
    def full_mark(self) -> str:
        """The right's mark with the agreement's qualifier, as printed: "Inf +"."""
        return f"{self.right_mark} {self.qualifier}" if self.qualifier else self.right_mark

    def __repr__(self) -> str:
        return f"<Topic {self.id} version={self.version_id}>"
