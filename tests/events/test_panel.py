"""Panel members invited to an event: a one-time link, signing up with their own details."""

import pytest
from sqlalchemy import func, select

from consult.events import panel
from consult.events.models import EventInvitation, Registration
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


@pytest.fixture
def invited(app, world):
    """Organisation A's event with its panel of three invited; the links and the event."""
    with app.app_context():
        event = factories.event(db.session.get(Organisation, world.a.id))
        assert panel.invite_panel(event) == 3
        assert panel.invite_panel(event) == 0
        invitations = db.session.scalars(select(EventInvitation)).all()
        tokens = [panel.invitation_token(i) for i in invitations]
        sessions = [s.id for s in event.sessions]
        db.session.commit()
        return {"tokens": tokens, "sessions": sessions, "kind": event.prices[0].id}


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_each_member_is_invited_once_by_mail(app, invited):
    """Does every active member get one invitation mail, and a second round none?"""
    with app.app_context():
        kinds = db.session.scalars(select(OutboxMessage.kind)).all()
        assert kinds.count("event_invitation") == 3


def test_a_member_signs_up_once_with_their_own_address(app, client, invited):
    """Does a member sign up without typing their details, and is the link spent after?"""
    link = f"/e/p/{invited['tokens'][0]}"
    assert "Naam" not in client.get(link).text
    data = {"round_1": invited["sessions"][1], "kind": invited["kind"], "remarks": ""}
    response = client.post(link, data=data)
    assert response.status_code == 302
    assert "bevestigd" in client.get(response.headers["Location"]).text
    again = client.post(link, data=data)
    assert again.status_code == 410 and "al aangemeld" in again.text
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert registration.member_id is not None and registration.email.endswith("example.org")
        assert _count(Registration) == 1


def test_the_board_invites_the_panel_from_the_event_page(app, client, world):
    """Can a board member invite the panel with one button?"""
    with app.app_context():
        event = factories.event(db.session.get(Organisation, world.a.id))
        db.session.commit()
        event_id = event.id
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/evenementen/{event_id}/invite-panel")
    assert "3 panelleden uitgenodigd" in client.get(response.headers["Location"]).text


def test_the_invitation_mail_has_the_link_and_the_unsubscribe_link(app, invited):
    """Does the invitation carry the member's one-time link and the panel's unsubscribe link?"""
    from consult.mail.rendering import render

    with app.app_context():
        messages = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "event_invitation")
        ).all()
        texts = [render(message).text for message in messages]
    for token in invited["tokens"]:
        assert sum(f"/e/p/{token}" in text for text in texts) == 1
    assert all("Afmelden met één klik" in text for text in texts)


def test_the_link_of_a_member_erased_since_leads_nowhere(app, client, invited):
    """Does the invitation of a member erased since give 404, storing nothing?"""
    with app.app_context():
        invitation = panel.find_invitation(invited["tokens"][0])
        invitation.member.email = None
        db.session.commit()
    assert client.get(f"/e/p/{invited['tokens'][0]}").status_code == 404
