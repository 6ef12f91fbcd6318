"""Reaching the addresses: each its one-time link once by mail, reminders to those that have
not voted (all through the outbox in the caller's transaction), and the links of addresses
without e-mail for letters."""

from sqlalchemy import select

from consult.core.clock import today, utcnow
from consult.draagvlak.models import Meting, MetingAddress
from consult.draagvlak.services import link_of
from consult.extensions import db
from consult.mail.outbox import external_url, queue_once


def _mailable(meting: Meting):
    return select(MetingAddress).where(
        MetingAddress.meting_id == meting.id, MetingAddress.email.is_not(None)
    )


def send_links(meting: Meting, locale: str = "nl") -> int:
    """Queue the link of every address with an e-mail address that has not had it.

    :returns: how many mails were queued.
    """
    sent = 0
    for address in db.session.scalars(
        _mailable(meting).where(MetingAddress.link_sent_at.is_(None))
    ):
        if queue_once(
            "draagvlak_link",
            address.email,
            f"draagvlak:{address.id}",
            organisation=meting.organisation,
            locale=locale,
            address_id=address.id,
        ):
            address.link_sent_at = utcnow()
            sent += 1
    return sent


def send_reminders(meting: Meting, locale: str = "nl") -> int:
    """Queue a reminder to every address that has its link and has not voted; at most one
    per address per day, however often the board asks.

    :returns: how many reminders were queued.
    """
    day = today().isoformat()
    waiting = _mailable(meting).where(
        MetingAddress.link_sent_at.is_not(None), MetingAddress.voted_on.is_(None)
    )
    return sum(
        queue_once(
            "draagvlak_reminder",
            address.email,
            f"draagvlak-reminder:{address.id}:{day}",
            organisation=meting.organisation,
            locale=locale,
            address_id=address.id,
        )
        for address in db.session.scalars(waiting)
    )


def letter_rows(meting: Meting) -> list[tuple[str, str]]:
    """The address and link of every address without e-mail that has not voted, for a
    letter to its tenant."""
    waiting = select(MetingAddress).where(
        MetingAddress.meting_id == meting.id,
        MetingAddress.email.is_(None),
        MetingAddress.voted_on.is_(None),
    )
    return [
        (address.address, external_url("address_vote.ballot", token=link_of(address)))
        for address in db.session.scalars(waiting.order_by(MetingAddress.address))
    ]
