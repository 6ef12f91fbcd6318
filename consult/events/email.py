"""The mails of a registration: confirmed (or waiting), moved up, the reminder, and a change
or cancellation of the event; each carries the personal link to cancel and to add the event to
a calendar, a change and a cancellation also the calendar file itself."""

from flask_babel import lazy_gettext as _l

from consult.core.clock import utcnow
from consult.events.ics import registration_ics
from consult.events.models import PLACEMENT_LABELS, EventInvitation, Registration
from consult.events.panel import invitation_token
from consult.events.places import registration_token
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url

kinds = MailKinds()

SUBJECTS = {
    "event_confirmation": _l("You are signed up: %(title)s"),
    "event_moved_up": _l("A place came free for you: %(title)s"),
    "event_reminder": _l("See you soon: %(title)s"),
    "event_invitation": _l("You are invited: %(title)s"),
    "event_changed": _l("Changed: %(title)s"),
    "event_cancelled": _l("Cancelled: %(title)s"),
}

#: What a change mail names, per fact of ``consult.events.changes.when_and_where``.
FACT_LABELS = {"when": _l("Date and time"), "where": _l("Place"), "online": _l("Online link")}


def _context(message) -> tuple[str, dict]:
    registration = db.session.get(Registration, message.context["registration_id"])
    event = registration.event
    token = registration_token(registration)
    context = {
        "name": registration.name,
        "event": event,
        "organisation": event.organisation,
        "placements": registration.placements,
        "placement_labels": PLACEMENT_LABELS,
        "link": external_url("event_signup.mine", token=token),
        "calendar_url": external_url("event_signup.ics", token=token),
    }
    return str(SUBJECTS[message.kind] % {"title": event.title}), context


kinds.renderer("event_confirmation", label=_l("Event sign-up confirmed"))(_context)
kinds.renderer("event_moved_up", label=_l("Moved up from an event's waiting list"))(_context)
kinds.renderer("event_reminder", label=_l("Reminder of an event"))(_context)


def _change_context(message) -> tuple[str, dict]:
    subject, context = _context(message)
    registration = db.session.get(Registration, message.context["registration_id"])
    ics = registration_ics(registration, stamp=utcnow(), url=context["link"])
    context["was"] = [
        (FACT_LABELS[fact], old) for fact, old in message.context.get("was", {}).items()
    ]
    context["attachments"] = (("event.ics", "text/calendar", ics.encode()),)
    return subject, context


kinds.renderer("event_changed", label=_l("Change of an event"))(_change_context)
kinds.renderer("event_cancelled", label=_l("Cancellation of an event"))(_change_context)


@kinds.renderer("event_invitation", label=_l("Invitation of a panel member to an event"))
def render_invitation(message):
    """The panel member's one-time link to sign up."""
    invitation = db.session.get(EventInvitation, message.context["invitation_id"])
    event = invitation.event
    context = {
        "name": invitation.member.name or "",
        "event": event,
        "organisation": event.organisation,
        "link": external_url("event_signup.invited", token=invitation_token(invitation)),
        "unsubscribe_url": unsubscribe_url(invitation.member),
    }
    return str(SUBJECTS[message.kind] % {"title": event.title}), context
