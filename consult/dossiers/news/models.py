"""A dated update on a dossier ("Eindelijk is het zover!")."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.dossiers.models import Dossier, DossierDocument
from consult.extensions import db


class DossierNews(OrganisationScoped, TimestampMixin, db.Model):
    """One update of the board on a dossier, for the members and, if public, everyone."""

    __tablename__ = "dossier_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    #: The date the update carries (today, or an earlier day for an old update entered now).
    published_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: The paper that goes with it, kept among the dossier's documents.
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_documents.id", ondelete="SET NULL"), index=True
    )
    #: Who wrote it, as their e-mail address at the time.
    author_label: Mapped[str] = mapped_column(String(254))
    #: How many members it was mailed to (None: not mailed).
    mailed_to: Mapped[int | None]

    dossier: Mapped[Dossier] = relationship()
    document: Mapped[DossierDocument | None] = relationship()

    def __repr__(self) -> str:
        return f"<DossierNews {self.id} dossier={self.dossier_id}>"
