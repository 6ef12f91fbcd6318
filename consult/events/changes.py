"""Telling the people signed up what changed: a new date, time, place or online link, or the
event cancelled. Everyone on the lists (confirmed and waiting) gets a mail through the outbox
with what changed and the event as a calendar file; a cancellation's file says METHOD:CANCEL,
so their calendar drops it."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.events.models import Event, Registration
from consult.extensions import db
from consult.mail import outbox

audit.ACTION_LABELS["event.cancelled"] = _l("cancelled an event")


def when_and_where(event: Event) -> dict[str, str]:
    """The facts a person signed up plans by, as text: what a change mail compares."""
    when = f"{event.starts_at:%d-%m-%Y %H:%M}–{event.ends_at:%H:%M}"
    if event.ends_at.date() != event.starts_at.date():
        when = f"{event.starts_at:%d-%m-%Y %H:%M} – {event.ends_at:%d-%m-%Y %H:%M}"
    return {"when": when, "where": event.place or "", "online": event.online_url or ""}


def mail_changes(event: Event, before: dict[str, str]) -> int:
    """Mail everyone signed up what changed since ``before`` (``when_and_where`` taken
    earlier); nothing when none of those facts changed.

    :returns: how many mails were queued.
    """
    after = when_and_where(event)
    was = {fact: old for fact, old in before.items() if after[fact] != old}
    if not was or event.erased_at is not None:
        return 0
    event.sequence = (event.sequence or 0) + 1
    return _mail_all(event, "event_changed", was=was)


def cancel_event(event: Event, actor=None) -> int:
    """Cancel the event: no more sign-ups, out of the calendars, everyone signed up mailed.

    :raises DomainError: when it was cancelled before, or its lists were erased.
    :returns: how many mails were queued.
    """
    if event.cancelled_at is not None or event.erased_at is not None:
        raise DomainError(_("This event was cancelled before."))
    event.cancelled_at = utcnow()
    event.sequence = (event.sequence or 0) + 1
    queued = _mail_all(event, "event_cancelled")
    audit.record(event.organisation, "event.cancelled", subject=event.title, actor=actor)
    current_app.logger.info("%s cancelled by %s", event, actor)
    return queued


def _mail_all(event: Event, kind: str, **context) -> int:
    registrations = db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.cancelled_at.is_(None))
        .order_by(Registration.id)
    ).all()
    for registration in registrations:
        outbox.queue(
            kind,
            registration.email,
            f"{kind.replace('_', '-')}:{registration.id}:{event.sequence}",
            organisation=event.organisation,
            locale=registration.locale,
            registration_id=registration.id,
            **context,
        )
    return len(registrations)
