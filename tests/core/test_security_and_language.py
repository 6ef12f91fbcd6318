"""Security headers, CSRF, error pages, and the language a person sees."""

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.surveys.models.responses import ResponseDraft
from tests.conftest import login


def test_pages_carry_a_strict_content_security_policy(client):
    """Does every page forbid inline and foreign scripts and framing?"""
    headers = client.get("/login").headers
    policy = headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_answer_pages_are_never_cached(client, world):
    """Is a page behind a secret link kept out of caches?"""
    assert client.get(f"/i/{world.a.tokens[0]}").headers["Cache-Control"] == "no-store"


def test_forms_without_csrf_token_are_refused_clearly(app_with):
    """Is a form post without the CSRF token refused with a readable page?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    assert "We konden dit verzoek niet verwerken" in response.get_data(as_text=True)


def test_an_answer_page_posted_without_the_tenants_token_is_refused(app_with, world):
    """A tenant's answer page posted from another site (it cannot know the page's CSRF
    token): is it refused with a readable page, and nothing of it saved?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    url = f"/i/{world.a.tokens[0]}"
    tenant, attacker = app.test_client(), app.test_client()
    assert 'name="csrf_token"' in tenant.get(url).text
    for client in (tenant, attacker):
        response = client.post(url, data={"step": "save", "csrf_token": "forged"})
        assert response.status_code == 400
        assert "We konden dit verzoek niet verwerken" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ResponseDraft)) == 0


def test_production_cookies_are_secure(monkeypatch, app_with):
    """Are session cookies secure and HTTP-only in production, with debug off?"""
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    app = app_with(CONFIG_NAME="production")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert not app.debug


def test_a_new_secret_key_signs_everyone_out_unless_the_old_one_is_a_fallback(app, client, world):
    """After the secret key is replaced, is a board member signed out, and still signed in
    when the old key is kept as a fallback (a key rotation without logging everyone out)?"""
    login(client, world.a.board)
    overview = f"/o/{world.a.slug}/"
    assert client.get(overview).status_code == 200
    old_key = app.secret_key
    app.secret_key = "a-new-secret-key"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert client.get(overview).status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get(overview).status_code == 302  # to the login page


def test_unexpected_errors_show_a_page_not_a_trace(app, client, monkeypatch):
    """Does a crash show a plain apology instead of a stack trace?"""
    from consult.accounts import services

    def explode(*args):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(services, "authenticate", explode)
    app.logger.disabled = True
    response = client.post("/login", data={"email": "a@example.org", "password": "secret-secret"})
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "database on fire" not in text and "Traceback" not in text
    assert "Er ging bij ons iets mis" in text


def test_dutch_is_the_default(client):
    """Does a visitor without preferences get Dutch?"""
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="nl">' in page and "Inloggen" in page


def test_lang_parameter_switches_to_english_and_sticks(client):
    """Does ?lang=en switch to English, and stay English on the next page?"""
    assert "Sign in" in client.get("/login?lang=en").get_data(as_text=True)
    page = client.get("/password/forgot").get_data(as_text=True)
    assert '<html lang="en">' in page and "Forgot your password?" in page


def test_the_browser_language_is_respected(client):
    """Does a browser asking for English get English?"""
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(
        as_text=True
    )
    assert "Sign in" in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_language_switch_link_keeps_the_page(client, world, lang):
    """Does the language link lead to the same page in the other language?"""
    login(client, world.a.board)
    other = "en" if lang == "nl" else "nl"
    page = client.get(f"/o/{world.a.slug}/dossiers/?lang={lang}").get_data(as_text=True)
    assert f'href="/o/{world.a.slug}/dossiers/?lang={other}"' in page


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_text_from_tenants_and_board_comes_back_escaped(app, client, world):
    """Does a script typed as an open answer or a question come back as harmless text?"""
    from consult.extensions import db
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form
    from tests import factories

    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        answers = factories.answers(consultation, text=PAYLOAD)
        form = factories.form_data(answers)
        for _ in range(4):  # five respondents in all: enough for the answers to be shown
            enter_paper_form(consultation, answers)
        db.session.commit()
    client.post(f"/i/{world.a.tokens[0]}", data=form)
    login(client, world.a.board)
    client.post(
        f"/o/{world.a.slug}/consultations/{world.a.draft_id}/questions",
        data={"kind": "open_text", "text": PAYLOAD},
    )
    pages = [
        f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results",
        f"/o/{world.a.slug}/consultations/{world.a.draft_id}",
    ]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert "&lt;script&gt;" in html
        assert PAYLOAD not in html and "<img src=x" not in html


def test_the_try_again_page_never_offers_a_password_or_a_stored_form_again(app):
    """Sign-in and password forms are not written into the page, and a request that had
    already stored something is not offered again (it could be stored twice)."""
    from flask import g

    from consult.core.errors import _resendable_fields

    with app.test_request_context("/login", method="POST", data={"email": "a@b.nl", "x": "1"}):
        assert _resendable_fields() is None
    with app.test_request_context("/join/hbv", method="POST", data={"email": "a@b.nl"}):
        assert _resendable_fields() == [("email", "a@b.nl")]
        g.committed = True
        assert _resendable_fields() is None
