"""One meeting as an iCalendar file (RFC 5545) with its time in Europe/Amsterdam, written with
the icalendar library, so that a calendar app shows it at the right hour in any time zone."""

from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event

from consult.core.clock import utcnow
from consult.meetings.models.meetings import Meeting, MeetingState

PRODID = "-//Consult//Meetings//NL"


def meeting_calendar(meeting: Meeting, link: str) -> bytes:
    """The meeting as a calendar file: start in Dutch time (with its VTIMEZONE), place or
    video link, the agenda items in the description, cancelled when it was."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", utcnow())  # naive UTC, written with Z
    event.add("dtstart", meeting.starts_local)
    event.add("summary", meeting.title)
    if meeting.place or meeting.video_link:
        event.add("location", meeting.place or meeting.video_link)
    agenda = [f"{item.position}. {item.title}" for item in meeting.items]
    event.add("description", "\n".join([*agenda, meeting.video_link, link]).strip())
    event.add("url", link)
    if meeting.state == MeetingState.CANCELLED:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
