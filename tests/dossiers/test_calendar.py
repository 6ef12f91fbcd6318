"""The personal calendar link: an iCalendar feed of the deadlines, secret and revocable."""

import re
from datetime import date, datetime

from sqlalchemy import delete, select

from consult.core.tokens import hash_token
from consult.dossiers import services
from consult.dossiers.calendar import services as calendar
from consult.dossiers.models import CalendarSubscription, Dossier, Phase
from consult.extensions import db
from consult.organisations.models import Membership, Organisation
from tests import factories
from tests.conftest import login

TRICKY_TITLE = "Huur, servicekosten; en\\of\nmeer – één keer"


def parse(body: bytes) -> tuple[dict, list[dict]]:
    """The calendar's properties and its events, after checking the line structure: CRLF
    only, no line over 75 octets, continuation lines unfolded."""
    assert body.endswith(b"\r\n")
    physical = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert all(len(line) <= calendar.LINE_OCTETS for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(b" "):
            logical[-1] += line[1:].decode()
        else:
            logical.append(line.decode())
    properties, events, event = {}, [], None
    for line in logical:
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT":
            events.append(event)
            event = None
        else:
            name, value = line.split(":", 1)
            (properties if event is None else event)[name] = value
    return properties, events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def make_link(client, slug: str) -> str:
    """Make the signed-in user's calendar link; its token, as the page shows it once."""
    page = client.post(f"/o/{slug}/dossiers/calendar/link").get_data(as_text=True)
    return re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", page)[1]


def test_the_feed_holds_every_deadline_as_an_all_day_event(app, client, world):
    """Does the feed carry each deadline on its day, with a stable UID, the code and title,
    the link to the dossier, and a title with comma, semicolon, backslash and line break
    intact?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        tricky = factories.dossier(org, TRICKY_TITLE, requested_on=date(2026, 9, 1))
        services.move(tricky, Phase.DRAFTING)
        services.move(tricky, Phase.ADVISED, on=date(2026, 10, 9))
        db.session.commit()
        world_due = db.session.get(Dossier, world.a.dossier_id).advice_due_on
        tricky_id, tricky_code = tricky.id, tricky.code
    login(client, world.a.board)
    response = client.get(f"/calendar/{make_link(client, world.a.slug)}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    properties, events = parse(response.data)
    assert properties["VERSION"] == "2.0" and properties["PRODID"]
    assert "Huurders Alfa" in unescape(properties["X-WR-CALNAME"])
    assert properties["BEGIN"] == "VCALENDAR" and properties["END"] == "VCALENDAR"
    by_uid = {event["UID"]: event for event in events}
    assert set(by_uid) == {
        f"dossier-{world.a.dossier_id}-advice@localhost",
        f"dossier-{tricky_id}-advice@localhost",
        f"dossier-{tricky_id}-reasons@localhost",
    }
    world_event = by_uid[f"dossier-{world.a.dossier_id}-advice@localhost"]
    assert world_event["DTSTART;VALUE=DATE"] == world_due.strftime("%Y%m%d")
    reasons = by_uid[f"dossier-{tricky_id}-reasons@localhost"]
    assert (reasons["DTSTART;VALUE=DATE"], reasons["DTEND;VALUE=DATE"]) == ("20261023", "20261024")
    assert unescape(reasons["SUMMARY"]) == (
        f"{tricky_code} Schriftelijke reactie verhuurder uiterlijk: {TRICKY_TITLE}"
    )
    link = f"http://localhost/o/{world.a.slug}/dossiers/{tricky_id}"
    assert reasons["URL"] == link and link in unescape(reasons["DESCRIPTION"])
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"]) for event in events)


def test_folding_never_splits_a_character():
    """Is a long line of multi-byte characters folded at 75 octets and whole again when
    unfolded?"""
    text = calendar.escape_text("é, ü; " * 40)
    folded = calendar.fold(f"SUMMARY:{text}")
    lines = [line.encode() for line in folded.split("\r\n")]
    assert len(lines) > 1 and all(len(line) <= 75 for line in lines)
    assert "".join(line.decode()[1:] if i else line.decode() for i, line in enumerate(lines)) == (
        f"SUMMARY:{text}"
    )


def test_the_feed_is_written_by_hand_to_the_standard():
    """Does an event get a DATE start, the next day as end, and escaped text?"""
    event = calendar.AllDayEvent("x@host", date(2026, 12, 31), "a,b;c\\d\ne", url="https://h/d")
    text = calendar.calendar("Naam", [event], datetime(2026, 11, 25, 9, 30), "-//T//T//NL")
    assert "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n" in text
    assert "SUMMARY:a\\,b\\;c\\\\d\\ne\r\n" in text
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_only_the_hash_of_the_link_is_kept_and_it_is_shown_once(app, client, world):
    """Is the token stored only as its hash, and missing from the page afterwards?"""
    login(client, world.a.viewer)
    token = make_link(client, world.a.slug)
    with app.app_context():
        stored = db.session.scalar(select(CalendarSubscription.token_hash))
    assert stored == hash_token(token)
    page = client.get(f"/o/{world.a.slug}/dossiers/calendar").get_data(as_text=True)
    assert token not in page
    assert f"/o/{world.a.slug}/dossiers/calendar/stop" in page


def test_a_stopped_renewed_or_unknown_link_gives_404(client, world):
    """Does a link stop when it is renewed or stopped, and does a made-up one give 404?"""
    login(client, world.a.board)
    first = make_link(client, world.a.slug)
    second = make_link(client, world.a.slug)
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    client.post(f"/o/{world.a.slug}/dossiers/calendar/stop")
    assert client.get(f"/calendar/{second}.ics").status_code == 404
    assert client.get("/calendar/made-up.ics").status_code == 404


def test_another_organisations_dossiers_never_appear(app, client, world):
    """Does the feed of organisation A leave out B's dossiers, and closed ones of A?"""
    with app.app_context():
        factories.dossier(db.session.get(Organisation, world.b.id), "Alleen bij Beta")
        closed = factories.dossier(db.session.get(Organisation, world.a.id), "Afgesloten")
        services.move(closed, Phase.WITHDRAWN)
        db.session.commit()
    login(client, world.a.board)
    body = client.get(f"/calendar/{make_link(client, world.a.slug)}.ics").get_data(as_text=True)
    assert "Servicekostenbeleid" in body
    assert "Alleen bij Beta" not in body and "Afgesloten" not in body


def test_the_feed_stops_when_the_user_loses_the_role(app, client, world):
    """Does a board member who left the organisation's board get 404 from their link?"""
    login(client, world.a.board)
    token = make_link(client, world.a.slug)
    with app.app_context():
        user_id = db.session.scalar(select(CalendarSubscription.user_id))
        db.session.execute(
            delete(Membership).where(
                Membership.user_id == user_id, Membership.organisation_id == world.a.id
            )
        )
        db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_dossiers_page_points_to_the_calendar_link(client, world):
    """Does the dossiers page tell a viewer about the calendar link?"""
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/dossiers/").get_data(as_text=True)
    assert f"/o/{world.a.slug}/dossiers/calendar" in page


def test_the_feed_holds_this_and_next_years_plan(app, client, world):
    """Are the participatiekalender's items of this and next year in the feed, a
    quarter-only item on the quarter's first day, and last year's left out?"""
    from consult.core.clock import today

    year = today().year
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        factories.plan_item(org, "Huuraanpassing", year=year, month=5)
        factories.plan_item(org, "Evaluatie", year=year + 1, month=None, quarter=4)
        factories.plan_item(org, "Oud thema", year=year - 1, month=5)
        db.session.commit()
    login(client, world.a.board)
    body = client.get(f"/calendar/{make_link(client, world.a.slug)}.ics").data
    _properties, events = parse(body)
    plan = {unescape(e["SUMMARY"]): e for e in events if e["UID"].startswith("plan-")}
    assert set(plan) == {"Participatiekalender: Huuraanpassing", "Participatiekalender: Evaluatie"}
    assert plan["Participatiekalender: Evaluatie"]["DTSTART;VALUE=DATE"] == f"{year + 1}1001"
    assert "kwartaal" in unescape(plan["Participatiekalender: Evaluatie"]["DESCRIPTION"])


def test_the_feed_stops_when_the_user_becomes_a_landlord_account(app, client, world):
    """Does a board member made into a landlord account lose the feed of all dossiers?"""
    from consult.accounts.models import User
    from consult.core.policy import Role
    from consult.organisations.services import grant_role

    login(client, world.a.board)
    token = make_link(client, world.a.slug)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == world.a.board))
        grant_role(user, db.session.get(Organisation, world.a.id), Role.LANDLORD)
        db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
