"""Reading the links out of the mails the panel queued, as a tenant reads their mailbox."""

import re

from sqlalchemy import select

from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render

LINK = re.compile(r"https?://[^\s\"<>]+")


def mailed_links(app, recipient: str, kind: str) -> list[str]:
    """The links in the newest mail of ``kind`` to ``recipient``, in order of appearance."""
    with app.app_context(), app.test_request_context():
        message = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == recipient, OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
        assert message is not None, f"no {kind} mail to {recipient}"
        return LINK.findall(render(message).text)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def confirm_link(app, recipient: str) -> str:
    return next(
        path_of(link)
        for link in mailed_links(app, recipient, "member_confirm")
        if "/join/confirm/" in link
    )


def own_page_link(app, recipient: str) -> str:
    return next(
        path_of(link) for link in mailed_links(app, recipient, "member_access") if "/m/" in link
    )
