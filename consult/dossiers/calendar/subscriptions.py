"""Personal calendar links: a board member's or viewer's secret feed of the dossier deadlines.

The token in the link is shown once, when it is made; only its SHA-256 is stored. A link
belongs to one user and one organisation and works only while that user still has a role
there: calendar apps cannot sign in, so the token is the only check.
"""

import secrets
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError

from consult.agreements.models import RIGHT_LABELS
from consult.audit import services as audit
from consult.core.clock import today, utcnow
from consult.core.policy import PERMISSIONS, Action
from consult.core.tokens import hash_token
from consult.dossiers.calendar import services as calendar
from consult.dossiers.deadlines.services import Deadline, deadlines_of
from consult.dossiers.models import FINISHED_PHASES, CalendarSubscription, Dossier
from consult.events.ics import feed_entries as event_feed_entries
from consult.extensions import db
from consult.mail.outbox import external_url
from consult.meetings.calendar import meeting_events
from consult.organisations.models import Membership
from consult.planning.services import dated_entries, items_of

PRODID = "-//Consult//Dossier deadlines//NL"

audit.ACTION_LABELS.update(
    {
        "calendar.link_made": _l("made a personal calendar link"),
        "calendar.link_stopped": _l("stopped their personal calendar link"),
    }
)


def _mine(user, organisation):
    return (
        CalendarSubscription.user_id == user.id,
        CalendarSubscription.organisation_id == organisation.id,
    )


def subscription_of(user, organisation) -> CalendarSubscription | None:
    return db.session.scalar(select(CalendarSubscription).where(*_mine(user, organisation)))


def new_link(user, organisation) -> str:
    """Make the user's calendar link, or replace it (the old link stops at once).

    :returns: the token, to be shown this once.
    """
    token = secrets.token_urlsafe(32)
    values = {"token_hash": hash_token(token), "created_at": utcnow()}
    replace = update(CalendarSubscription).where(*_mine(user, organisation)).values(**values)
    if not db.session.execute(replace).rowcount:
        try:
            with db.session.begin_nested():
                db.session.add(
                    CalendarSubscription(user_id=user.id, organisation_id=organisation.id, **values)
                )
        except IntegrityError:  # made at the same moment in another tab: take that row over
            db.session.execute(replace)
    audit.record(organisation, "calendar.link_made", actor=user)
    current_app.logger.info("Calendar link of %s in %s made", user, organisation)
    return token


def stop_link(user, organisation) -> bool:
    """Revoke the user's calendar link; whether there was one."""
    stopped = db.session.execute(delete(CalendarSubscription).where(*_mine(user, organisation)))
    if stopped.rowcount:
        audit.record(organisation, "calendar.link_stopped", actor=user)
    return bool(stopped.rowcount)


#: The roles that may read the dossiers, and so keep a calendar link.
READERS = [str(role) for role, actions in PERMISSIONS.items() if Action.VIEW in actions]


def find(token: str) -> CalendarSubscription | None:
    """The subscription of ``token`` while its user may read the organisation's dossiers
    (a landlord account may not: it sees only what is shared with it).

    Unknown, revoked and orphaned links take the same path: one lookup by hash.
    """
    return db.session.scalar(
        select(CalendarSubscription)
        .join(
            Membership,
            and_(
                Membership.user_id == CalendarSubscription.user_id,
                Membership.organisation_id == CalendarSubscription.organisation_id,
            ),
        )
        .where(
            CalendarSubscription.token_hash == hash_token(token),
            Membership.role.in_(READERS),
        )
    )


def _host() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def _plan_event(entry, organisation, host: str) -> calendar.AllDayEvent:
    """An item of the participatiekalender, on the first day of its month (or quarter)."""
    notes = [str(RIGHT_LABELS[entry.right])]
    if entry.quarter_only:
        notes.append(_("Planned in this quarter; the month is not known yet."))
    if entry.note:
        notes.append(entry.note)
    link = external_url("planning.index", org=organisation.slug)
    return calendar.AllDayEvent(
        uid=f"plan-{entry.item_id}@{host}",
        day=entry.on,
        summary=_("Participatiekalender: %(title)s", title=entry.title),
        description="\n".join([*notes, link]),
        url=link,
    )


def _event(dossier: Dossier, deadline: Deadline, host: str) -> calendar.AllDayEvent:
    link = external_url("dossiers.show", org=dossier.organisation.slug, dossier_id=dossier.id)
    notes = [_("Phase: %(phase)s", phase=dossier.phase_label)]
    if deadline.moved_from:
        when = format_date(deadline.moved_from, "long")
        notes.append(_("moved from %(date)s: weekend or public holiday", date=when))
    return calendar.AllDayEvent(
        uid=f"dossier-{dossier.id}-{deadline.kind}@{host}",
        day=deadline.due_on,
        summary=f"{dossier.code} {deadline.label}: {dossier.title}",
        description="\n".join([*notes, link]),
        url=link,
    )


def feed(subscription: CalendarSubscription) -> str:
    """The iCalendar text: every deadline of the organisation's dossiers still in progress,
    in the language of the link's owner."""
    organisation = subscription.organisation
    dossiers = db.session.scalars(
        select(Dossier)
        .where(
            Dossier.organisation_id == organisation.id,
            Dossier.phase.not_in([str(phase) for phase in FINISHED_PHASES]),
        )
        .order_by(Dossier.code)
    ).all()
    host = _host()
    this_year = today().year
    plan = dated_entries(
        [item for year in (this_year, this_year + 1) for item in items_of(organisation, year)]
    )
    with force_locale(subscription.user.locale):
        events = [_event(d, deadline, host) for d in dossiers for deadline in deadlines_of(d)]
        events += [_plan_event(entry, organisation, host) for entry in plan]
        events += meeting_events(organisation, host)
        events += event_feed_entries(organisation, host)
        name = _("Deadlines of %(organisation)s", organisation=organisation.name)
    return calendar.calendar(name, events, utcnow(), PRODID)
