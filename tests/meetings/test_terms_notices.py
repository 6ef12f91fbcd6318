"""The agenda terms as deadlines: the board's mails a week before and on the day, and the
meeting with its terms in the personal calendar feed."""

from datetime import timedelta

from sqlalchemy import select

from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.meetings import notices, services
from consult.meetings.models.meetings import MeetingState
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login
from tests.dossiers.test_calendar import make_link, parse, unescape


def _term_mails():
    return db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "agenda_term").order_by(OutboxMessage.id)
    ).all()


def test_the_board_is_mailed_about_the_concept_term_once_per_stage(ctx):
    """Does the board get one mail a week before the concept agenda's term and one on the day,
    and none for a viewer?"""
    org = factories.organisation()
    board = factories.user(org)
    factories.user(org, factories.Role.VIEWER)
    meeting = factories.meeting(org)
    due = meeting.concept_due_on
    assert notices.send_term_mails(due - timedelta(days=5)) == 1
    assert notices.send_term_mails(due - timedelta(days=4)) == 0
    assert notices.send_term_mails(due) == 1
    assert [m.recipient for m in _term_mails()] == [board.email, board.email]
    mail = render(_term_mails()[0])
    assert meeting.title in mail.subject and "Concept" in mail.subject
    assert f"/vergaderingen/{meeting.id}" in mail.text


def test_no_term_mails_once_the_agenda_is_fixed(ctx):
    """Do the term mails stop once the agenda is fixed?"""
    org = factories.organisation()
    board = factories.user(org)
    meeting = factories.meeting(org, days_ahead=20)
    services.add_item(meeting, services.ItemDetails("Jaarplan"), board)
    services.move(meeting, MeetingState.FIXED)
    assert notices.send_term_mails(meeting.final_due_on) == 0


def test_the_meeting_and_its_terms_are_in_the_calendar_feed(app, client, world):
    """Are the meeting (with its time) and both agenda terms days in the personal feed?"""
    with app.app_context():
        meeting = factories.meeting(db.session.get(Organisation, world.a.id), place="Buurthuis")
        db.session.commit()
        meeting_id, day = meeting.id, meeting.starts_at.date()
    login(client, world.a.board)
    _properties, events = parse(client.get(f"/calendar/{make_link(client, world.a.slug)}.ics").data)
    found = {e["UID"].split("@")[0]: e for e in events if e["UID"].startswith("meeting-")}
    assert set(found) == {
        f"meeting-{meeting_id}",
        f"meeting-{meeting_id}-concept",
        f"meeting-{meeting_id}-final",
    }
    assert found[f"meeting-{meeting_id}"]["DTSTART;VALUE=DATE"] == day.strftime("%Y%m%d")
    assert unescape(found[f"meeting-{meeting_id}"]["SUMMARY"]) == "19:30 Voorjaarsoverleg"
    assert "Buurthuis" in unescape(found[f"meeting-{meeting_id}"]["DESCRIPTION"])


def test_a_meetings_calendar_file_keeps_its_dutch_time(app, client, world):
    """Does the .ics file give the start in Europe/Amsterdam with its time zone, the place,
    and the agenda?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        meeting = factories.meeting(org, place="Buurthuis De Linde")
        board = factories.user(org)
        services.add_item(meeting, services.ItemDetails("Huurverhoging"), board)
        db.session.commit()
        meeting_id, day = meeting.id, meeting.starts_at.date()
    login(client, world.a.viewer)
    response = client.get(f"/o/{world.a.slug}/vergaderingen/{meeting_id}/meeting.ics")
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True).replace("\r\n ", "")
    assert f"DTSTART;TZID=Europe/Amsterdam:{day:%Y%m%d}T193000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Amsterdam" in text
    assert "LOCATION:Buurthuis De Linde" in text and "1. Huurverhoging" in text
