"""Consultations, their questions, and the responses tenants submit."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


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


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREE_SCALE = "agree_scale"
    MATRIX = "matrix"
    RATING = "rating"
    YES_NO = "yes_no"
    NUMBER = "number"
    RANKING = "ranking"
    SHORT_TEXT = "short_text"
    OPEN_TEXT = "open_text"
    INFORMATION = "information"


QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: _l("Single choice"),
    QuestionKind.MULTIPLE_CHOICE: _l("Multiple choice"),
    QuestionKind.AGREE_SCALE: _l("Agree scale (1-5)"),
    QuestionKind.MATRIX: _l("Statements on the agree scale (matrix)"),
    QuestionKind.RATING: _l("Rating 0-10"),
    QuestionKind.YES_NO: _l("Yes or no"),
    QuestionKind.NUMBER: _l("Number"),
    QuestionKind.RANKING: _l("Ranking (order the top items)"),
    QuestionKind.SHORT_TEXT: _l("Short open text"),
    QuestionKind.OPEN_TEXT: _l("Open text"),
    QuestionKind.INFORMATION: _l("Information (text, no answer)"),
}

#: Kinds whose options are the answers to choose from (matrix: its statements; ranking: the
#: items to order).
KINDS_WITH_OPTIONS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.MATRIX,
    QuestionKind.RANKING,
}
#: Kinds whose answer is one number: conditions and results read ``Answer.number``.
NUMBER_KINDS = {
    QuestionKind.AGREE_SCALE,
    QuestionKind.RATING,
    QuestionKind.YES_NO,
    QuestionKind.NUMBER,
}
#: Kinds a later question's condition can refer to, with the values it can test.
CONDITION_KINDS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.AGREE_SCALE,
    QuestionKind.RATING,
    QuestionKind.YES_NO,
}

#: Yes and no, stored as 1 and 0.
YES_NO = {1: _l("Yes"), 0: _l("No")}
#: The eleven points of a rating, 0 (very bad) to 10 (excellent).
RATING_POINTS = range(0, 11)


class ConditionOperator(StrEnum):
    """How a condition compares an earlier answer with its values."""

    EQUALS = "equals"
    ANY_OF = "any_of"
    NOT = "not"


CONDITION_LABELS = {
    ConditionOperator.EQUALS: _l("is"),
    ConditionOperator.ANY_OF: _l("is one of"),
    ConditionOperator.NOT: _l("is not"),
}

#: The five points of the agree scale, stored as the numbers 1 to 5.
AGREE_SCALE = {
    1: _l("Strongly disagree"),
    2: _l("Disagree"),
    3: _l("Neither agree nor disagree"),
    4: _l("Agree"),
    5: _l("Strongly agree"),
}


def consultation_state(
    status: ConsultationStatus, opens_on: date, closes_on: date, day: date
) -> ConsultationState:
    """A consultation's state on ``day``, from its stored status and dates (for rows read
    without the ORM as well as for ``Consultation.state_on``)."""
    if status == ConsultationStatus.DRAFT:
        return ConsultationState.DRAFT
    if status == ConsultationStatus.ARCHIVED:
        return ConsultationState.ARCHIVED
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
    status: Mapped[str] = mapped_column(String(20), default=ConsultationStatus.DRAFT)
    published_at: Mapped[datetime | None]
    #: Anonymous: no row links a response to a person or an invitation. Identified: a
    #: response through an invitation keeps the member (for follow-up by the board).
    anonymous: Mapped[bool] = mapped_column(default=True)
    #: Open link: None (off), "confirmed" (each answer confirmed by e-mail, one per address)
    #: or "anonymous" (anyone, reported separately).
    open_link_mode: Mapped[str | None] = mapped_column(String(12))
    #: The open link's random key; a new key makes the old link stop working.
    open_link_key: Mapped[str | None] = mapped_column(String(43), unique=True)
    #: Goes up whenever one of its questions or options changes (``note_question_changes``):
    #: pages kept for reuse are keyed by it, so none outlives a change.
    content_version: Mapped[int] = mapped_column(default=0, server_default="0")

    questions: Mapped[list["Question"]] = relationship(
        back_populates="consultation",
        order_by=lambda: (Question.page, Question.position),
        cascade="all, delete-orphan",
    )

    def state_on(self, day: date) -> ConsultationState:
        return consultation_state(self.status, self.opens_on, self.closes_on, day)

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


class Question(db.Model):
    """A question, or an information block (kind "information", no answer).

    Questions are shown in ``position`` order, grouped in pages by ``page``. A question with a
    condition is shown only when the earlier ``condition_question``'s answer matches.
    """

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The page it is on, 1 for the first; pages are numbered without gaps.
    page: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(2000))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool] = mapped_column(default=True)
    #: Choice questions: offer "other, namely ..." with a text box.
    allows_other: Mapped[bool] = mapped_column(default=False)
    #: Multiple choice: at most this many picks; ranking: how many places to fill.
    max_choices: Mapped[int | None]
    #: Number questions: the smallest and largest accepted answer.
    min_value: Mapped[int | None]
    max_value: Mapped[int | None]
    #: Rating questions: show the Net Promoter Score in the results.
    shows_nps: Mapped[bool] = mapped_column(default=False)
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    condition_operator: Mapped[str | None] = mapped_column(String(10))
    #: The values the condition tests: option ids or numbers.
    condition_values: Mapped[list[int]] = mapped_column(JSON, default=list)

    consultation: Mapped[Consultation] = relationship(back_populates="questions")
    options: Mapped[list["QuestionOption"]] = relationship(
        back_populates="question", order_by="QuestionOption.position", cascade="all, delete-orphan"
    )
    condition_question: Mapped["Question | None"] = relationship(remote_side=[id])

    @property
    def kind_label(self):
        return QUESTION_KIND_LABELS[QuestionKind(self.kind)]

    @property
    def asks_answer(self) -> bool:
        return self.kind != QuestionKind.INFORMATION

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


@event.listens_for(Session, "before_flush")
def note_question_changes(session, flush_context, instances) -> None:
    """Raise the content version of every stored consultation whose questions or options are
    added, changed or removed in this flush (in SQL, so two simultaneous edits both count)."""
    consultations = {
        id(consultation): consultation
        for item in (*session.new, *session.deleted, *session.dirty)
        if (consultation := _consultation_changed_by(session, item)) is not None
        and consultation not in session.new
        and consultation not in session.deleted
    }
    for consultation in consultations.values():
        consultation.content_version = Consultation.content_version + 1


def _consultation_changed_by(session, item) -> Consultation | None:
    if not isinstance(item, Consultation | Question | QuestionOption):
        return None
    if item in session.dirty and not session.is_modified(item):
        return None
    if isinstance(item, Consultation):  # a question taken out of its list
        return item if inspect(item).attrs.questions.history.has_changes() else None
    if isinstance(item, QuestionOption):
        item = item.question
    return item.consultation if isinstance(item, Question) else None


class Channel(StrEnum):
    """How a response came in; results can be split by it."""

    INVITATION = "invitation"
    OPEN_CONFIRMED = "open_confirmed"
    OPEN_ANONYMOUS = "open_anonymous"
    PAPER = "paper"


CHANNEL_LABELS = {
    Channel.INVITATION: _l("invitation by e-mail"),
    Channel.OPEN_CONFIRMED: _l("open link, confirmed by e-mail"),
    Channel.OPEN_ANONYMOUS: _l("open link, anonymous"),
    Channel.PAPER: _l("paper form"),
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


class Response(db.Model):
    """One submitted questionnaire.

    In an anonymous consultation nothing links it to a person or an invitation: its id is
    random and it keeps only the day of submission, so neither ordering nor timestamps can
    pair it with an invitation. In an identified one ``member_id`` names the member.
    """

    __tablename__ = "responses"
    __table_args__ = (
        #: Covers the results' counts of a consultation's respondents, per channel and per
        #: segment (the ids to join), without reading the rows; also the foreign key's index.
        Index("ix_responses_counts", "consultation_id", "channel", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date]
    #: Only in identified consultations; None once the member is erased.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )

    answers: Mapped[list["Answer"]] = relationship(cascade="all, delete-orphan")
    segments: Mapped[list["ResponseSegment"]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Response {self.id} consultation={self.consultation_id}>"


class Answer(db.Model):
    """One stored part of an answer; a question can have several rows per response.

    Choice: ``option_id`` per pick, and ``text`` alone for "other, namely ...". Scales,
    ratings, yes/no (1/0) and numbers: ``number``. Open questions: ``text``. Ranking:
    ``option_id`` with its place in ``number``. Matrix: the statement in ``option_id`` with
    its point on the agree scale in ``number``.
    """

    __tablename__ = "answers"
    __table_args__ = (
        CheckConstraint(
            "option_id IS NOT NULL OR number IS NOT NULL OR text IS NOT NULL", name="has_value"
        ),
        #: Covers the results' counts per question and option (see results.queries._Scope).
        Index("ix_answers_counts", "question_id", "option_id", "number", "response_id"),
        #: Gives each question's responses in order, so the respondents of a multiple choice
        #: or matrix question are counted from the index alone
        #: (results.queries._respondents_per_question); also the index of the foreign key.
        Index("ix_answers_respondents", "question_id", "response_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_options.id", ondelete="CASCADE")
    )
    number: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<Answer {self.id} question={self.question_id}>"


class ResponseDraft(TimestampMixin, db.Model):
    """The answers of someone who has not sent them yet, to resume later.

    Never counted in results; deleted in the transaction that stores the response. It
    belongs to an invitation, or (open links) to a random key kept in one browser. While
    unsent it is tied to the invitation, so the response itself stays unlinked.
    """

    __tablename__ = "response_drafts"
    __table_args__ = (
        CheckConstraint("(invitation_id IS NULL) <> (browser_key_hash IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="CASCADE"), unique=True
    )
    #: Open links: the hash of a random key in the respondent's browser session.
    browser_key_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: Open links with confirmation: the keyed hash of the address that must confirm, and
    #: the salt and hash of the link in the confirmation mail.
    email_hash: Mapped[str | None] = mapped_column(String(64))
    confirm_salt: Mapped[str | None] = mapped_column(String(32))
    confirm_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: question id (as text) -> the answer in the form ``consult.surveys.answers`` checks.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<ResponseDraft {self.id} consultation={self.consultation_id}>"


class OpenVote(db.Model):
    """That an e-mail address (as a keyed hash) answered through an open link: one per address.

    It says nothing of which response was theirs.
    """

    __tablename__ = "open_votes"
    __table_args__ = (UniqueConstraint("consultation_id", "email_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    email_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<OpenVote {self.id} consultation={self.consultation_id}>"


class ResponseSegment(db.Model):
    """The respondent's segment value at submission, kept for cross-tabs (not who it was)."""

    __tablename__ = "response_segments"
    __table_args__ = (
        UniqueConstraint("response_id", "dimension_id"),
        #: Gives a response's value per dimension without reading the rows, for the results'
        #: counts per segment (results.respondents, results.groups); also the foreign key's.
        Index("ix_response_segments_values", "response_id", "dimension_id", "value_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    dimension_id: Mapped[int] = mapped_column(
        ForeignKey("segment_dimensions.id", ondelete="CASCADE")
    )
    value_id: Mapped[int] = mapped_column(ForeignKey("segment_values.id", ondelete="CASCADE"))

    def __repr__(self) -> str:
        return f"<ResponseSegment {self.response_id} value={self.value_id}>"
