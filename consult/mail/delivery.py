"""Delivering the outbox over SMTP: claimed by workers, retried, never doubled by two workers.

A worker claims a batch with one atomic UPDATE (on PostgreSQL through a CTE with ``FOR UPDATE
SKIP LOCKED``), holding it for a lease. Before the lease runs out it renews it for what is
left, and it records an outcome only while the claim is still its own; the SMTP connection
times out well within the lease. Each outcome is committed while the server answers the next
message's MAIL FROM (or at the end of the batch), before any of that message can be
delivered, so a crash can resend at most the one message in flight; the rest of a dead
worker's claim expires and another worker takes it over.

Failures are judged per message: a message that cannot be composed fails alone; a busy
mailbox (4xx) is retried with doubling pauses; only a refused address (5xx with 5.1.x, or
550/551/553 without an enhanced code, at RCPT) marks the message, and through the domain's
outcome handler the member's address, as bounced. A server that is down, hangs up (421) or
refuses for policy reasons (relay denied, 5.7.x) stops the batch: that is not the member's
fault, and the messages wait for the next run with the error shown in the outbox.
"""

import os
import socket
import uuid
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from consult.core.clock import utcnow
from consult.core.write_waits import short_lock_waits, write
from consult.extensions import db
from consult.mail.message import TimedConnection
from consult.mail.models import CLAIMED_COLUMNS, ClaimedMessage, MessageStatus, OutboxMessage
from consult.mail.outbox import smtp_configured
from consult.mail.rendering import prefetch_for
from consult.mail.sending import Batch, ServerUnavailable, lease, retry_delay


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _claimable(now: datetime):
    return (
        OutboxMessage.status == MessageStatus.PENDING,
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )


def anything_due() -> bool:
    return (
        db.session.scalar(select(OutboxMessage.id).where(*_claimable(utcnow())).limit(1))
        is not None
    )


def _room_this_minute(now: datetime) -> int | None:
    """How many more messages the rate limit allows now, counting what others hold claimed;
    None when unlimited. Counting and claiming happen under one lock, so several workers
    together keep to the limit."""
    per_minute = current_app.config["MAIL_RATE_PER_MINUTE"]
    if not per_minute:
        return None
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(0x636F6E73756C74)))
    else:  # SQLite: any write statement takes the database's write lock until commit
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id < 0).values(priority=0))
    taken = db.session.scalar(
        select(func.count(OutboxMessage.id)).where(
            or_(
                OutboxMessage.sent_at > now - timedelta(minutes=1),
                OutboxMessage.claimed_until > now,
            )
        )
    )
    return max(per_minute - taken, 0)


def claim(worker: str, limit: int | None = None) -> tuple[list[ClaimedMessage], datetime]:
    """Take up to ``limit`` due messages, transactional mail first, in the order of their
    ids; and the lease's end."""
    now = utcnow()
    limit = limit or current_app.config["MAIL_BATCH_SIZE"]
    room = _room_this_minute(now)
    if room is not None:
        limit = min(limit, room)
    if not limit:
        db.session.commit()
        return [], now
    # A CTE, evaluated once: as a plain IN (subquery), PostgreSQL may run the subquery again
    # per row, and SKIP LOCKED then passes over the rows just claimed and takes more.
    due = (
        select(OutboxMessage.id)
        .where(*_claimable(now))
        .order_by(OutboxMessage.priority, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    until = now + lease()
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(select(due.c.id)), *_claimable(now))
        .values(claimed_by=worker, claimed_until=until)
        .returning(*CLAIMED_COLUMNS)
    ).all()
    db.session.commit()
    return sorted((ClaimedMessage(*row) for row in claimed), key=lambda m: m.id), until


def deliver_batch(worker: str | None = None, limit: int | None = None) -> int:
    """Claim and send one batch; returns how many messages got an outcome."""
    if not smtp_configured():
        return 0
    worker = worker or worker_name()
    messages, until = claim(worker, limit)
    if not messages:
        return 0
    error = None
    with db.engine.connect() as database, short_lock_waits(database):
        batch = Batch(worker, until, database)
        try:
            keep_loaded = prefetch_for(messages)  # noqa: F841 - the session only holds weakly
            with TimedConnection(current_app.extensions["mail"]) as connection:
                batch.send(connection, messages)
        except (ServerUnavailable, OSError) as problem:
            current_app.logger.warning("Mail server unavailable: %s", problem)
            error = str(problem)
        finally:
            batch.commit()
            db.session.rollback()
            if error or batch.handled < len(messages):  # else every message has its outcome
                _release(database, worker, [message.id for message in messages], error)
    return batch.handled


def _release(database, worker: str, ids: list[int], error: str | None) -> None:
    """Give back what this worker still holds; after a server problem, with a pause first."""
    values = {"claimed_by": None, "claimed_until": None}
    if error:
        values.update(last_error=error[:500], next_attempt_at=utcnow() + retry_delay(1))
    release = (
        update(OutboxMessage)
        .where(
            OutboxMessage.id.in_(ids),
            OutboxMessage.claimed_by == worker,
            OutboxMessage.status == MessageStatus.PENDING,
        )
        .values(**values)
    )

    def transaction():
        database.execute(release)
        database.commit()

    write(database, transaction)


def deliver_all(worker: str | None = None) -> int:
    """Deliver batches until nothing is due; returns the number of messages handled."""
    worker = worker or worker_name()
    total = 0
    while handled := deliver_batch(worker):
        total += handled
    return total
