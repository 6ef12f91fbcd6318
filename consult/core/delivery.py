"""Delivering the outbox over SMTP: claimed by workers, retried, never doubled by two workers.

A worker claims a batch with one atomic UPDATE (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``),
holding it for a lease. It sends message by message and commits each outcome at once, so a
crash can resend at most the one message that was in flight when it died; the lease of the
rest runs out and another worker takes them over. Temporary failures (4xx, connection
trouble) retry with backoff; permanent ones (5xx) mark the message, and through the domain's
outcome handler the member's address, as bounced.
"""

import base64
import os
import smtplib
import socket
import threading
import uuid
from datetime import timedelta
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

from flask import current_app
from flask_mail import Message
from sqlalchemy import func, or_, select, update

from consult.core.models import utcnow
from consult.core.outbox import (
    OUTCOME_HANDLERS,
    MessageStatus,
    OutboxMessage,
    prefetch_for,
    render,
    smtp_configured,
)
from consult.extensions import db, mail

#: Wakes the in-process worker thread (demo, tests) right after a request queued mail.
_wake_up = threading.Event()


class ServerUnavailable(Exception):
    """The mail server cannot be reached or dropped the connection: try the batch later."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _retry_delay(attempts: int) -> timedelta:
    base = current_app.config["MAIL_RETRY_BASE_SECONDS"]
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


def _room_this_minute() -> int | None:
    """How many messages the rate limit still allows this minute; None when unlimited."""
    per_minute = current_app.config["MAIL_RATE_PER_MINUTE"]
    if not per_minute:
        return None
    sent = db.session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.sent_at > utcnow() - timedelta(minutes=1)
        )
    )
    return max(per_minute - sent, 0)


def claim(worker: str, limit: int) -> list[int]:
    """Take up to ``limit`` due messages for ``worker``; no other worker gets them meanwhile."""
    now = utcnow()
    free = (
        OutboxMessage.status == MessageStatus.PENDING,
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )
    # A CTE, evaluated once: as a plain IN (subquery), PostgreSQL may run the subquery again
    # per row, and SKIP LOCKED then passes over the rows just claimed and takes more.
    due = (
        select(OutboxMessage.id)
        .where(*free)
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    lease = timedelta(seconds=current_app.config["MAIL_CLAIM_LEASE_SECONDS"])
    claimed = db.session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(select(due.c.id)), *free)
        .values(claimed_by=worker, claimed_until=now + lease)
        .returning(OutboxMessage.id)
    ).all()
    db.session.commit()
    return sorted(claimed)


def deliver_batch(worker: str | None = None, limit: int | None = None) -> int:
    """Claim and send one batch; returns how many messages were handled (sent or not)."""
    if not smtp_configured():
        return 0
    limit = limit or current_app.config["MAIL_BATCH_SIZE"]
    room = _room_this_minute()
    if room is not None:
        limit = min(limit, room)
    ids = claim(worker or worker_name(), limit) if limit else []
    if not ids:
        return 0
    handled = 0
    session = db.session()
    # The batch's mails share consultations and organisations: keep them loaded across the
    # commit after each message instead of reading them again every time.
    session.expire_on_commit = False
    try:
        messages = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
        ).all()
        rendered_from = prefetch_for(messages)  # noqa: F841 - held so the session keeps them
        with mail.connect() as connection:
            for message in messages:
                _send(connection, message)
                handled += 1
    except (OSError, smtplib.SMTPServerDisconnected, ServerUnavailable) as error:
        current_app.logger.warning("Mail server unavailable: %s", error)
        db.session.rollback()
        _release(ids[handled:], str(error))
    finally:
        session.expire_on_commit = True
    return handled


def _send(connection, message: OutboxMessage) -> None:
    """Send one claimed message and commit its outcome.

    Outcomes are written with plain UPDATE statements: with thousands of messages a batch,
    the ORM's bookkeeping of changed objects would cost more than the sending.
    :raises ServerUnavailable: when the connection is gone; the message stays claimed.
    """
    attempts = message.attempts + 1
    try:
        email = _compose(message)
    except Exception as error:  # noqa: BLE001 - one broken message never stops the batch
        current_app.logger.exception("Mail %s could not be rendered", message.id)
        _record(message, attempts, MessageStatus.FAILED, f"render: {error}")
        return
    try:
        connection.send(email)
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        _failed(message, attempts, code, reply)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as error:
        raise ServerUnavailable(str(error)) from error
    except smtplib.SMTPSenderRefused as error:  # our own sender address: not the member's fault
        raise ServerUnavailable(f"sender refused: {error.smtp_code} {error.smtp_error}") from error
    except smtplib.SMTPResponseException as error:
        if error.smtp_code == 421:  # the whole server is busy and hangs up: not this message
            raise ServerUnavailable(f"421 {error.smtp_error!r}") from error
        _failed(message, attempts, error.smtp_code, error.smtp_error)
    else:
        _record(message, attempts, MessageStatus.SENT)


def _failed(message: OutboxMessage, attempts: int, code: int, reply) -> None:
    """A refusal: 5xx bounces, 4xx is retried later until the attempts run out."""
    reply = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    error = f"{code} {reply}"
    if code >= 500:
        _record(message, attempts, MessageStatus.BOUNCED, error)
    elif attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        _record(message, attempts, MessageStatus.FAILED, error)
    else:
        retry_at = utcnow() + _retry_delay(attempts)
        _record(message, attempts, MessageStatus.PENDING, error, next_attempt_at=retry_at)


def _record(message, attempts, status: MessageStatus, error=None, **values) -> None:
    """Write the outcome of one attempt, let the domain react, and commit."""
    values.update(attempts=attempts, status=status, claimed_by=None, claimed_until=None)
    if error:
        values["last_error"] = error[:500]
    if status == MessageStatus.SENT:
        values["sent_at"] = utcnow()
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    handler = OUTCOME_HANDLERS.get(message.kind)
    if handler and status != MessageStatus.PENDING:
        handler(message, status)
    db.session.commit()


def _compose(message: OutboxMessage) -> "PlainMessage":
    rendered = render(message)
    email = PlainMessage(
        subject=rendered.subject,
        recipients=[message.recipient],
        body=rendered.text,
        html=rendered.html,
    )
    email.msgId = message.message_id
    return email


class PlainMessage(Message):
    """A Flask-Mail message written out directly as multipart/alternative bytes.

    Every mail has the same shape (a few headers, a plain and an HTML part), so it is assembled
    here: the email package's generator cost as much per message as rendering the templates,
    which dominated sending a large batch. Bodies are base64 (7-bit safe for every relay),
    the subject and sender name RFC 2047 encoded words, lines end in CRLF as SMTP wants.
    """

    def as_bytes(self) -> bytes:
        """:raises ValueError: when an address header would contain a line break."""
        addresses = [self.sender, *self.send_to, self.msgId]
        if any("\r" in value or "\n" in value for value in addresses):
            raise ValueError("line break in an address header")
        boundary = f"=_consult_{uuid.uuid4().hex}"
        headers = {
            "From": formataddr(parseaddr(self.sender), charset="utf-8"),
            "To": ", ".join(self.send_to),
            "Subject": Header(self.subject, "utf-8").encode(linesep="\r\n"),
            "Date": formatdate(self.date, localtime=True),
            "Message-ID": self.msgId,
            "MIME-Version": "1.0",
            "Content-Type": f'multipart/alternative; boundary="{boundary}"',
            **(self.extra_headers or {}),
        }
        lines = [f"{name}: {value}" for name, value in headers.items()] + [""]
        for subtype, body in (("plain", self.body), ("html", self.html)):
            encoded = base64.encodebytes(body.encode()).decode("ascii").rstrip("\n")
            lines += [
                f"--{boundary}",
                f'Content-Type: text/{subtype}; charset="utf-8"',
                "Content-Transfer-Encoding: base64",
                "",
                encoded.replace("\n", "\r\n"),
            ]
        lines += [f"--{boundary}--", ""]
        return "\r\n".join(lines).encode("ascii")


def _release(ids: list[int], error: str) -> None:
    """Give claimed but unsent messages back, to be tried again after a pause."""
    if not ids:
        return
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == MessageStatus.PENDING)
        .values(
            claimed_by=None,
            claimed_until=None,
            last_error=error[:500],
            next_attempt_at=utcnow() + _retry_delay(1),
        )
    )
    db.session.commit()


def deliver_all(worker: str | None = None) -> int:
    """Deliver batches until nothing is due; returns the number of messages handled."""
    total = 0
    while handled := deliver_batch(worker):
        total += handled
    return total


def run_worker(app, stop: threading.Event, poll_seconds: float = 1.0) -> None:
    """The embedded worker: deliver what is due and send due reminders, until ``stop`` is set."""
    from consult.invitations.reminders import send_due_reminders

    worker = worker_name()
    while not stop.is_set():
        with app.app_context():
            try:
                send_due_reminders()
                handled = _deliver_or_hand_over(worker)
            except Exception:  # noqa: BLE001 - a worker logs and keeps going
                app.logger.exception("Mail worker error")
                db.session.rollback()
                handled = 0
            finally:
                db.session.remove()
        if not handled:
            _wake_up.wait(poll_seconds)
            _wake_up.clear()


def _deliver_or_hand_over(worker: str) -> int:
    """Send a batch here, or with RQ configured let the RQ workers send what is due."""
    if not current_app.config.get("REDIS_URL"):
        return deliver_batch(worker)
    from consult.core.jobs import enqueue_delivery, mail_queue

    due = select(OutboxMessage.id).where(
        OutboxMessage.status == MessageStatus.PENDING, OutboxMessage.next_attempt_at <= utcnow()
    )
    if db.session.scalar(due.limit(1)) is not None and mail_queue().count == 0:
        enqueue_delivery()
    return 0


class WorkerThread:
    """The embedded worker in a daemon thread of this process (demo, tests)."""

    def __init__(self, app, poll_seconds: float = 1.0):
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=run_worker, args=(app, self._stop, poll_seconds), name="mail-worker", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        _wake_up.set()
        self._thread.join(timeout=30)


def dispatch() -> None:
    """Called after a request committed mail: hand it to RQ, or wake the local worker."""
    if current_app.config.get("REDIS_URL"):
        from consult.core.jobs import enqueue_delivery

        enqueue_delivery()
    _wake_up.set()
