"""The mail outbox: every message is written in the same transaction as what caused it.

What a message stores is in ``consult.mail.models``; how it is rendered in
``consult.mail.rendering``; delivery in ``consult.mail.delivery``.
"""

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from consult.extensions import db
from consult.mail.models import MessageStatus, OutboxMessage


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


def external_url(endpoint: str, **values) -> str:
    """An absolute link for e-mails, built from BASE_URL outside any request."""
    urls = current_app.extensions.get("consult.mail_urls")
    if urls is None:  # bound once: the mail worker builds links for every message
        urls = current_app.extensions["consult.mail_urls"] = current_app.url_map.bind("localhost")
    return current_app.config["BASE_URL"].rstrip("/") + urls.build(endpoint, values)


def smtp_configured() -> bool:
    """Whether mail leaves the building; otherwise it is kept in the in-app outbox."""
    return bool(current_app.config.get("MAIL_SERVER"))


def counts_for(organisation) -> dict[MessageStatus, int]:
    """How many of the organisation's messages are in each status (every status listed)."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.organisation_id == organisation.id)
        .group_by(OutboxMessage.status)
    )
    found = dict(rows.all())
    return {status: found.get(status, 0) for status in MessageStatus}
