"""Minutes: decisions on the dossier's timeline, action points on their owner's overview
until done, and approval at the next meeting."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.accounts.models import User
from consult.core import clock
from consult.core.errors import DomainError
from consult.dossiers.services import describe
from consult.extensions import db
from consult.meetings import minutes, services
from consult.meetings.models.meetings import MeetingState
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _held(org, board, title="Voorjaarsoverleg", days_ahead=70, **item):
    """A meeting with one item, its agenda fixed and the meeting held."""
    meeting = factories.meeting(org, title=title, days_ahead=days_ahead)
    added = services.add_item(meeting, services.ItemDetails("Huurbeleid", **item), board)
    services.move(meeting, MeetingState.FIXED)
    services.move(meeting, MeetingState.HELD)
    return meeting, added


def test_a_decision_shows_on_the_linked_dossiers_timeline(ctx):
    """Does a decision on an item linked to a dossier appear on the dossier's timeline?"""
    org = factories.organisation()
    board = factories.user(org)
    dossier = factories.dossier(org)
    _meeting, item = _held(org, board, dossier=dossier)
    minutes.add_decision(item, "Het bestuur adviseert negatief.", board)
    lines = [describe(event) for event in dossier.events]
    assert any("Voorjaarsoverleg: Het bestuur adviseert negatief." in line for line in lines)


def test_minutes_wait_until_the_meeting_is_held(ctx):
    """Are minutes and decisions refused before the meeting is held?"""
    org = factories.organisation()
    board = factories.user(org)
    meeting = factories.meeting(org)
    item = services.add_item(meeting, services.ItemDetails("Huurbeleid"), board)
    with pytest.raises(DomainError):
        minutes.add_decision(item, "Te vroeg", board)


def test_an_action_point_is_on_its_owners_overview_until_done(ctx):
    """Is an open action point listed for its owner, earliest first, and gone once done?"""
    org = factories.organisation()
    board, other = factories.user(org), factories.user(org)
    _meeting, item = _held(org, board)
    later = minutes.add_action(
        item, "Notitie schrijven", board, due_on=clock.today() + timedelta(days=20)
    )
    sooner = minutes.add_action(
        item, "Brief sturen", board, due_on=clock.today() + timedelta(days=5)
    )
    minutes.add_action(item, "Zaal boeken", other)
    assert minutes.open_actions_of(board, org) == [sooner, later]
    minutes.complete_action(sooner, board)
    assert minutes.open_actions_of(board, org) == [later]


def test_an_action_point_needs_someone_of_the_organisation(ctx):
    """Is an action point without anyone, or for an account elsewhere, refused?"""
    org = factories.organisation()
    board = factories.user(org)
    _meeting, item = _held(org, board)
    with pytest.raises(DomainError):
        minutes.add_action(item, "Iets doen")
    with pytest.raises(DomainError):
        minutes.add_action(item, "Iets doen", factories.user(factories.organisation()))
    assert minutes.add_action(item, "Koffie", who="Secretariaat").who == "Secretariaat"


def test_minutes_are_approved_at_the_next_meeting_only(ctx):
    """Are minutes approved only at a later meeting, and then no longer changed?"""
    org = factories.organisation()
    board = factories.user(org)
    spring, item = _held(org, board)
    earlier = factories.meeting(org, title="Eerder", days_ahead=30)
    with pytest.raises(DomainError):
        minutes.approve_minutes(spring, earlier)
    autumn, _item = _held(org, board, title="Najaarsoverleg", days_ahead=200)
    minutes.approve_minutes(spring, autumn)
    assert spring.state == MeetingState.APPROVED and spring.approved_in_id == autumn.id
    with pytest.raises(DomainError):
        minutes.write_minutes(item, "Later gewijzigd")


def test_the_secretary_records_minutes_over_http(app, client, world):
    """Can the board write a decision and an action point, and does the owner see it on the
    overview until it is done?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        board = db.session.scalar(select(User).where(User.email == world.a.board))
        meeting, item = _held(org, board)
        db.session.commit()
        meeting_id, item_id, board_id = meeting.id, item.id, board.id
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/vergaderingen/{meeting_id}"
    client.post(f"{base}/items/{item_id}/decisions", data={f"decision-{item_id}-text": "Akkoord."})
    client.post(
        f"{base}/items/{item_id}/actions",
        data={f"action-{item_id}-what": "Reactie sturen", f"action-{item_id}-owner": str(board_id)},
    )
    page = client.get(base).text
    assert "Akkoord." in page and "Reactie sturen" in page
    assert "Reactie sturen" in client.get(f"/o/{world.a.slug}/").text
    refused = client.post(f"{base}/items/{item_id}/actions", data={}, follow_redirects=True)
    assert "Schrijf op wat er moet gebeuren" in refused.text
