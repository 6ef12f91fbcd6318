"""The organiser's side of events: making one, the lists per session, check-in, payments,
the reminder before and the erasure after."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.events import changes
from consult.events.models import (
    Event,
    EventInvitation,
    EventSession,
    ParticipantKind,
    Payment,
    Placement,
    PlacementStatus,
    Registration,
    local_now,
)
from consult.extensions import db
from consult.mail import outbox

#: Reminders go out this long before the start.
REMINDER_BEFORE = timedelta(days=2)

audit.ACTION_LABELS.update(
    {
        "event.created": _l("created an event"),
        "event.changed": _l("changed an event"),
        "event.erased": _l("erased the registrations of a past event"),
    }
)


def create_event(organisation, details: dict, sessions: list, prices: list, actor=None) -> Event:
    """Make an event with its sessions and its prices.

    :param sessions: (round, title, capacity) per session.
    :param prices: (label, price in cents) per kind of participant.
    """
    owner = {"organisation_id": organisation.id}
    event = Event(**owner, **details)
    event.sessions = [
        EventSession(**owner, round=number, title=title, capacity=capacity)
        for number, title, capacity in sessions
    ]
    event.prices = [
        ParticipantKind(**owner, label=label, price_cents=cents) for label, cents in prices
    ]
    db.session.add(event)
    db.session.flush()
    audit.record(organisation, "event.created", subject=event.title, actor=actor)
    current_app.logger.info("%s added by %s", event, actor)
    return event


def update_event(event: Event, details: dict, actor=None) -> None:
    """Change the title, times, place, programme or retention of an event; a change of the
    date, times, place or online link is mailed to everyone signed up."""
    before = changes.when_and_where(event)
    for name, value in details.items():
        setattr(event, name, value)
    changes.mail_changes(event, before)
    audit.record(event.organisation, "event.changed", subject=event.title, actor=actor)


def events_of(organisation) -> list[Event]:
    return db.session.scalars(
        select(Event).where(Event.organisation_id == organisation.id).order_by(Event.starts_at)
    ).all()


def events_between(organisation, first, last) -> list[Event]:
    """The organisation's events starting on a day from ``first`` to ``last``."""
    return db.session.scalars(
        select(Event)
        .where(
            Event.organisation_id == organisation.id,
            Event.starts_at >= first,
            Event.starts_at < last + timedelta(days=1),
            Event.cancelled_at.is_(None),
        )
        .order_by(Event.starts_at)
    ).all()


def waiting_counts(event: Event) -> dict[int, int]:
    """Session id -> how many wait for it."""
    rows = db.session.execute(
        select(Placement.session_id, func.count())
        .join(EventSession)
        .where(EventSession.event_id == event.id, Placement.status == PlacementStatus.WAITING)
        .group_by(Placement.session_id)
    )
    return dict(rows.all())


def placements_of(session: EventSession) -> list[Placement]:
    """The session's confirmed and waiting people, confirmed first, then in order of arrival."""
    return db.session.scalars(
        select(Placement)
        .join(Registration)
        .where(
            Placement.session_id == session.id,
            Placement.status != PlacementStatus.CANCELLED,
        )
        .order_by(Placement.status, Placement.created_at, Placement.id)
    ).all()


def attendees_of(event: Event) -> list[Registration]:
    """Everyone with a confirmed place, by name: the presence list and the check-in (who only
    waits is not expected at the door)."""
    confirmed = (
        select(Placement.id)
        .where(
            Placement.registration_id == Registration.id,
            Placement.status == PlacementStatus.CONFIRMED,
        )
        .exists()
    )
    return db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.cancelled_at.is_(None), confirmed)
        .order_by(func.lower(Registration.name), Registration.id)
    ).all()


def check_in(registration: Registration) -> bool:
    """Mark the person present at the door; False when they were already checked in."""
    done = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.checked_in_at.is_(None))
        .values(checked_in_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.expire(registration)
    return bool(done.rowcount)


def set_payment(registration: Registration, payment: Payment, reference: str | None) -> None:
    """Keep what the organiser knows of the payment (no payment provider yet)."""
    registration.payment = payment
    registration.payment_reference = reference or None


def queue_reminders() -> int:
    """The periodic job: one reminder per registration of an event starting soon."""
    now = local_now()
    registrations = db.session.scalars(
        select(Registration)
        .join(Event)
        .where(
            Event.starts_at > now,
            Event.starts_at <= now + REMINDER_BEFORE,
            Event.cancelled_at.is_(None),
            Registration.cancelled_at.is_(None),
        )
    ).all()
    queued = sum(
        outbox.queue_once(
            "event_reminder",
            registration.email,
            f"event-reminder:{registration.id}",
            organisation=registration.event.organisation,
            locale=registration.locale,
            registration_id=registration.id,
        )
        for registration in registrations
    )
    db.session.commit()
    return queued


def erase_past_events() -> int:
    """The periodic job: erase the named lists of events whose retention period ran out.

    The event and its sessions stay (with their counts); the people are gone.
    """
    now = local_now()
    ended = db.session.scalars(
        select(Event).where(Event.erased_at.is_(None), Event.ends_at < now)
    ).all()
    due = [event for event in ended if event.ends_at + timedelta(days=event.retention_days) < now]
    for event in due:
        # Placements first: SQLite may run without foreign-key cascades.
        people = select(Registration.id).where(Registration.event_id == event.id)
        db.session.execute(delete(Placement).where(Placement.registration_id.in_(people)))
        db.session.execute(delete(Registration).where(Registration.event_id == event.id))
        db.session.execute(delete(EventInvitation).where(EventInvitation.event_id == event.id))
        event.erased_at = utcnow()
        audit.record(event.organisation, "event.erased", subject=event.title)
    db.session.commit()
    return len(due)
