"""Changes to an event reach everyone signed up: a new time or place, or a cancellation."""

import re
from datetime import timedelta
from email.header import decode_header, make_header

import pytest

from consult.core.errors import DomainError
from consult.events import changes, places, services
from consult.extensions import db
from consult.mail import delivery
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def _parts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def _one_seat_event():
    org = factories.organisation("Atrivé huurders")
    event = factories.event(org, sessions=((1, "Wonen en zorg", 1),))
    factories.sign_up(event, email="ans@example.org", name="Ans")
    factories.sign_up(event, email="bert@example.org", name="Bert")  # waits
    gone = factories.sign_up(event, email="cor@example.org", name="Cor")
    places.cancel(gone)
    return event


def test_a_new_time_and_place_is_mailed_with_a_fresh_calendar_file(mailing_app, smtp_server):
    """When the organiser moves the event, do the confirmed and the waiting both get a mail
    naming what changed, with a calendar file of the new time, and not who cancelled?"""
    with mailing_app.app_context():
        event = _one_seat_event()
        later = event.starts_at + timedelta(days=7)
        services.update_event(
            event,
            {"starts_at": later, "ends_at": later + timedelta(hours=5), "place": "Het Dorpshuis"},
        )
        db.session.commit()
        assert delivery.deliver_all() == 2 + 3  # two changes, three confirmations before
        new_day = later.strftime("%Y%m%d")
    mails = [m for m in smtp_server.messages() if _subject(m).startswith("Gewijzigd")]
    assert sorted(m["To"] for m in mails) == ["ans@example.org", "bert@example.org"]
    parts = _parts(mails[0])
    assert "Het Dorpshuis" in parts["text/plain"]
    assert "Plaats (was: Buurthuis De Kern, Arnhem)" in parts["text/plain"]
    assert "Datum en tijd (was:" in parts["text/plain"]
    ics = parts["text/calendar"]
    assert "METHOD:PUBLISH" in ics and "SEQUENCE:1" in ics and f"DTSTART:{new_day}T" in ics


def test_a_change_of_the_programme_only_sends_nothing(ctx):
    """Does changing only the description or programme leave the inboxes alone?"""
    event = _one_seat_event()
    assert changes.mail_changes(event, changes.when_and_where(event)) == 0
    before = changes.when_and_where(event)
    event.programme = "10:00 Welkom"
    assert changes.mail_changes(event, before) == 0
    assert event.sequence == 0


def test_a_cancellation_takes_the_event_out_of_the_calendars(mailing_app, smtp_server):
    """When the organiser cancels, does everyone signed up get a mail with a calendar file
    that cancels it, and is the public sign-up page gone?"""
    with mailing_app.app_context():
        event = _one_seat_event()
        key = event.public_key
        assert changes.cancel_event(event) == 2
        db.session.commit()
        delivery.deliver_all()
    mails = [m for m in smtp_server.messages() if _subject(m).startswith("Afgelast")]
    assert sorted(m["To"] for m in mails) == ["ans@example.org", "bert@example.org"]
    ics = _parts(mails[0])["text/calendar"]
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    visitor = mailing_app.test_client()
    assert visitor.get(f"/e/{key}").status_code == 404
    link = re.search(r"/e/r/[\w-]+", _parts(mails[0])["text/plain"]).group(0)
    assert "De organisator heeft dit evenement afgelast." in visitor.get(link).text


def test_an_event_is_cancelled_once(ctx):
    """Does a second cancel say so, without mailing anyone again?"""
    event = _one_seat_event()
    changes.cancel_event(event)
    with pytest.raises(DomainError):
        changes.cancel_event(event)


def test_the_board_cancels_on_the_event_page(app, client, world):
    """Can the board cancel an event from its page, and does the page say it is cancelled?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        event = factories.event(org)
        factories.sign_up(event)
        event_id = event.id
        db.session.commit()
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/evenementen/{event_id}"
    response = client.post(f"{base}/cancel", follow_redirects=True)
    assert "1 persoon gemaild" in response.text
    assert "is afgelast op" in response.text
