"""The event pages over HTTP: the board makes an event, people sign up, cancel and check in."""

import pytest
from sqlalchemy import select

from consult.accounts.models import User
from consult.events.models import Event, Registration
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login

#: The Participatielab of the seed: four parallel sessions, three prices.
PARTICIPATIELAB = {
    "title": "Participatielab: prestatieafspraken",
    "description": "Een gelijkwaardige rol voor huurdersorganisaties bij prestatieafspraken.",
    "day": "2027-05-15",
    "starts": "17:00",
    "ends": "20:00",
    "place": "Kasteel Rhijnauwen, Rhijnauwenselaan 14b, Bunnik",
    "programme": "17.00 Inloop\n17.15 Opening\n18.15 Themasessies\n20.00 Afsluiting",
    "sessions": "\n".join(
        f"1 | {title} | 20" for title in ("Duurzaamheid", "Financiën", "Werksessie", "Jaarcyclus")
    ),
    "prices": "Eén bestuurslid | 50\nTwee bestuursleden | 85\nDrie bestuursleden | 100",
    "retention_days": "90",
}


@pytest.fixture
def event(app, world):
    """Organisation A's event with two sessions of two; its id and public key."""
    with app.app_context():
        made = factories.event(db.session.get(Organisation, world.a.id))
        db.session.commit()
        return {
            "id": made.id,
            "key": made.public_key,
            "sessions": [s.id for s in made.sessions],
            "kind": made.prices[0].id,
        }


def _sign_up(client, event, email="ans@example.org", session=0, **extra):
    data = {
        "name": "Ans de Vries",
        "email": email,
        "affiliation": "Huurders Noord",
        "kind": event["kind"],
        "round_1": event["sessions"][session],
        "remarks": "Vegetarisch",
        **extra,
    }
    return client.post(f"/e/{event['key']}", data=data)


def test_the_board_makes_the_participatielab(app, client, world):
    """Can a board member make an event with four sessions and three prices?"""
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/evenementen/new", data=PARTICIPATIELAB)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Jaarcyclus" in page and "0 / 20" in page and "100,00" in page


def test_a_wrong_session_line_is_explained_and_nothing_stored(app, client, world):
    """Does a session line without a capacity get a clear message, with nothing stored?"""
    login(client, world.a.board)
    data = {**PARTICIPATIELAB, "sessions": "1 | Duurzaamheid"}
    response = client.post(f"/o/{world.a.slug}/evenementen/new", data=data)
    assert response.status_code == 200
    assert "Elke regel heeft 3 delen" in response.text
    with app.app_context():
        assert db.session.scalar(select(Event)) is None


def test_someone_signs_up_and_sees_their_place(app, client, event):
    """Does a person who signs up land on their own page, confirmed, with a mail queued?"""
    response = _sign_up(client, event)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "bevestigd" in page
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.kind == "event_confirmation")
        )
        assert message.recipient == "ans@example.org"


def test_the_third_waits_and_moves_up_when_someone_cancels(app, client, event):
    """Is the third person for a session of two on the waiting list until the first cancels
    through their link?"""
    first = _sign_up(client, event, "een@example.org").headers["Location"]
    _sign_up(client, event, "twee@example.org")
    third = _sign_up(client, event, "drie@example.org").headers["Location"]
    assert "wachtlijst" in client.get(third).text
    assert client.post(f"{first}/cancel").status_code == 302
    assert "afgemeld" in client.get(first).text
    assert "bevestigd" in client.get(third).text


def test_the_same_address_twice_gets_a_message(client, event):
    """Is a second sign-up with the same address refused with a clear message?"""
    _sign_up(client, event)
    response = _sign_up(client, event)
    assert response.status_code == 200
    assert "al aangemeld" in response.text


def test_a_missing_choice_is_shown_on_the_form(app, client, event):
    """Does a sign-up without a session choice come back with a message, nothing stored?"""
    response = _sign_up(client, event, round_1="")
    assert "Kies een sessie" in response.text
    with app.app_context():
        assert db.session.scalar(select(Registration)) is None


def test_the_calendar_file_has_the_event_in_utc(client, event):
    """Does the calendar link give an iCalendar file with the start in UTC?"""
    mine = _sign_up(client, event).headers["Location"]
    response = client.get(f"{mine}/event.ics")
    assert response.mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in response.text and "T090000Z" in response.text


def test_one_mailbox_cannot_be_flooded_through_the_sign_up(app, client, event):
    """Is the public sign-up limited per e-mail address like the other public forms?"""
    limit = int(app.config["MAIL_REQUEST_RATE_LIMIT"].split()[0])
    statuses = [_sign_up(client, event).status_code for _ in range(limit + 1)]
    assert statuses[-1] == 429


def test_the_board_sees_names_and_checks_people_in(app, client, world, event):
    """Does the board see the remarks in the list, check someone in and keep the payment?"""
    _sign_up(client, event)
    with app.app_context():
        person = db.session.scalar(select(Registration))
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/evenementen/{event['id']}"
    assert "Vegetarisch" in client.get(f"{base}/registrations").text
    assert client.post(f"{base}/check-in/{person.id}").status_code == 302
    assert "✓ Ans de Vries" in client.get(f"{base}/check-in").text
    client.post(f"{base}/payment/{person.id}", data={"payment": "invoiced", "reference": "F-17"})
    with app.app_context():
        assert db.session.get(Registration, person.id).payment == "invoiced"
    assert "Ans de Vries" in client.get(f"{base}/presence").text


def test_a_registration_of_another_organisation_is_out_of_reach(app, client, world, event):
    """Can a board member of B not check in A's participant through B's own event?"""
    _sign_up(client, event)
    with app.app_context():
        other = factories.event(db.session.get(Organisation, world.b.id))
        db.session.commit()
        other_id, person_id = other.id, db.session.scalar(select(Registration.id))
    login(client, world.b.board)
    response = client.post(f"/o/{world.b.slug}/evenementen/{other_id}/check-in/{person_id}")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Registration, person_id).checked_in_at is None


def test_the_event_is_in_the_participatiekalender_and_the_feed(app, client, world, event):
    """Does the event show in its month of the participatiekalender and in the board's
    calendar feed?"""
    from consult.dossiers.calendar.subscriptions import new_link

    with app.app_context():
        made = db.session.get(Event, event["id"])
        year = made.starts_at.year
        board = db.session.scalar(select(User).where(User.email == world.a.board))
        token = new_link(board, made.organisation)
        db.session.commit()
    login(client, world.a.board)
    assert (
        "Participatielab"
        in client.get(f"/o/{world.a.slug}/participatiekalender/{year}/calendar").text
    )
    feed = client.get(f"/calendar/{token}.ics").text
    assert f"UID:event-{event['id']}@" in feed


def test_the_board_changes_the_place_and_the_sessions_stay(app, client, world, event):
    """Can the board move the event to another address, keeping its sessions?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/evenementen/{event['id']}/edit"
    form = client.get(url).text
    assert "Buurthuis De Kern" in form and 'name="sessions"' not in form
    data = {**PARTICIPATIELAB, "place": "Wijkcentrum Het Anker, Arnhem"}
    response = client.post(url, data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Het Anker" in page and "Wonen en zorg" in page
