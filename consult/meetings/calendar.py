"""A meeting and its agenda terms as days in the personal calendar feed of the dossier
deadlines (``consult.dossiers.calendar.subscriptions``)."""

from flask_babel import format_time
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core.clock import today
from consult.dossiers.calendar.services import AllDayEvent
from consult.extensions import db
from consult.mail.outbox import external_url
from consult.meetings.models.meetings import Meeting, MeetingState


def meeting_events(organisation, host: str) -> list[AllDayEvent]:
    """The coming meetings that are not cancelled, each on its day, with their agenda terms."""
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.organisation_id == organisation.id,
            Meeting.state != MeetingState.CANCELLED,
            Meeting.starts_at >= today(),
        )
        .order_by(Meeting.starts_at)
    ).all()
    events = []
    for meeting in meetings:
        link = external_url("meetings.show", org=organisation.slug, meeting_id=meeting.id)
        when = format_time(meeting.starts_local, "short")
        days = [
            ("", meeting.starts_at.date(), f"{when} {meeting.title}"),
            (
                "-concept",
                meeting.concept_due_on,
                _("Concept agenda: %(title)s", title=meeting.title),
            ),
            (
                "-final",
                meeting.final_due_on,
                _("Final agenda and papers: %(title)s", title=meeting.title),
            ),
        ]
        events += [
            AllDayEvent(
                uid=f"meeting-{meeting.id}{suffix}@{host}",
                day=day,
                summary=summary,
                description="\n".join(filter(None, [meeting.place, meeting.video_link, link])),
                url=link,
            )
            for suffix, day, summary in days
        ]
    return events
