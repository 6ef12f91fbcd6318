"""Consultations, their questions, and the responses tenants submit."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.errors import DomainError
from consult.core.models import OrganisationScoped, TimestampMixin, utcnow
from consult.extensions import db


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class ConsultationState(StrEnum):
    """What a consultation is on a given day, derived from its status and dates."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


STATE_LABELS = {
    ConsultationState.DRAFT: _l("draft"),
    ConsultationState.SCHEDULED: _l("scheduled"),
    ConsultationState.OPEN: _l("open"),
    ConsultationState.CLOSED: _l("closed"),
}


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    AGREE_SCALE = "agree_scale"
    OPEN_TEXT = "open_text"


QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: _l("Single choice"),
    QuestionKind.AGREE_SCALE: _l("Agree scale (1-5)"),
    QuestionKind.OPEN_TEXT: _l("Open text"),
}

#: The five points of the agree scale, stored as the numbers 1 to 5.
AGREE_SCALE = {
    1: _l("Strongly disagree"),
    2: _l("Disagree"),
    3: _l("Neither agree nor disagree"),
    4: _l("Agree"),
    5: _l("Strongly agree"),
}


class Consultation(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "consultations"
    __table_args__ = (CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    #: First and last day (Europe/Amsterdam) on which answers are accepted.
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=ConsultationStatus.DRAFT)
    published_at: Mapped[datetime | None]

    questions: Mapped[list["Question"]] = relationship(
        back_populates="consultation", order_by="Question.position", cascade="all, delete-orphan"
    )

    def state_on(self, day: date) -> ConsultationState:
        if self.status == ConsultationStatus.DRAFT:
            return ConsultationState.DRAFT
        if day < self.opens_on:
            return ConsultationState.SCHEDULED
        if day > self.closes_on:
            return ConsultationState.CLOSED
        return ConsultationState.OPEN

    def accepts_invitations(self, day: date) -> bool:
        """Whether invitations and reminders can be planned: published and not closed."""
        return self.state_on(day) in (ConsultationState.SCHEDULED, ConsultationState.OPEN)

    def publish(self) -> None:
        """:raises DomainError: when already published or without questions."""
        if self.status != ConsultationStatus.DRAFT:
            raise DomainError(_l("This consultation has already been published."))
        if not self.questions:
            raise DomainError(_l("Add at least one question before publishing."))
        self.status = ConsultationStatus.PUBLISHED
        self.published_at = utcnow()

    def __repr__(self) -> str:
        return f"<Consultation {self.id} org={self.organisation_id} {self.status}>"


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(500))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool] = mapped_column(default=True)

    consultation: Mapped[Consultation] = relationship(back_populates="questions")
    options: Mapped[list["QuestionOption"]] = relationship(
        back_populates="question", order_by="QuestionOption.position", cascade="all, delete-orphan"
    )

    @property
    def kind_label(self):
        return QUESTION_KIND_LABELS[QuestionKind(self.kind)]

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind}>"


class QuestionOption(db.Model):
    __tablename__ = "question_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(200))

    question: Mapped[Question] = relationship(back_populates="options")

    def __repr__(self) -> str:
        return f"<QuestionOption {self.id} {self.label!r}>"


class Channel(StrEnum):
    INVITATION = "invitation"


class Response(db.Model):
    """One submitted questionnaire.

    Nothing links it to a person or an invitation. Its id is random and it keeps only the
    day of submission, so neither ordering nor timestamps can pair it with an invitation.
    """

    __tablename__ = "responses"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date]

    answers: Mapped[list["Answer"]] = relationship(cascade="all, delete-orphan")
    segments: Mapped[list["ResponseSegment"]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Response {self.id} consultation={self.consultation_id}>"


class Answer(db.Model):
    """The answer to one question: an option, a number (agree scale) or a text."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id"),
        CheckConstraint(
            "(CASE WHEN option_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN number IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN text IS NULL THEN 0 ELSE 1 END) = 1",
            name="exactly_one_value",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_options.id", ondelete="CASCADE")
    )
    number: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<Answer {self.id} question={self.question_id}>"


class ResponseSegment(db.Model):
    """The respondent's segment value at submission, kept for cross-tabs (not who it was)."""

    __tablename__ = "response_segments"
    __table_args__ = (UniqueConstraint("response_id", "dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    dimension_id: Mapped[int] = mapped_column(
        ForeignKey("segment_dimensions.id", ondelete="CASCADE")
    )
    value_id: Mapped[int] = mapped_column(ForeignKey("segment_values.id", ondelete="CASCADE"))

    def __repr__(self) -> str:
        return f"<ResponseSegment {self.response_id} value={self.value_id}>"
