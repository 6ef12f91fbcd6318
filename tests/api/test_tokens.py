"""The board's API tokens: made on a page and shown once, kept as a hash, revoked, and
stopped when their maker leaves the board."""

import re

from sqlalchemy import select, update

from consult.api.models import ApiToken
from consult.audit.models import AuditEntry
from consult.core.tokens import hash_token
from consult.extensions import db
from consult.organisations.models import Membership
from tests.api.conftest import api_get, make_token
from tests.conftest import login


def make_on_page(client, slug: str, name: str = "Power BI") -> str:
    """Make a token on the organisation's page as the signed-in user; the secret it shows."""
    page = client.post(f"/o/{slug}/api-tokens/", data={"name": name}).get_data(as_text=True)
    return re.search(r'id="api-token" value="([A-Za-z0-9_-]+)"', page)[1]


def organisation_url(slug: str) -> str:
    return f"/api/v1/organisations/{slug}"


def test_a_token_is_shown_once_and_only_its_hash_is_kept(app, client, world):
    """Does the page show the new token with an example, keep only its hash, list it by
    name afterwards without the token, and note it in the audit log?"""
    login(client, world.a.board)
    secret = make_on_page(client, world.a.slug, "Website")
    with app.app_context():
        stored = db.session.scalar(select(ApiToken))
        assert (stored.name, stored.token_hash) == ("Website", hash_token(secret))
        assert stored.last_used_at is None and stored.revoked_at is None
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "api.token_made" in actions
    page = client.get(f"/o/{world.a.slug}/api-tokens/").get_data(as_text=True)
    assert "Website" in page and world.a.board in page
    assert secret not in page
    assert api_get(client, organisation_url(world.a.slug), secret).status_code == 200


def test_the_overview_links_the_token_page_for_the_board_only(app, client, world):
    """Does the organisation overview point a board member, not a viewer, to the tokens?"""
    login(client, world.a.board)
    assert f"/o/{world.a.slug}/api-tokens/" in client.get(f"/o/{world.a.slug}/").text
    viewer = app.test_client()
    login(viewer, world.a.viewer)
    assert "api-tokens" not in viewer.get(f"/o/{world.a.slug}/").text


def test_a_token_without_a_name_is_refused_clearly(app, client, world):
    """Is a token without a name refused with a message, and nothing made?"""
    login(client, world.a.admin)
    response = client.post(f"/o/{world.a.slug}/api-tokens/", data={"name": "  "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    with app.app_context():
        assert db.session.scalar(select(ApiToken)) is None


def test_a_revoked_token_stops_at_once(app, client, world):
    """After revoking on the page, does the program get 401, the page say so, and the audit
    log note it?"""
    secret = make_token(app, world.a.id, world.a.board)
    url = organisation_url(world.a.slug)
    assert api_get(client, url, secret).status_code == 200
    login(client, world.a.admin)
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    client.get(f"/o/{world.a.slug}/api-tokens/?lang=en")
    response = client.post(f"/o/{world.a.slug}/api-tokens/{token_id}/revoke", follow_redirects=True)
    assert "no longer works" in response.text
    assert api_get(client, url, secret).status_code == 401
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is not None
        assert (
            db.session.scalar(
                select(AuditEntry).where(AuditEntry.action == "api.token_revoked")
            ).actor_label
            == world.a.admin
        )


def test_a_token_stops_when_its_maker_leaves_the_board(app, client, world):
    """Does a token stop when its maker becomes a viewer, and does the page say why?"""
    secret = make_token(app, world.a.id, world.a.board)
    url = organisation_url(world.a.slug)
    with app.app_context():
        maker_id = db.session.scalar(select(ApiToken.created_by_id))
        db.session.execute(
            update(Membership)
            .where(Membership.user_id == maker_id, Membership.organisation_id == world.a.id)
            .values(role="viewer")
        )
        db.session.commit()
    assert api_get(client, url, secret).status_code == 401
    login(client, world.a.admin)
    page = client.get(f"/o/{world.a.slug}/api-tokens/?lang=en").text
    assert "no longer on the board" in page


def test_another_organisations_token_cannot_be_revoked(app, client, world):
    """Does revoking a token of organisation B from A's page give 404 and leave it working?"""
    secret = make_token(app, world.b.id, world.b.board)
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    login(client, world.a.admin)
    response = client.post(f"/o/{world.a.slug}/api-tokens/{token_id}/revoke")
    assert response.status_code == 404
    assert api_get(client, organisation_url(world.b.slug), secret).status_code == 200


def test_the_last_use_is_recorded(app, client, world, token):
    """Is the moment a token was last used kept, and shown on the page?"""
    login(client, world.a.board)
    page = f"/o/{world.a.slug}/api-tokens/?lang=en"
    assert "<dd>never</dd>" in client.get(page).text
    program = app.test_client()
    assert api_get(program, f"{organisation_url(world.a.slug)}/dossiers", token).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ApiToken.last_used_at)) is not None
    assert "<dd>never</dd>" not in client.get(page).text
