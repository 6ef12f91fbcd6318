"""A consultation's texts in another language: one row per text and language."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import TimestampMixin
from consult.extensions import db


class Translation(TimestampMixin, db.Model):
    """One text of a consultation (its title, a question, an option ...) in ``language``.

    ``source`` is the text in the consultation's own language as it was when this was
    translated: once the source is reworded, the translation needs review (see
    ``consult/surveys/translations.py``).
    """

    __tablename__ = "consultation_translations"
    __table_args__ = (
        UniqueConstraint("consultation_id", "language", "key", name="uq_translation_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    #: One of QUESTIONNAIRE_LANGUAGES.
    language: Mapped[str] = mapped_column(String(5))
    #: Which text: "title", "introduction", "question:12:text", "question:12:help",
    #: "option:40:label".
    key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    #: The source text this translates, as it was when translated.
    source: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Translation {self.id} {self.language} {self.key}>"
