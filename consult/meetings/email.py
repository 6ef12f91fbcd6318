"""The final agenda with links to its papers, to every participant on the day it is fixed;
the agenda terms to the board."""

from datetime import date

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


@kinds.renderer("meeting_agenda", label=_l("Final agenda of a meeting"))
def render_agenda(message):
    """The agenda: when, where, each item with its papers, and the link to the meeting."""
    meeting = db.session.get(Meeting, message.context["meeting_id"])
    user = db.session.get(User, message.context["user_id"])
    subject = _l("Agenda: %(title)s") % {"title": meeting.title}
    return subject, {
        "meeting": meeting,
        "organisation": meeting.organisation,
        "name": user.name if user else None,
        "link": _meeting_link(meeting, user),
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
