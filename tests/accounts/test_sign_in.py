"""Board members sign in, out, and reset a forgotten password."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from consult.accounts import services
from consult.accounts.models import PasswordReset, User
from consult.core.errors import DomainError
from consult.core.policy import Role
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from tests import factories
from tests.conftest import login, make_app


@pytest.fixture
def board_email(app):
    with app.app_context():
        account = factories.user(factories.organisation("Huurders Alfa"), Role.BOARD)
        db.session.commit()
        return account.email


def test_sign_in_leads_to_the_organisation(client, board_email):
    """Does a board member land on their organisation's overview after signing in?"""
    response = login(client, board_email)
    assert response.status_code == 302
    assert client.get(response.headers["Location"], follow_redirects=True).request.path == (
        "/o/huurders-alfa/"
    )


def test_wrong_password_is_refused_with_a_message(client, board_email):
    """Is a wrong password refused, in Dutch, without signing in?"""
    response = login(client, board_email, "wrong password")
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    assert client.get("/o/huurders-alfa/").status_code == 302


def test_passwords_are_stored_as_scrypt_hashes(app, board_email):
    """Is the password stored only as a modern KDF hash?"""
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).where(User.email == board_email))
    assert stored.startswith("scrypt:") and factories.PASSWORD not in stored


def test_sign_in_is_rate_limited(client, board_email):
    """Are repeated sign-in attempts stopped with a clear message?"""
    statuses = [login(client, board_email, "guess").status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert "Te veel pogingen" in login(client, board_email).get_data(as_text=True)


def test_an_app_without_rate_limits_leaves_them_on_for_the_next(app_with, board_email):
    """Does an app built with rate limits off (as some tests and benches do) leave them on
    for the next app built in the same process?"""
    app_with(RATELIMIT_ENABLED=False)
    client = app_with(LOGIN_RATE_LIMIT="1/hour").test_client()
    assert [login(client, board_email, "guess").status_code for _ in range(2)] == [200, 429]


def test_behind_a_proxy_each_visitor_has_their_own_limit(app_with, board_email):
    """Behind a reverse proxy, does one visitor's guessing leave another able to sign in?"""
    app = app_with(TRUSTED_PROXIES=1)
    guesser, member = app.test_client(), app.test_client()
    for _ in range(11):
        guessed = guesser.post(
            "/login",
            data={"email": board_email, "password": "guess"},
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
    assert guessed.status_code == 429
    signed_in = member.post(
        "/login",
        data={"email": board_email, "password": factories.PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.4"},
    )
    assert signed_in.status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client, board_email):
    """Does signing out end the session (and not happen by following a link)?"""
    login(client, board_email)
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/o/huurders-alfa/").status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_next_never_redirects_to_another_site(client, board_email, target):
    """Does ?next= after sign-in only ever lead to a page of this site?"""
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": board_email, "password": factories.PASSWORD},
    )
    assert response.headers["Location"] == "/"


def _reset_link_token(app, email) -> str:
    with app.app_context():
        reset = db.session.scalar(
            select(PasswordReset)
            .join(User)
            .where(User.email == email)
            .order_by(PasswordReset.id.desc())
        )
        return derive_token(services.RESET_PURPOSE, reset.token_salt)


def test_password_reset_link_works_once(client, app, board_email):
    """Can a forgotten password be replaced through the e-mailed link, and only once?"""
    client.post("/password/forgot", data={"email": board_email})
    token = _reset_link_token(app, board_email)
    new = {"password": "a brand new secret", "confirm": "a brand new secret"}
    assert client.post(f"/password/reset/{token}", data=new).status_code == 302
    assert login(client, board_email, "a brand new secret").status_code == 302
    client.post("/logout")
    again = client.post(f"/password/reset/{token}", data=new, follow_redirects=True)
    assert "Deze link werkt niet meer." in again.get_data(as_text=True)


def test_expired_reset_link_is_refused(client, app, board_email):
    """Is a reset link refused after it expired, and the password unchanged?"""
    client.post("/password/forgot", data={"email": board_email})
    token = _reset_link_token(app, board_email)
    with app.app_context():
        db.session.execute(
            update(PasswordReset).values(expires_at=PasswordReset.expires_at - timedelta(hours=2))
        )
        db.session.commit()
    client.post(f"/password/reset/{token}", data={"password": "x" * 12, "confirm": "x" * 12})
    assert login(client, board_email).status_code == 302


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, app, board_email):
    """Does the reset form reveal nothing about which addresses have accounts?"""
    known = client.post("/password/forgot", data={"email": board_email}, follow_redirects=True)
    unknown = client.post(
        "/password/forgot", data={"email": "nobody@example.org"}, follow_redirects=True
    )
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert recipients == [board_email]


def test_reset_mail_carries_the_link_but_the_database_does_not(client, app, board_email):
    """Is the reset link in the mail while only its hash is in the database?"""
    client.post("/password/forgot", data={"email": board_email})
    token = _reset_link_token(app, board_email)
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert f"/password/reset/{token}" in render(message).text
        stored = [
            str(v)
            for row in db.session.execute(select(PasswordReset)).scalars()
            for v in vars(row).values()
        ]
        stored += [str(message.context)]
    assert not any(token in value for value in stored)


def test_short_passwords_are_refused(ctx):
    """Is a password under ten characters refused?"""
    with pytest.raises(DomainError):
        services.create_user("new@example.org", "short")


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    """Does the production config refuse to run with no SECRET_KEY?"""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app("sqlite://", CONFIG_NAME="production")
