"""The in-app outbox as a list: the organisation's mail a page at a time, filtered by kind
and status, and one message opened on its own. Counting and paging are done by the database.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import Select, func, select

from consult.core.models import MAX_ID
from consult.extensions import db
from consult.mail.models import MessageStatus, OutboxMessage

PER_PAGE = 25

#: Who got a reminder is who has not answered yet; who confirms open-link answers took part:
#: neither address is shown, unless the mail failed (so it can be fixed).
HIDDEN_RECIPIENT_KINDS = ("reminder", "open_confirm")
#: Mails whose text is never shown: what they say would tell who has not answered or took
#: part, or their link lets someone choose the addressee's password.
HIDDEN_TEXT_KINDS = ("reminder", "open_confirm", "password_reset", "account_invitation")


@dataclass(frozen=True)
class OutboxFilter:
    kind: str = ""
    status: str = ""


@dataclass(frozen=True)
class OutboxPage:
    messages: list[OutboxMessage]
    #: How many messages match the filter, the page shown and the number of pages.
    total: int
    page: int
    pages: int


def _matching(organisation, filters: OutboxFilter) -> Select:
    query = select(OutboxMessage).where(OutboxMessage.organisation_id == organisation.id)
    if filters.kind:
        query = query.where(OutboxMessage.kind == filters.kind)
    if filters.status:
        query = query.where(OutboxMessage.status == filters.status)
    return query


def page_of(organisation, filters: OutboxFilter, page: int = 1) -> OutboxPage:
    """One page of the organisation's matching mail, newest first; ``page`` is kept within
    the first and the last."""
    query = _matching(organisation, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    messages = db.session.scalars(
        query.order_by(OutboxMessage.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    return OutboxPage(messages, total, page, pages)


def kinds_sent_by(organisation) -> list[str]:
    """The kinds of mail the organisation has in its outbox, for the filter."""
    return db.session.scalars(
        select(OutboxMessage.kind)
        .where(OutboxMessage.organisation_id == organisation.id)
        .distinct()
        .order_by(OutboxMessage.kind)
    ).all()


def message_of(organisation, message_id: int) -> OutboxMessage | None:
    """The organisation's message with this id; None when it is another's, or missing."""
    if not 0 < message_id <= MAX_ID:
        return None
    return db.session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.organisation_id == organisation.id
        )
    )


def shows_recipient(message: OutboxMessage) -> bool:
    """Whether the outbox may show who the message went to (see HIDDEN_RECIPIENT_KINDS)."""
    failed = message.status in (MessageStatus.BOUNCED, MessageStatus.FAILED)
    return message.kind not in HIDDEN_RECIPIENT_KINDS or (message.kind == "reminder" and failed)


def shows_text(message: OutboxMessage) -> bool:
    """Whether the outbox may show the message's text (see HIDDEN_TEXT_KINDS)."""
    return message.kind not in HIDDEN_TEXT_KINDS


#: A web address in a mail's text, without the full stop or bracket that may follow it.
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)]")


def with_links(text: str) -> Markup:
    """The text, escaped, with every web address in it as a link a reader can follow."""
    parts, start = [], 0
    for found in WEB_ADDRESS.finditer(text):
        address = escape(found.group(0))
        parts += [escape(text[start : found.start()]), Markup(f'<a href="{address}">{address}</a>')]
        start = found.end()
    return Markup("").join([*parts, escape(text[start:])])
