"""The mail outbox: every message is written in the same transaction as what caused it.

A message stores its kind and a small context, not its text: the text is rendered when it is
delivered (or shown in the in-app outbox), so links carrying secret tokens are never stored.
Each message has an idempotency key, so queueing the same mail twice stores it once, and a
stable Message-ID, so the rare resend after a crash can be recognised by the receiver.
Delivery itself lives in ``consult.core.delivery``.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy import JSON, ForeignKey, Index, String, Text, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.clock import utcnow
from consult.core.i18n import parsed_locale
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
KIND_LABELS = {
    "invitation": _l("Invitation"),
    "reminder": _l("Reminder"),
    "password_reset": _l("Password reset"),
    "account_invitation": _l("Invitation to the team"),
    "team_added": _l("New role in the team"),
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


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    #: The one-click unsubscribe link (RFC 8058) for mail to panel members; None otherwise.
    unsubscribe_url: str | None = None
    #: The organisation's logo as (content type, bytes), sent inside the mail.
    logo: tuple[str, bytes] | None = None


#: kind -> function(message) returning (subject, template context)
RENDERERS: dict[str, Callable[[Message], tuple[str, dict[str, Any]]]] = {}
#: kind -> the context keys whose (string) values differ per recipient, e.g. the link
PERSONAL: dict[str, tuple[str, ...]] = {}
#: kind -> function(connection, message, status) called in the delivery's transaction on that
#: database connection (e.g. record a bounce)
OUTCOME_HANDLERS: dict[str, Callable[[Any, Message, MessageStatus], None]] = {}
#: kind -> function(messages) loading what a batch of such messages renders, in a few queries
PREFETCHERS: dict[str, Callable[[list[Message]], list]] = {}


def renderer(kind: str, personal: tuple[str, ...] = ()):
    """Register the function that gives a message kind its subject and template context.

    :param personal: context keys that differ per recipient (strings such as a name or a
        link). With them, a batch renders the templates once per shared context, with
        placeholders that each message then fills in: rendering per message would cost
        more than sending it.
    """

    def register(function):
        RENDERERS[kind] = function
        PERSONAL[kind] = personal
        return function

    return register


def on_outcome(kind: str):
    """Register what happens in the domain when a message of ``kind`` was sent or refused:
    ``function(connection, message, status)`` writes on the delivery's database connection,
    in the transaction that records the outcome."""

    def register(function):
        OUTCOME_HANDLERS[kind] = function
        return function

    return register


def prefetch(kind: str):
    """Register how to load, for a whole batch at once, what messages of ``kind`` render."""

    def register(function):
        PREFETCHERS[kind] = function
        return function

    return register


def prefetch_for(messages: list[Message]) -> list:
    """Load what the batch renders; the caller keeps the result so it stays in the session."""
    loaded = []
    for kind in {message.kind for message in messages}:
        if kind in PREFETCHERS:
            loaded += PREFETCHERS[kind]([m for m in messages if m.kind == kind])
    return loaded


def queue(
    kind: str, recipient: str, key: str, *, organisation=None, locale="nl", priority=1, **context
):
    """Add a message to the outbox in the current transaction (the caller commits).

    :param key: the idempotency key (e.g. "invitation:42"); the database refuses a second
        message with the same key, so one cause never yields two mails.
    """
    message = OutboxMessage(
        kind=kind,
        idempotency_key=key,
        recipient=recipient,
        organisation_id=organisation.id if organisation else None,
        locale=locale,
        priority=priority,
        context=context,
    )
    db.session.add(message)
    return message


def queue_once(kind: str, recipient: str, key: str, **details) -> bool:
    """``queue`` in a savepoint: False when another request or worker queued the same key a
    moment ago (the database's unique key decides), and nothing else is undone."""
    try:
        with db.session.begin_nested():
            queue(kind, recipient, key, **details)
    except IntegrityError:
        return False
    return True


def unqueued(keys: list[str]) -> list[str]:
    """The idempotency keys that have no message yet, in the given order."""
    queued = set(
        db.session.scalars(
            select(OutboxMessage.idempotency_key).where(OutboxMessage.idempotency_key.in_(keys))
        )
    )
    return [key for key in keys if key not in queued]


def render(message: Message, cache: dict | None = None) -> RenderedMail:
    """Render the message's subject, plain text and HTML in its own language.

    :param cache: a dict kept for one batch: messages of a kind with personal values that
        share the rest of their context are rendered once (see ``renderer``), and each
        organisation's logo is read once.
    """
    logo = _logo_of(message.organisation_id, {} if cache is None else cache)
    with force_locale(parsed_locale(message.locale)):
        subject, context = RENDERERS[message.kind](message)
        context = context | {"has_logo": logo is not None}
        personal = {key: context[key] for key in PERSONAL[message.kind] if context.get(key)}
        if cache is None or not personal:
            return replace(_render_templates(message.kind, str(subject), context), logo=logo)
        shared = sorted((k, repr(v)) for k, v in context.items() if k not in personal)
        key = (message.kind, message.locale, str(subject), tuple(shared), tuple(personal))
        if key not in cache:
            placeholders = {name: f"\x00{name}\x00" for name in personal}
            cache[key] = _render_templates(message.kind, str(subject), context | placeholders)
        return _fill(cache[key], personal, logo)


def _logo_of(organisation_id: int | None, cache: dict) -> tuple[str, bytes] | None:
    """The organisation's logo as (content type, bytes), read once per batch."""
    if organisation_id is None:
        return None
    key = ("logo", organisation_id)
    if key not in cache:
        from consult.organisations.models import Organisation

        row = db.session.execute(
            select(Organisation.logo_type, Organisation.logo).where(
                Organisation.id == organisation_id, Organisation.logo_type.is_not(None)
            )
        ).first()
        cache[key] = tuple(row) if row else None
    return cache[key]


def _render_templates(kind: str, subject: str, context: dict) -> RenderedMail:
    return RenderedMail(
        subject=subject,
        text=render_template(f"email/{kind}.txt", **context),
        html=render_template(f"email/{kind}.html", **context),
        unsubscribe_url=context.get("unsubscribe_url"),
    )


def _fill(
    template: RenderedMail, personal: dict[str, str], logo: tuple[str, bytes] | None
) -> RenderedMail:
    """The mail with each placeholder replaced (as is in the text, escaped in the HTML) and
    the organisation's logo."""
    text, html, unsubscribe = template.text, template.html, template.unsubscribe_url
    for name, value in personal.items():
        placeholder, value = f"\x00{name}\x00", value.replace("\x00", "")
        text = text.replace(placeholder, value)
        html = html.replace(placeholder, str(escape(value)))
        unsubscribe = unsubscribe.replace(placeholder, value) if unsubscribe else None
    return RenderedMail(template.subject, text, html, unsubscribe, logo)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for e-mails, built from BASE_URL outside any request."""
    urls = current_app.extensions.get("consult.mail_urls")
    if urls is None:  # bound once: the mail worker builds links for every message
        urls = current_app.extensions["consult.mail_urls"] = current_app.url_map.bind("localhost")
    return current_app.config["BASE_URL"].rstrip("/") + urls.build(endpoint, values)


def smtp_configured() -> bool:
    """Whether mail leaves the building; otherwise it is kept in the in-app outbox."""
    return bool(current_app.config.get("MAIL_SERVER"))


def recent_for(organisation, limit: int = 100) -> list[OutboxMessage]:
    """The organisation's newest messages, for the in-app outbox."""
    return db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.organisation_id == organisation.id)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    ).all()


def counts_for(organisation) -> dict[MessageStatus, int]:
    """How many of the organisation's messages are in each status (every status listed)."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.organisation_id == organisation.id)
        .group_by(OutboxMessage.status)
    )
    found = dict(rows.all())
    return {status: found.get(status, 0) for status in MessageStatus}
