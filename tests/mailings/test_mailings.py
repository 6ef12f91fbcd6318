"""The board writes a mailing to the whole panel or to segments; it goes through the outbox
with the unsubscribe headers, never to members who left, paused or have no e-mail."""

from datetime import timedelta
from email.header import decode_header, make_header

from sqlalchemy import select

from consult.core import clock
from consult.extensions import db
from consult.mail import delivery
from consult.mailings import services as mailings
from consult.mailings.models import Mailing
from consult.membership import services as membership
from consult.organisations.models import Organisation
from consult.panel import services as panel
from tests import factories
from tests.conftest import login


def _panel(org):
    """Noord: Ans, Bert (left), Cees (paused), Dirk (post only); Zuid: Eva."""
    wijk, _leeftijd = factories.dimensions(org)
    noord, zuid = wijk.values
    people = {
        name: factories.member(org, f"{name.lower()}@example.org", [value], name)
        for name, value in (
            ("Ans", noord),
            ("Bert", noord),
            ("Cees", noord),
            ("Dirk", noord),
            ("Eva", zuid),
        )
    }
    membership.leave(people["Bert"])
    membership.pause(people["Cees"], clock.today() + timedelta(days=60))
    people["Dirk"].email = None
    panel.set_post_details(people["Dirk"], "Dorpsstraat 1\n1234 AB Dorp", "post")
    db.session.commit()
    return noord, zuid


def test_a_mailing_to_a_segment_reaches_only_who_may_get_mail(mailing_app, smtp_server):
    """Does a mailing to Noord arrive over SMTP at Ans alone, with the unsubscribe headers,
    and is the member on post only counted as not reached?"""
    with mailing_app.app_context():
        org = factories.organisation()
        noord, _zuid = _panel(org)
        assert mailings.reach(org, [noord.id]) == mailings.Reach(mailed=1, unreached=1)
        mailing = mailings.send(
            org, "De uitslag is binnen", "Lees het verslag.\n\nGroet", [noord.id]
        )
        db.session.commit()
        assert (mailing.recipients, mailing.unreached, mailing.audience) == (1, 1, "Wijk: Noord")
        delivery.deliver_all()
    [message] = smtp_server.messages()
    assert message["To"] == "ans@example.org"
    assert str(make_header(decode_header(message["Subject"]))) == "De uitslag is binnen"
    assert message["List-Unsubscribe"].startswith("<http://localhost/u/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert "Beste Ans," in text.get_payload(decode=True).decode()


def test_the_board_counts_then_sends_to_the_whole_panel(app, client, world):
    """Does the board see whom a mailing reaches before sending, and the sent mailing in the
    list with its number of recipients?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/mailings"
    data = {"subject": "Nieuws", "body": "De uitslag van de servicekostenpeiling is binnen."}
    counted = client.post(url, data=data | {"check": "1"})
    assert "Dit bericht bereikt 3 leden." in counted.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Mailing)).all() == []
    sent = client.post(url, data=data | {"send": "1"}, follow_redirects=True)
    page = sent.get_data(as_text=True)
    assert "Het bericht gaat naar 3 leden." in page
    assert "Het hele panel" in page and "Nieuws" in page


def test_members_on_post_only_are_reported_as_not_reached(app, client, world):
    """Is the board told how many members without e-mail the mailing does not reach?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        member = factories.member(org, name="Zonder Mail")
        member.email = None
        panel.set_post_details(member, "Dorpsstraat 1\n1234 AB Dorp", "post")
        db.session.commit()
    login(client, world.a.board)
    data = {"subject": "Nieuws", "body": "Tekst", "send": "1"}
    page = client.post(f"/o/{world.a.slug}/mailings", data=data, follow_redirects=True)
    assert "1 lid zonder e-mailadres wordt niet bereikt." in page.get_data(as_text=True)


def test_a_mailing_that_reaches_nobody_is_refused(app, client, world):
    """Is a mailing to segments without anyone with e-mail refused with a clear message?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        empty = panel.define_dimension(org, "Complex", ["De Toren", "Het Hof"])
        dimension_id, value_id = empty.id, empty.values[0].id
        db.session.commit()
    login(client, world.a.board)
    data = {
        "subject": "Nieuws",
        "body": "Tekst",
        f"segment_{dimension_id}": str(value_id),
        "send": "1",
    }
    page = client.post(f"/o/{world.a.slug}/mailings", data=data)
    assert page.status_code == 400
    assert "In de gekozen groepen is niemand met een e-mailadres." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Mailing)).all() == []
