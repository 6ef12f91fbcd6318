"""The final agenda with links to its papers, to every participant on the day it is fixed."""

from flask_babel import lazy_gettext as _l

from consult.accounts.models import User
from consult.core.policy import Role
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.meetings.models import Meeting
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
