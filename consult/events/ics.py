"""One event as iCalendar text, for the link in the confirmation and the reminder.

Times are kept in Dutch local time and written in UTC, so no VTIMEZONE is
needed. Escaping and folding are the dossier calendar's (``consult.dossiers.calendar``).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from consult.core.clock import NETHERLANDS, today
from consult.dossiers.calendar.services import AllDayEvent, escape_text, fold
from consult.events.services import events_between
from consult.mail.outbox import external_url

UTC = ZoneInfo("UTC")


def _utc(moment: datetime) -> str:
    return moment.replace(tzinfo=NETHERLANDS).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(event, uid: str, stamp: datetime, url: str = "") -> str:
    """A VCALENDAR with the one event; ``stamp`` is now in UTC (naive). A cancelled event
    is written with METHOD:CANCEL, so a calendar that has it drops it; each change mailed
    raises its SEQUENCE, so a calendar takes the newer version."""
    where = event.place or event.online_url or ""
    cancelled = event.cancelled_at is not None
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Consult//Events//NL",
        "METHOD:CANCEL" if cancelled else "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{event.sequence or 0}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"LOCATION:{escape_text(where)}",
        f"DESCRIPTION:{escape_text(event.description)}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def registration_ics(registration, stamp: datetime, url: str = "") -> str:
    """The event as the person signed up has it in their calendar: one UID per registration,
    the same in the calendar link and in the mails of a change."""
    uid = f"event-{registration.event_id}-{registration.id}@consult"
    return event_ics(registration.event, uid=uid, stamp=stamp, url=url)


def feed_entries(organisation, host: str) -> list[AllDayEvent]:
    """The organisation's coming events as days in the board's calendar feed (which holds
    all-day entries only: the times go in the title)."""
    first = today()
    entries = []
    for event in events_between(organisation, first, first.replace(year=first.year + 1)):
        link = external_url("events.show", org=organisation.slug, event_id=event.id)
        hours = f"{event.starts_at:%H:%M}–{event.ends_at:%H:%M}"
        entries.append(
            AllDayEvent(
                uid=f"event-{event.id}@{host}",
                day=event.starts_at.date(),
                summary=_("Event: %(title)s, %(hours)s", title=event.title, hours=hours),
                description="\n".join(filter(None, [event.place, event.online_url, link])),
                url=link,
            )
        )
    return entries
