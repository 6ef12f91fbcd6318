"""The board's work on open answers: themes per question, the answers tagged with them, and
the answers marked as quotes to use in an advice."""

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db

#: The longest name of a theme.
THEME_LABEL_LENGTH = 80


class AnswerTheme(OrganisationScoped, TimestampMixin, db.Model):
    """A theme the board sorts the open answers of one question into ("Onderhoud", "Geluid")."""

    __tablename__ = "answer_themes"
    __table_args__ = (UniqueConstraint("question_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Open answers and "other, namely" texts of this question can carry it. (No index of
    #: its own: the unique constraint starts with it.)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    #: Unique per question, also ignoring case (checked by themes.add_theme).
    label: Mapped[str] = mapped_column(String(THEME_LABEL_LENGTH))

    def __repr__(self) -> str:
        return f"<AnswerTheme {self.id} question={self.question_id}>"


#: Which open answer carries which theme; goes with the theme and with the answer.
answer_theme_tags = Table(
    "answer_theme_tags",
    db.metadata,
    Column("theme_id", ForeignKey("answer_themes.id", ondelete="CASCADE"), primary_key=True),
    Column("answer_id", ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class AnswerQuote(OrganisationScoped, TimestampMixin, db.Model):
    """An open answer a board member marked to quote in an advice; one mark per answer."""

    __tablename__ = "answer_quotes"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    #: The answer's question, so a question's quotes are found without reading its answers.
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    #: Who marked it, as their e-mail address at the time.
    marked_by: Mapped[str] = mapped_column(String(254))

    def __repr__(self) -> str:
        return f"<AnswerQuote answer={self.answer_id}>"
