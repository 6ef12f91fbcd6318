"""Signing up for sessions: capacity, the waiting list, cancelling, mail and erasure."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.core.clock import utcnow
from consult.events import places, services
from consult.events.models import Event, Placement, PlacementStatus, Registration
from consult.extensions import db
from consult.mail.models import OutboxMessage
from tests import factories


@pytest.fixture
def event(ctx):
    return factories.event(factories.organisation("Atrivé huurders"))


def _statuses(registration):
    db.session.expire(registration)
    return [placement.status for placement in registration.placements]


def test_the_first_get_a_seat_and_the_rest_wait(event):
    """Do the first two get in a session of two, and does the third wait?"""
    people = [factories.sign_up(event) for _ in range(3)]
    assert [_statuses(p) for p in people] == [["confirmed"], ["confirmed"], ["waiting"]]
    db.session.refresh(event.sessions[0])
    assert event.sessions[0].taken == 2


def test_cancelling_moves_the_first_waiting_up_with_a_mail(event):
    """When a confirmed person cancels, does the first on the waiting list get the seat?"""
    first, _, waiting, later = (factories.sign_up(event) for _ in range(4))
    assert places.cancel(first)
    assert _statuses(waiting) == ["confirmed"]
    assert _statuses(later) == ["waiting"]
    kinds = db.session.scalars(
        select(OutboxMessage.kind).where(OutboxMessage.recipient == waiting.email)
    ).all()
    assert sorted(kinds) == ["event_confirmation", "event_moved_up"]


def test_cancelling_twice_frees_one_seat(event):
    """Does a second cancel of the same registration change nothing?"""
    first = factories.sign_up(event)
    factories.sign_up(event)
    assert places.cancel(first)
    assert not places.cancel(first)
    db.session.refresh(event.sessions[0])
    assert event.sessions[0].taken == 1


def test_one_choice_per_round_is_needed(event):
    """Is a sign-up without a session refused with a message?"""
    with pytest.raises(places.SignUpRefused):
        places.sign_up(event, {"name": "Ans", "email": "ans@example.org"}, {})


def test_an_address_signs_up_once(event):
    """Is a second sign-up with the same e-mail address refused?"""
    factories.sign_up(event, email="ans@example.org")
    with pytest.raises(places.SignUpRefused):
        factories.sign_up(event, email="ANS@example.org")


def test_rounds_are_placed_each_on_their_own(ctx):
    """With two rounds, can someone be confirmed in one and wait in the other?"""
    org = factories.organisation("Huurders Rondes")
    event = factories.event(
        org, sessions=((1, "Ochtend", 1), (2, "Middag A", 5), (2, "Middag B", 1))
    )
    morning, afternoon_a, afternoon_b = event.sessions
    factories.sign_up(event, choices={1: morning, 2: afternoon_b})
    second = factories.sign_up(event, choices={1: morning, 2: afternoon_a})
    assert _statuses(second) == ["waiting", "confirmed"]


def test_a_free_seat_is_filled_by_the_periodic_job(event):
    """Does a seat freed without anyone moving up reach the first waiting person?"""
    people = [factories.sign_up(event) for _ in range(3)]
    event.sessions[0].taken = 1  # as after a cancel that raced a sign-up
    db.session.commit()
    assert places.fill_free_seats() == 1
    assert _statuses(people[2]) == ["confirmed"]


def test_reminders_go_once_to_those_still_coming(ctx):
    """Does everyone not cancelled get one reminder two days before, and only one?"""
    event = factories.event(factories.organisation("Huurders Herinnering"), starts_in_days=1)
    factories.sign_up(event)
    cancelled = factories.sign_up(event)
    places.cancel(cancelled)
    db.session.commit()
    assert services.queue_reminders() == 1
    assert services.queue_reminders() == 0


def test_the_names_are_erased_after_the_retention_period(event):
    """Are the registrations gone once the event ended longer ago than the retention period,
    while the event and its counts stay?"""
    factories.sign_up(event)
    event.starts_at = utcnow() - timedelta(days=100)
    event.ends_at = event.starts_at + timedelta(hours=6)
    db.session.commit()
    assert services.erase_past_events() == 1
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 0
    assert db.session.scalar(select(func.count()).select_from(Placement)) == 0
    assert db.session.get(Event, event.id).erased_at is not None


def test_check_in_counts_once(event):
    """Does a second tap on the same person at the door change nothing?"""
    person = factories.sign_up(event)
    assert services.check_in(person)
    assert not services.check_in(person)


@pytest.mark.postgres(reason="row locks")
def test_concurrent_sign_ups_fill_exactly_the_capacity(app):
    """When twelve people sign up for a session of five at the same moment, do exactly five
    get in and seven wait, none lost?"""
    with app.app_context():
        event = factories.event(factories.organisation("Huurders Druk"), sessions=((1, "Lab", 5),))
        event_id = event.id
        db.session.commit()
    barrier = threading.Barrier(12)

    def sign_up(number):
        with app.app_context():
            event = db.session.get(Event, event_id)
            barrier.wait(10)
            factories.sign_up(event, email=f"p{number}@example.org")
            db.session.commit()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with app.app_context():
        counts = dict(
            db.session.execute(
                select(Placement.status, func.count()).group_by(Placement.status)
            ).all()
        )
        assert counts == {PlacementStatus.CONFIRMED: 5, PlacementStatus.WAITING: 7}
        assert db.session.get(Event, event_id).sessions[0].taken == 5


def test_the_confirmation_mail_carries_the_links_and_the_place(event):
    """Does the confirmation name the session, the personal link and the calendar link?"""
    from consult.mail.rendering import render

    registration = factories.sign_up(event, name="Ans")
    db.session.flush()
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.kind == "event_confirmation")
    )
    mail = render(message)
    token = places.registration_token(registration)
    assert f"/e/r/{token}" in mail.text and f"/e/r/{token}/event.ics" in mail.text
    assert "Wonen en zorg: bevestigd" in mail.text
    assert mail.subject == "U bent aangemeld: Participatielab"


def test_who_only_waits_is_not_on_the_presence_list(event):
    """Is someone only on the waiting list left off the list at the door?"""
    people = [factories.sign_up(event, name=name) for name in ("Ans", "Bert", "Cor")]
    assert services.attendees_of(event) == people[:2]


@pytest.mark.postgres(reason="row locks")
def test_two_cancels_at_once_move_one_person_up(app):
    """When a person cancels in two tabs at the same moment, does exactly one waiting person
    move up and the session stay within its capacity?"""
    with app.app_context():
        event = factories.event(
            factories.organisation("Huurders Dubbel"), sessions=((1, "Lab", 1),)
        )
        first, *waiting = (factories.sign_up(event) for _ in range(3))
        ids = [first.id, *(person.id for person in waiting)]
        db.session.commit()
    barrier = threading.Barrier(2)

    def cancel():
        with app.app_context():
            registration = db.session.get(Registration, ids[0])
            barrier.wait(10)
            places.cancel(registration)
            db.session.commit()

    threads = [threading.Thread(target=cancel) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with app.app_context():
        statuses = [_statuses(db.session.get(Registration, i)) for i in ids]
        assert statuses == [["cancelled"], ["confirmed"], ["waiting"]]
