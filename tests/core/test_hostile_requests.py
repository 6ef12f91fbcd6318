"""Requests no browser would send: NUL characters, broken UTF-8, huge and duplicate fields,
oversized bodies, tampered answers, replayed and guessed links, a planted session, and
redirects to elsewhere. Each gets a clear answer, changes nothing it should not, and never
an error page."""

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.membership import services as membership
from consult.organisations.models import Organisation
from consult.panel.models import PanelMember
from tests.conftest import login


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def _joinable(app, world) -> str:
    """Organisation A's join page, with a privacy statement so people can join."""
    with app.app_context():
        membership.publish_privacy_text(db.session.get(Organisation, world.a.id), "Privacy.")
        db.session.commit()
    return f"/join/{world.a.slug}"


def _member_name(app, email):
    with app.app_context():
        return db.session.scalar(select(PanelMember.name).where(PanelMember.email == email))


@pytest.mark.parametrize(
    "path",
    [
        "/join/{slug}%00",
        "/h/{slug}%00/dossiers",
        "/o/{slug}%00/",
        "/i/{token}%00",
        "/open/%00",
        "/m/%00",
        "/join/confirm/%00",
        "/terugkoppeling/%00",
        "/calendar/%00.ics",
        "/password/reset/%00",
        "/api/v1/organisations/{slug}%00",
    ],
)
def test_a_nul_character_in_the_address_is_simply_not_found(client, world, path):
    """Is an address with a NUL character a plain "not found" (PostgreSQL cannot even
    compare text holding one)?"""
    response = client.get(path.format(slug=world.a.slug, token=world.a.tokens[0]))
    assert response.status_code == 404


def test_a_nul_character_in_a_field_or_argument_is_dropped(app, client, world):
    """Is a NUL character typed into a form field or a query argument dropped, so that
    the rest is stored and shown as usual?"""
    join = _joinable(app, world)
    data = {"email": "nul@example.org", "name": "Ada\x00 Bo", "consent": "y", "language": "nl"}
    assert client.post(join, data=data).status_code == 302
    assert _member_name(app, "nul@example.org") == "Ada Bo"
    assert login(client, "\x00" + world.a.board).status_code == 302
    results = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    assert client.get(f"{results}/results?by=%00&channel=%00").status_code == 200
    assert client.get(f"{results}/compare?with=1%00").status_code == 404
