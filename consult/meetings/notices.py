"""Mail to the board about a meeting's agenda terms, in the stages of the dossier deadlines
(``consult.dossiers.deadlines.notices``): within a week, on the day, and once overdue.

The concept agenda's term waits while the meeting is planned; the final agenda's term waits
until the agenda is fixed. Each mail is queued once per (meeting, term, day, stage, recipient),
the outbox's idempotency key, so a moved meeting gets mails for its new dates. The worker calls
``check_agenda_terms`` every round; it looks at most every DEADLINE_MAIL_CHECK_SECONDS.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from consult.core import clock
from consult.dossiers.deadlines.notices import NOTICE, board_members_of, stage_of
from consult.dossiers.deadlines.services import DEADLINE_LABELS, Deadline
from consult.extensions import db
from consult.mail import outbox
from consult.mail.kinds import at_most_every
from consult.meetings.models.meetings import Meeting, MeetingState

DEADLINE_LABELS.update(
    {
        "concept_agenda": _l("Concept agenda and call for items due"),
        "final_agenda": _l("Final agenda and papers due"),
    }
)


def open_terms(meeting: Meeting) -> list[Deadline]:
    """The agenda terms still waiting for the board."""
    if meeting.state != MeetingState.PLANNED:
        return []
    return [
        Deadline("concept_agenda", meeting.concept_due_on),
        Deadline("final_agenda", meeting.final_due_on),
    ]


def send_term_mails(today: date | None = None) -> int:
    """Queue every agenda-term mail due today that was not queued before; the number queued."""
    today = today or clock.today()
    first, last = today - NOTICE, today + NOTICE
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.state == MeetingState.PLANNED,
            or_(
                Meeting.concept_due_on.between(first, last),
                Meeting.final_due_on.between(first, last),
            ),
        )
        .options(selectinload(Meeting.organisation))
        .order_by(Meeting.id)
    ).all()
    boards = board_members_of({meeting.organisation_id for meeting in meetings})
    queued = 0
    for meeting in meetings:
        for term in open_terms(meeting):
            stage = stage_of(term, today)
            for user in boards[meeting.organisation_id] if stage else ():
                key = f"agenda-term:{meeting.id}:{term.kind}:{term.due_on}:{stage}:{user.id}"
                queued += outbox.queue_once(
                    "agenda_term",
                    user.email,
                    key,
                    organisation=meeting.organisation,
                    locale=user.locale,
                    meeting_id=meeting.id,
                    term=term.kind,
                    due_on=term.due_on.isoformat(),
                    stage=stage,
                    user_id=user.id,
                )
    db.session.commit()
    return queued


def check_agenda_terms() -> int:
    """The worker's round: the term mails at most every DEADLINE_MAIL_CHECK_SECONDS and on
    the first round of a new day."""
    return at_most_every("agenda_term_mail", "DEADLINE_MAIL_CHECK_SECONDS", send_term_mails)
