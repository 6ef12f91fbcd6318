"""The final agenda with its papers (attached within MEETING_PAPERS_MAIL_MAX_BYTES, else
linked), to every participant on the day it is fixed; the agenda terms to the board."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.accounts.models import User
from consult.core.policy import Role
from consult.core.templating import long_date
from consult.dossiers.deadlines.email import SUBJECTS
from consult.dossiers.deadlines.notices import Stage
from consult.dossiers.deadlines.services import Deadline
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.meetings.models.meetings import Meeting, Registration
from consult.meetings.papers import path_of
from consult.meetings.signup import link_token
from consult.membership.services import unsubscribe_url
from consult.organisations.access import role_in

kinds = MailKinds()


def _meeting_link(meeting: Meeting, user) -> str:
    """The landlord's accounts have their own pages; everyone else the board's."""
    slug = meeting.organisation.slug
    if user is not None and role_in(user, meeting.organisation) == Role.LANDLORD:
        return external_url("landlord_meetings.show", org=slug, meeting_id=meeting.id)
    return external_url("meetings.show", org=slug, meeting_id=meeting.id)


def paper_attachments(meeting: Meeting) -> tuple[tuple[str, str, bytes], ...]:
    """The meeting's papers as (filename, content type, bytes), in agenda order; none when
    together they are larger than MEETING_PAPERS_MAIL_MAX_BYTES or a file cannot be read (the
    mail then links to the meeting's page only)."""
    found = [paper for item in meeting.items for paper in item.papers]
    if sum(paper.size for paper in found) > current_app.config["MEETING_PAPERS_MAIL_MAX_BYTES"]:
        return ()
    try:
        return tuple((p.filename, p.content_type, path_of(p).read_bytes()) for p in found)
    except OSError:
        current_app.logger.exception("Papers of %s not attached", meeting)
        return ()


@kinds.renderer("meeting_agenda", label=_l("Final agenda of a meeting"))
def render_agenda(message):
    """The agenda: when, where, each item with its papers (attached when they fit), and the
    link to the meeting."""
    meeting = db.session.get(Meeting, message.context["meeting_id"])
    user = db.session.get(User, message.context["user_id"])
    subject = _l("Agenda: %(title)s") % {"title": meeting.title}
    return subject, {
        "meeting": meeting,
        "organisation": meeting.organisation,
        "name": user.name if user else None,
        "link": _meeting_link(meeting, user),
        "attachments": paper_attachments(meeting),
    }


@kinds.renderer("agenda_term", label=_l("Agenda term of a meeting"))
def render_term(message):
    """An agenda term to the board, in the words of the dossier deadline mails."""
    context = message.context
    meeting = db.session.get(Meeting, context["meeting_id"])
    user = db.session.get(User, context["user_id"])
    term = Deadline(context["term"], date.fromisoformat(context["due_on"]))
    stage = Stage(context["stage"])
    when = {"deadline": term.label, "date": long_date(term.due_on), "code": meeting.title}
    return SUBJECTS[stage] % when, {
        "meeting": meeting,
        "term": term,
        "stage": stage,
        "name": user.name if user else None,
        "organisation": meeting.organisation,
        "link": _meeting_link(meeting, user),
    }


@kinds.renderer(
    "meeting_signup", label=_l("Members' meeting"), personal=("name", "link", "unsubscribe_url")
)
def render_signup(message):
    """A panel member asked to the members' meeting, with their personal link to answer."""
    registration = db.session.get(Registration, message.context["registration_id"])
    meeting, member = registration.meeting, registration.member
    subject = _l("Invitation: %(title)s") % {"title": meeting.title}
    return subject, {
        "meeting": meeting,
        "organisation": meeting.organisation,
        "name": (member.name if member else None) or _("tenant"),
        "link": external_url("meeting_signup.answer", token=link_token(registration)),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
