"""Signing up, cancelling and the waiting list: capacity kept by the database.

A seat is taken by one guarded ``UPDATE event_sessions SET taken = taken + 1 WHERE taken <
capacity``: on PostgreSQL concurrent sign-ups for the last seat queue on the row lock and all
but one find the session full, so exactly ``capacity`` people get in, the rest wait. A
cancellation gives its seat back and fills it from the waiting list in the same transaction,
first come first served; a cancellation is spent once (``WHERE cancelled_at IS NULL``), so a
double click never frees two seats. ``fill_free_seats`` closes the one gap left: a seat freed
while someone was joining the waiting list at that very moment.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.events.models import (
    Event,
    EventSession,
    Placement,
    PlacementStatus,
    Registration,
    local_now,
)
from consult.extensions import db
from consult.mail import outbox


class SignUpRefused(DomainError):
    """The sign-up cannot be taken; the message says why, in the user's language."""


def registration_token(registration: Registration) -> str:
    return derive_token("event-registration", registration.token_salt)


def find_registration(token: str) -> Registration | None:
    """The registration of a personal link, or None (unknown, or erased with its event)."""
    return db.session.scalar(
        select(Registration).where(Registration.token_hash == hash_token(token))
    )


def sign_up(event: Event, details: dict, choices: dict[int, EventSession], member=None):
    """Register a person and place them in the session they chose in every round.

    :param details: name, email, affiliation, kind (a ParticipantKind or None), remarks, locale.
    :param choices: round number -> the session chosen in it; every round needs one.
    :raises SignUpRefused: when this address is already signed up, or a choice is not valid.
    """
    if sorted(choices) != [sessions[0].round for sessions in event.rounds] or any(
        session.event_id != event.id or session.round != number
        for number, session in choices.items()
    ):
        raise SignUpRefused(_("Please choose one session in every round."))
    salt = new_salt()
    registration = Registration(
        event=event,
        organisation_id=event.organisation_id,
        member_id=member.id if member else None,
        name=details["name"],
        email=details["email"].strip().lower(),
        affiliation=details.get("affiliation") or "",
        kind=details.get("kind"),
        remarks=details.get("remarks") or "",
        locale=details.get("locale", "nl"),
        token_salt=salt,
        token_hash=hash_token(derive_token("event-registration", salt)),
    )
    try:
        with db.session.begin_nested():
            db.session.add(registration)
    except IntegrityError:
        raise SignUpRefused(
            _("This e-mail address is already signed up. Use the link in your confirmation.")
        ) from None
    for number, session in sorted(choices.items()):
        status = PlacementStatus.CONFIRMED if _take_seat(session) else PlacementStatus.WAITING
        db.session.add(
            Placement(
                registration=registration,
                session_id=session.id,
                round=number,
                status=status,
                organisation_id=event.organisation_id,
            )
        )
    db.session.flush()
    _mail(registration, "event_confirmation", f"event-confirmation:{registration.id}")
    current_app.logger.info("%s added to %s", registration, event)
    return registration


def _take_seat(session: EventSession) -> bool:
    taken = db.session.execute(
        update(EventSession)
        .where(EventSession.id == session.id, EventSession.taken < EventSession.capacity)
        .values(taken=EventSession.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount)


def cancel(registration: Registration) -> bool:
    """Cancel the registration and give its seats to the first on each waiting list.

    :returns: False when it was cancelled before (nothing changes a second time).
    """
    spent = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.cancelled_at.is_(None))
        .values(cancelled_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if not spent.rowcount:
        return False
    # Locked and read afresh: a waiting place moved up a moment ago is given back as a seat.
    held = db.session.scalars(
        select(Placement)
        .where(
            Placement.registration_id == registration.id,
            Placement.status != PlacementStatus.CANCELLED,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    for placement in held:
        had_seat = placement.status == PlacementStatus.CONFIRMED
        placement.status = PlacementStatus.CANCELLED
        if had_seat:
            db.session.execute(
                update(EventSession)
                .where(EventSession.id == placement.session_id)
                .values(taken=EventSession.taken - 1)
            )
            fill(placement.session)
    db.session.expire(registration)
    current_app.logger.info("%s cancelled", registration)
    return True


def fill(session: EventSession) -> int:
    """Move people up from the session's waiting list while it has free seats.

    :returns: how many moved up (each gets a mail).
    """
    moved = 0
    while True:
        first = db.session.scalar(
            select(Placement)
            .where(
                Placement.session_id == session.id,
                Placement.status == PlacementStatus.WAITING,
            )
            .order_by(Placement.created_at, Placement.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if first is None or not _take_seat(session):
            return moved
        db.session.execute(
            update(Placement)
            .where(Placement.id == first.id)
            .values(status=PlacementStatus.CONFIRMED)
            .execution_options(synchronize_session=False)
        )
        db.session.expire(first)
        _mail(first.registration, "event_moved_up", f"event-moved-up:{first.id}")
        moved += 1


def fill_free_seats() -> int:
    """The periodic job: fill free seats of upcoming events from their waiting lists."""
    sessions = db.session.scalars(
        select(EventSession)
        .join(Event)
        .where(Event.ends_at > local_now(), EventSession.taken < EventSession.capacity)
        .where(
            select(Placement.id)
            .where(
                Placement.session_id == EventSession.id,
                Placement.status == PlacementStatus.WAITING,
            )
            .exists()
        )
    ).all()
    moved = sum(fill(session) for session in sessions)
    db.session.commit()
    return moved


def _mail(registration: Registration, kind: str, key: str) -> None:
    outbox.queue_once(
        kind,
        registration.email,
        key,
        organisation=registration.event.organisation,
        locale=registration.locale,
        registration_id=registration.id,
    )
