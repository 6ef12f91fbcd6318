"""What tenants send: responses with their answers and segments, drafts not sent yet, and the
open link's one vote per address."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.clock import utcnow
from consult.core.models import TimestampMixin
from consult.extensions import db


class Channel(StrEnum):
    """How a response came in; results can be split by it."""

    INVITATION = "invitation"
    LETTER = "letter"  #: an invitation by post, answered online through its code or QR code
    OPEN_CONFIRMED = "open_confirmed"
    OPEN_ANONYMOUS = "open_anonymous"
    PAPER = "paper"


CHANNEL_LABELS = {
    Channel.INVITATION: _l("invitation by e-mail"),
    Channel.LETTER: _l("invitation by letter"),
    Channel.OPEN_CONFIRMED: _l("open link, confirmed by e-mail"),
    Channel.OPEN_ANONYMOUS: _l("open link, anonymous"),
    Channel.PAPER: _l("paper form"),
}


class Response(db.Model):
    """One submitted questionnaire.

    In an anonymous consultation nothing links it to a person or an invitation: its id is
    random, it keeps no date, and it is written with others in a block of at least
    MIN_GROUP_SIZE in random order (``consult.surveys.holding``), so neither ordering nor
    timestamps can pair it with an invitation. In an identified one ``member_id`` names the
    member and ``submitted_on`` the day.
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
    #: The day it was sent; None in an anonymous consultation.
    submitted_on: Mapped[date | None]
    #: Only in identified consultations; None once the member is erased.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )
    #: The language the questionnaire was answered in (its own, or a translation's).
    language: Mapped[str | None] = mapped_column(String(5))

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
    #: On PostgreSQL pages are kept half full (migration 0022_send), so saving a page updates
    #: the draft in place.
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


class HeldResponse(db.Model):
    """A response to an anonymous consultation, sealed (AES-GCM) until its block is written.

    ``consult.surveys.holding`` writes them as responses MIN_GROUP_SIZE at a time, chosen at
    random; until then nobody, the board included, can read them. Random id, no date.
    """

    __tablename__ = "held_responses"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    #: ``seal("responses:<consultation id>", ...)`` of all ``write_response`` needs.
    payload: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"<HeldResponse {self.id} consultation={self.consultation_id}>"
