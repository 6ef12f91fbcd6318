"""A koepel's member organisations propose agenda items for its central meetings on their own
koepel page; the koepel's board sees who proposed them; no one else can propose."""

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.meetings.models.agenda import AgendaItem
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


@pytest.fixture
def central(app, world):
    """A koepel with organisation A as its member, invited to the koepel's spring meeting."""
    with app.app_context():
        koepel = factories.organisation("Koepel Portaal")
        member = db.session.get(Organisation, world.a.id)
        factories.koepel_member(koepel, member)
        meeting = factories.meeting(koepel, "Voorjaarsoverleg", member_organisations=[member])
        koepel_board = factories.user(koepel).email
        db.session.commit()
        return meeting.id, koepel.slug, koepel_board


def _items(app, meeting_id) -> list[tuple[str, str]]:
    with app.app_context():
        return db.session.execute(
            select(AgendaItem.title, AgendaItem.proposed_by).where(
                AgendaItem.meeting_id == meeting_id
            )
        ).all()


def test_a_member_organisation_proposes_an_item_the_koepel_sees(app, client, world, central):
    """Does A's board see the koepel's coming meeting on its koepel page, propose an item
    there, and does the koepel's board see A and the person who proposed it?"""
    meeting_id, koepel_slug, koepel_board = central
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/koepel/?lang=en").text
    assert "Voorjaarsoverleg" in page and "Koepel Portaal" in page
    response = client.post(
        f"/o/{world.a.slug}/koepel/meetings/{meeting_id}/items",
        data={f"meeting-{meeting_id}-title": "Servicekosten HBV"},
    )
    assert response.status_code == 302
    koepel_client = app.test_client()
    login(koepel_client, koepel_board)
    shown = koepel_client.get(f"/o/{koepel_slug}/vergaderingen/{meeting_id}").text
    assert "Servicekosten HBV" in shown and world.a.board in shown
    with app.app_context():
        name = db.session.get(Organisation, world.a.id).name
    assert _items(app, meeting_id) == [("Servicekosten HBV", f"{name} ({world.a.board})")]


def test_an_empty_proposal_is_refused_with_a_message(app, client, world, central):
    """Is a proposal without a title answered with the page and a message, nothing added?"""
    meeting_id = central[0]
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/koepel/meetings/{meeting_id}/items?lang=en",
        data={f"meeting-{meeting_id}-title": " "},
    )
    assert response.status_code == 400 and "Give the agenda item a title." in response.text
    assert _items(app, meeting_id) == []


def test_another_koepels_member_cannot_propose(app, client, world, central):
    """Does the board of B, member of another koepel, get 404 for this koepel's meeting,
    and does the meeting not show on B's koepel page?"""
    meeting_id = central[0]
    with app.app_context():
        other = factories.organisation("Andere koepel")
        factories.koepel_member(other, db.session.get(Organisation, world.b.id))
        db.session.commit()
    login(client, world.b.board)
    assert "Voorjaarsoverleg" not in client.get(f"/o/{world.b.slug}/koepel/").text
    response = client.post(
        f"/o/{world.b.slug}/koepel/meetings/{meeting_id}/items",
        data={f"meeting-{meeting_id}-title": "Ingebroken"},
    )
    assert response.status_code == 404 and _items(app, meeting_id) == []
