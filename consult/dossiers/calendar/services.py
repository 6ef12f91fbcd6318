"""iCalendar (RFC 5545) text for a feed of all-day events, written by hand.

Only what a subscription of deadlines needs: one VCALENDAR with all-day VEVENTs. Text values
are escaped (backslash, semicolon, comma, line break), every content line ends in CRLF and is
folded at 75 octets without splitting a UTF-8 character. Pure functions, no database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

#: The longest content line, in octets, before it is folded (RFC 5545, 3.1).
LINE_OCTETS = 75


@dataclass(frozen=True)
class AllDayEvent:
    #: Stays the same when the date moves, so calendar apps update the event in place.
    uid: str
    day: date
    summary: str
    description: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, line breaks as
    ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """The content line cut into pieces of at most 75 octets, each continuation starting with
    a space; a multi-byte character is never split."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        if size + octets > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1  # the leading space of a continuation counts too
        current += character
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _event(event: AllDayEvent, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{_day(event.day)}",
        f"DTEND;VALUE=DATE:{_day(event.day + timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.summary)}",
        "TRANSP:TRANSPARENT",  # a deadline does not make anyone busy that day
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    return [*lines, "END:VEVENT"]


def calendar(name: str, events: Iterable[AllDayEvent], stamp: datetime, prodid: str) -> str:
    """The whole feed as text with CRLF line endings.

    :param stamp: this moment in UTC (naive), the DTSTAMP of every event.
    :param prodid: who made the feed, e.g. ``-//Consult//Deadlines//NL``.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
