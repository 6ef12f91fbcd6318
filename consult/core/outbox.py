"""The mail outbox: every message is written in the same transaction as what caused it.

A message stores its kind and a small context, not its text: the text is rendered when it is
delivered (or shown in the in-app outbox), so links carrying secret tokens are never stored.
With ``MAIL_SERVER`` set, ``deliver_pending`` sends over SMTP; without it, mail stays here for
the organisation's admin to read (the demo).
"""

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_mail import Message
from sqlalchemy import JSON, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import TimestampMixin, utcnow
from consult.extensions import db, mail

#: After this many failed tries a message is marked failed and no longer retried.
MAX_ATTEMPTS = 5


class MessageStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(TimestampMixin, db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The organisation the mail is sent for; None for mail about a login account.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    #: Which renderer builds the text, e.g. "invitation".
    kind: Mapped[str] = mapped_column(String(40))
    #: What the renderer needs (ids, never secrets).
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    status: Mapped[str] = mapped_column(String(10), default=MessageStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


STATUS_LABELS = {
    MessageStatus.PENDING: _l("waiting to be sent"),
    MessageStatus.SENT: _l("sent"),
    MessageStatus.FAILED: _l("could not be delivered"),
}
KIND_LABELS = {"invitation": _l("Invitation"), "password_reset": _l("Password reset")}

#: kind -> function(message) returning (subject, template context)
RENDERERS: dict[str, Callable[[OutboxMessage], tuple[str, dict[str, Any]]]] = {}


def renderer(kind: str):
    """Register the function that gives a message kind its subject and template context."""

    def register(function):
        RENDERERS[kind] = function
        return function

    return register


def queue(kind: str, recipient: str, *, organisation=None, locale: str = "nl", **context):
    """Add a message to the outbox in the current transaction (the caller commits)."""
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        organisation_id=organisation.id if organisation else None,
        locale=locale,
        context=context,
    )
    db.session.add(message)
    return message


def render(message: OutboxMessage) -> RenderedMail:
    """Render the message's subject, plain text and HTML in its own language."""
    with force_locale(message.locale):
        subject, context = RENDERERS[message.kind](message)
        return RenderedMail(
            subject=str(subject),
            text=render_template(f"email/{message.kind}.txt", **context),
            html=render_template(f"email/{message.kind}.html", **context),
        )


def external_url(endpoint: str, **values) -> str:
    """An absolute link for e-mails, built from BASE_URL outside any request."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def smtp_configured() -> bool:
    """Whether mail leaves the building; otherwise it is kept in the in-app outbox."""
    return bool(current_app.config.get("MAIL_SERVER"))


def deliver_pending(limit: int = 500) -> int:
    """Send pending messages over SMTP, committing after each; returns how many were sent."""
    if not smtp_configured():
        return 0
    pending = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == MessageStatus.PENDING)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    try:
        with mail.connect() as connection:
            for message in pending:
                sent += _send_one(connection, message)
    except OSError as error:  # the relay is unreachable: messages stay pending for a next run
        current_app.logger.warning("Mail server unreachable: %s", error)
    return sent


def _send_one(connection, message: OutboxMessage) -> int:
    """Send one message and record the outcome; 1 when it went out."""
    message.attempts += 1
    try:
        rendered = render(message)
        connection.send(
            Message(
                subject=rendered.subject,
                recipients=[message.recipient],
                body=rendered.text,
                html=rendered.html,
            )
        )
    except smtplib.SMTPException as error:
        current_app.logger.warning("Mail %s not sent: %s", message.id, error)
        message.last_error = str(error)[:500]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = MessageStatus.FAILED
        db.session.commit()
        return 0
    message.status = MessageStatus.SENT
    message.sent_at = utcnow()
    db.session.commit()
    return 1


def recent_for(organisation, limit: int = 100) -> list[OutboxMessage]:
    """The organisation's newest messages, for the in-app outbox."""
    return db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.organisation_id == organisation.id)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    ).all()
