"""The outbox's messages: what each stores, and the claimed form a worker sends it in.

A message stores its kind and a small context, not its text: the text is rendered when it is
delivered (or shown in the in-app outbox), so links carrying secret tokens are never stored.
Each message has an idempotency key, so queueing the same mail twice stores it once, and a
stable Message-ID, so the rare resend after a crash can be recognised by the receiver.
"""

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.clock import utcnow
from consult.core.models import TimestampMixin
from consult.extensions import db


class MessageStatus(StrEnum):
    PENDING = "pending"  #: waiting, or waiting for a retry at ``next_attempt_at``
    SENT = "sent"
    BOUNCED = "bounced"  #: refused for good by the mail server (e.g. unknown address)
    FAILED = "failed"  #: gave up after the last retry


STATUS_LABELS = {
    MessageStatus.PENDING: _l("waiting to be sent"),
    MessageStatus.SENT: _l("sent"),
    MessageStatus.BOUNCED: _l("address refused"),
    MessageStatus.FAILED: _l("could not be delivered"),
}


class OutboxMessage(TimestampMixin, db.Model):
    __tablename__ = "outbox_messages"
    #: Pending mail in the order workers take it: a claim reads the first due rows of the
    #: index and stops, instead of sorting every due message of a large mailing.
    __table_args__ = (
        Index("ix_outbox_messages_queue", "status", "priority", "id", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The organisation the mail is sent for; None for mail about a login account.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: What this message is, e.g. "invitation:42"; the same mail is never stored twice.
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    #: Which renderer builds the text, e.g. "invitation".
    kind: Mapped[str] = mapped_column(String(40))
    #: What the renderer needs (ids, never secrets).
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    #: Lower goes first: 0 for mail a person waits for (password reset), 1 for bulk mail.
    priority: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(10), default=MessageStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    #: Not before this moment (retries back off).
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The worker that holds the message, until ``claimed_until`` (a lease: a crashed
    #: worker's messages are taken over when it runs out).
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)

    @property
    def message_id(self) -> str:
        return message_id_header(self.id)

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


@dataclass(frozen=True)
class ClaimedMessage:
    """A message as a worker claimed it: what it takes to render, send and record it, read
    by the claim itself (loading the whole row through the ORM took longer than the claim).
    Renderers, prefetchers and outcome handlers get this or an ``OutboxMessage``."""

    id: int
    kind: str
    recipient: str
    context: dict[str, Any]
    locale: str
    attempts: int
    organisation_id: int | None

    @property
    def message_id(self) -> str:
        return message_id_header(self.id)

    def __repr__(self) -> str:
        return f"<ClaimedMessage {self.id} {self.kind}>"


#: The columns of a ``ClaimedMessage``, in its order.
CLAIMED_COLUMNS = tuple(
    getattr(OutboxMessage, field.name) for field in dataclasses.fields(ClaimedMessage)
)


def message_id_header(message_id: int) -> str:
    """The Message-ID header: the same on every attempt, so resends can be recognised."""
    domain = current_app.config["BASE_URL"].split("//")[-1].split("/")[0].split(":")[0]
    return f"<consult.{message_id}@{domain or 'localhost'}>"


Message = OutboxMessage | ClaimedMessage
