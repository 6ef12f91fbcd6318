"""Who may read the API: a working bearer token of the organisation in the path, within its
rate; errors as JSON, no cookies."""

import pytest
from sqlalchemy import update

from consult.api.models import ApiToken
from consult.core.clock import utcnow
from consult.extensions import db
from tests.api.conftest import api_get, make_token
from tests.conftest import login


def organisation_url(slug: str, rest: str = "") -> str:
    return f"/api/v1/organisations/{slug}{rest}"


def revoke_all(app) -> None:
    with app.app_context():
        db.session.execute(update(ApiToken).values(revoked_at=utcnow()))
        db.session.commit()


def test_unknown_revoked_and_missing_tokens_get_the_same_401(app, client, world, token):
    """Do a missing, a malformed, an unknown and a revoked token all get the same 401 JSON
    with WWW-Authenticate: Bearer, so nobody learns which tokens once existed?"""
    url = organisation_url(world.a.slug)
    missing = api_get(client, url)
    basic = api_get(client, url, Authorization="Basic dXNlcjpwYXNz")
    unknown = api_get(client, url, "made-up-token")
    revoke_all(app)
    revoked = api_get(client, url, token)
    for response in (missing, basic, unknown, revoked):
        assert response.status_code == 401
        assert response.is_json and set(response.get_json()) == {"error"}
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert missing.data == basic.data == unknown.data == revoked.data


def test_a_signed_in_browser_gets_nothing_without_a_token(client, world):
    """Does a board member's session cookie open nothing, and does the API set no cookie,
    also with ?lang=?"""
    login(client, world.a.board)
    response = client.get(organisation_url(world.a.slug, "/dossiers?lang=en"))
    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers


def test_a_token_answers_with_json_and_sets_no_cookie(client, world, token):
    """Does a working token get JSON, without any cookie?"""
    response = api_get(client, organisation_url(world.a.slug, "?lang=en"), token)
    assert response.status_code == 200 and response.is_json
    assert response.get_json()["slug"] == world.a.slug
    assert "Set-Cookie" not in response.headers


def test_the_language_comes_from_accept_language_only(client, world, token):
    """Do labels follow Accept-Language, Dutch without it, whatever a session remembers?"""
    client.get("/login?lang=en")  # a browser session that chose English
    url = organisation_url(world.a.slug, "/dossiers")
    [dutch] = api_get(client, url, token).get_json()["dossiers"]
    [english] = api_get(client, url, token, **{"Accept-Language": "en"}).get_json()["dossiers"]
    assert (dutch["phase"], dutch["phase_label"]) == ("announced", "Aangekondigd")
    assert (english["phase"], english["phase_label"]) == ("announced", "Announced")


@pytest.mark.parametrize("rest", ["", "/consultations", "/panel", "/dossiers"])
def test_another_organisations_slug_gives_404(client, world, token, rest):
    """Does A's token get 404 JSON for every path of organisation B, and of no organisation?"""
    for slug in (world.b.slug, "does-not-exist"):
        response = api_get(client, organisation_url(slug, rest), token)
        assert response.status_code == 404
        assert response.is_json and "error" in response.get_json()


def test_another_organisations_objects_give_404(client, world, token):
    """Does A's token get 404 for B's consultation and dossier, even under A's slug?"""
    for rest in (
        f"/consultations/{world.b.consultation_id}/results",
        f"/dossiers/{world.b.dossier_id}",
    ):
        assert api_get(client, organisation_url(world.a.slug, rest), token).status_code == 404
        assert api_get(client, organisation_url(world.b.slug, rest), token).status_code == 404


def test_a_draft_has_no_results(client, world, token):
    """Is a draft consultation missing from the API, as if it did not exist?"""
    rest = f"/consultations/{world.a.draft_id}/results"
    assert api_get(client, organisation_url(world.a.slug, rest), token).status_code == 404
    listed = api_get(client, organisation_url(world.a.slug, "/consultations"), token).get_json()
    assert [c["id"] for c in listed["consultations"]] == [world.a.consultation_id]


def test_unknown_paths_and_other_methods_answer_json(client, world, token):
    """Under /api/v1/, are a path that does not exist and a POST answered with JSON errors
    instead of pages?"""
    missing = api_get(client, "/api/v1/nothing-here", token)
    assert missing.status_code == 404 and missing.is_json
    posted = client.post(
        organisation_url(world.a.slug), headers={"Authorization": f"Bearer {token}"}
    )
    assert posted.status_code == 405 and posted.is_json


def test_a_crash_answers_json_without_a_trace(app, client, world, token, monkeypatch):
    """Does an unexpected error under /api/v1/ give a 500 JSON apology, no stack trace?"""
    from consult.api import payloads

    def explode(*args):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(payloads, "panel_payload", explode)
    app.logger.disabled = True
    response = api_get(client, organisation_url(world.a.slug, "/panel"), token)
    assert response.status_code == 500 and response.is_json
    assert "fire" not in response.text and "Traceback" not in response.text


def test_too_many_requests_get_429_json_per_token(app_with, world):
    """Above API_RATE_LIMIT, does a token get 429 JSON on any endpoint, while another token
    still gets answers?"""
    app = app_with(API_RATE_LIMIT="3 per hour")
    first = make_token(app, world.a.id, world.a.board)
    second = make_token(app, world.a.id, world.a.admin, "website")
    client = app.test_client()
    for rest in ("", "/panel", "/dossiers"):
        assert api_get(client, organisation_url(world.a.slug, rest), first).status_code == 200
    refused = api_get(client, organisation_url(world.a.slug, "/consultations"), first)
    assert refused.status_code == 429
    assert refused.is_json and "error" in refused.get_json()
    assert api_get(client, organisation_url(world.a.slug), second).status_code == 200


def test_the_openapi_document_needs_no_token(client):
    """Can anyone read the API's description?"""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json()["openapi"].startswith("3.1")
