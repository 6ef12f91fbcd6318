"""A consultation: its status, its state on a day, and its open link."""

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db

if TYPE_CHECKING:
    from consult.surveys.models.questions import Question


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ConsultationState(StrEnum):
    """What a consultation is on a given day, derived from its status and dates."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


STATE_LABELS = {
    ConsultationState.DRAFT: _l("draft"),
    ConsultationState.SCHEDULED: _l("scheduled"),
    ConsultationState.OPEN: _l("open"),
    ConsultationState.CLOSED: _l("closed"),
    ConsultationState.ARCHIVED: _l("archived"),
}


class OpenLinkMode(StrEnum):
    CONFIRMED = "confirmed"
    ANONYMOUS = "anonymous"


OPEN_LINK_LABELS = {
    OpenLinkMode.CONFIRMED: _l(
        "Anyone with the link, once per e-mail address (confirmed by e-mail)"
    ),
    OpenLinkMode.ANONYMOUS: _l("Anyone with the link, without e-mail (reported separately)"),
}


def consultation_state(
    status: ConsultationStatus,
    opens_on: date,
    closes_on: date,
    day: date,
    closed_on: date | None = None,
) -> ConsultationState:
    """A consultation's state on ``day``, from its stored status and dates (for rows read
    without the ORM as well as for ``Consultation.state_on``)."""
    if status == ConsultationStatus.DRAFT:
        return ConsultationState.DRAFT
    if status == ConsultationStatus.ARCHIVED:
        return ConsultationState.ARCHIVED
    if closed_on is not None and day >= closed_on:
        return ConsultationState.CLOSED
    if day < opens_on:
        return ConsultationState.SCHEDULED
    if day > closes_on:
        return ConsultationState.CLOSED
    return ConsultationState.OPEN


class Consultation(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "consultations"
    __table_args__ = (CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    #: First and last day (Europe/Amsterdam) on which answers are accepted.
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    #: The day the board closed it before ``closes_on`` (see consult/surveys/closing.py).
    closed_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=ConsultationStatus.DRAFT)
    published_at: Mapped[datetime | None]
    #: Anonymous: no row links a response to a person or an invitation. Identified: a
    #: response through an invitation keeps the member (for follow-up by the board).
    anonymous: Mapped[bool] = mapped_column(default=True)
    #: Anonymous only: the segment dimensions (ids) the board lets its responses keep; None:
    #: all the organisation's dimensions. Small combinations are dropped on top of this
    #: (consult.surveys.segment_privacy).
    kept_dimension_ids: Mapped[list[int] | None] = mapped_column(JSON)
    #: Open link: None (off), "confirmed" (each answer confirmed by e-mail, one per address)
    #: or "anonymous" (anyone, reported separately).
    open_link_mode: Mapped[str | None] = mapped_column(String(12))
    #: The open link's random key; a new key makes the old link stop working.
    open_link_key: Mapped[str | None] = mapped_column(String(43), unique=True)
    #: Goes up whenever one of its questions or options changes (``note_question_changes``):
    #: pages kept for reuse are keyed by it, so none outlives a change.
    content_version: Mapped[int] = mapped_column(default=0, server_default="0")
    #: The language the questions are written in ("nl" or "en"): the answer page marks them
    #: with it and shows the questionnaire's fixed texts (scale ends) in it.
    language: Mapped[str] = mapped_column(String(5), default="nl", server_default="nl")

    questions: Mapped[list["Question"]] = relationship(
        back_populates="consultation",
        order_by="[Question.page, Question.position]",
        cascade="all, delete-orphan",
    )

    def state_on(self, day: date) -> ConsultationState:
        return consultation_state(self.status, self.opens_on, self.closes_on, day, self.closed_on)

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

    def archive(self, day: date) -> None:
        """Put a closed consultation away: off the list, its results and evidence kept.

        :raises DomainError: when it has not closed yet.
        """
        if self.state_on(day) != ConsultationState.CLOSED:
            raise DomainError(_l("Only a closed consultation can be archived."))
        self.status = ConsultationStatus.ARCHIVED

    def __repr__(self) -> str:
        return f"<Consultation {self.id} org={self.organisation_id} {self.status}>"
