"""The board's own text of one mail or letter of a consultation, in one language."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from consult.core.clock import utcnow
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class ConsultationText(OrganisationScoped, TimestampMixin, db.Model):
    """What the board wrote instead of the app's default text; without one the default is sent."""

    __tablename__ = "consultation_texts"
    __table_args__ = (UniqueConstraint("consultation_id", "kind", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    #: A kind of ``kinds.toml``, e.g. "invitation_mail".
    kind: Mapped[str] = mapped_column(String(30))
    #: One of QUESTIONNAIRE_LANGUAGES.
    language: Mapped[str] = mapped_column(String(5))
    #: None for letters, which have no subject.
    subject: Mapped[str | None] = mapped_column(String(200))
    #: With placeholders such as {voornaam}, checked on save (consult.texts.placeholders).
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    #: ``Consultation.board_texts``: every text of the consultation, so a batch of mails
    #: loads them with its consultation at once (``consult.invitations.email``).
    consultation: Mapped["Consultation"] = relationship(  # noqa: F821
        backref=backref("board_texts", cascade="all, delete-orphan", passive_deletes=True)
    )

    def __repr__(self) -> str:
        return (
            f"<ConsultationText {self.id} consultation={self.consultation_id} "
            f"{self.kind} {self.language}>"
        )
