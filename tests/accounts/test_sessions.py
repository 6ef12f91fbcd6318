"""Sessions that end: a copied session cookie stops working after sign-out, a password change
or reset, a role change and removal from the team; the account page lists the sessions."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.accounts import services
from consult.accounts.models import AccountSession, User
from consult.accounts.sessions import device_of
from consult.core import clock
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.organisations.models import Membership
from tests import factories
from tests.conftest import login

FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"


def _signed_in(app, email, user_agent="pytest"):
    browser = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = user_agent
    assert login(browser, email).status_code == 302
    return browser


def _copy_of(app, browser):
    """Another client holding a copy of ``browser``'s session cookie and user agent (the
    attacker's: session protection compares the user agent, which is no secret)."""
    thief = app.test_client()
    thief.environ_base["HTTP_USER_AGENT"] = browser.environ_base["HTTP_USER_AGENT"]
    thief.set_cookie("session", browser.get_cookie("session").value)
    return thief


def _signed_in_at(client, world) -> bool:
    return client.get(f"/o/{world.a.slug}/").status_code == 200


def _move_clock(monkeypatch, by: timedelta) -> None:
    """Move the application's clock ``by`` ahead (see consult/core/clock.py)."""
    real = clock.datetime

    class Moved(real):
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + by

    monkeypatch.setattr(clock, "datetime", Moved)


def _user_id(app, email) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def test_a_copied_cookie_works_until_the_owner_signs_out(app, world):
    """Is a cookie copied before sign-out refused after it (it used to keep working)?"""
    owner = _signed_in(app, world.a.board)
    thief = _copy_of(app, owner)
    assert _signed_in_at(thief, world)
    owner.post("/logout")
    assert not _signed_in_at(thief, world)
    assert thief.get(f"/o/{world.a.slug}/").headers["Location"].startswith("/login")


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, world):
    """After a password change on the account page, is the copied cookie refused while the
    person who changed it stays signed in?"""
    owner = _signed_in(app, world.a.board)
    thief = _copy_of(app, _signed_in(app, world.a.board))
    new = "een heel nieuw wachtwoord"
    response = owner.post(
        "/account/password", data={"current": factories.PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302, response.text
    assert _signed_in_at(owner, world)
    assert not _signed_in_at(thief, world)


def test_a_wrong_current_password_changes_nothing(app, world):
    """Is a password change with a wrong current password refused next to the field, with
    the other sessions left alone?"""
    owner = _signed_in(app, world.a.board)
    other = _signed_in(app, world.a.board)
    new = "een heel nieuw wachtwoord"
    response = owner.post(
        "/account/password", data={"current": "geraden", "password": new, "confirm": new}
    )
    assert response.status_code == 400
    assert "Uw huidige wachtwoord klopt niet." in response.text
    assert _signed_in_at(other, world)


def test_a_password_reset_ends_every_session(app, world):
    """Is a cookie copied before a password reset refused after it (it used to work)?"""
    thief = _copy_of(app, _signed_in(app, world.a.board))
    with app.app_context():
        user = db.session.get(User, _user_id(app, world.a.board))
        reset = services.new_reset(user, timedelta(hours=1))
        token = derive_token(services.RESET_PURPOSE, reset.token_salt)
        db.session.commit()
    new = "een heel nieuw wachtwoord"
    app.test_client().post(f"/password/reset/{token}", data={"password": new, "confirm": new})
    assert not _signed_in_at(thief, world)


@pytest.mark.parametrize("change", ["role", "remove"])
def test_a_role_change_or_removal_ends_the_persons_sessions(app, client, world, change):
    """When an admin changes someone's role or removes them, is a copy of that person's
    cookie refused, also in their other organisations?"""
    thief = _copy_of(app, _signed_in(app, world.a.board))
    with app.app_context():
        membership = db.session.scalar(
            select(Membership).where(Membership.user_id == _user_id(app, world.a.board))
        )
        membership_id = membership.id
    login(client, world.a.admin)
    base = f"/o/{world.a.slug}/team/{membership_id}"
    if change == "role":
        client.post(f"{base}/role", data={f"m{membership_id}-role": "viewer"})
    else:
        client.post(f"{base}/remove")
    assert thief.get("/account").status_code == 302
    assert _signed_in_at(client, world)  # the admin who did it stays signed in


def test_the_account_page_lists_sessions_and_signs_out_everywhere(app, world):
    """Does the account page show each browser with its device, and does "sign out
    everywhere" end them all, this one too?"""
    phone = _signed_in(app, world.a.board, FIREFOX_ANDROID)
    laptop = _signed_in(app, world.a.board)
    page = laptop.get("/account").text
    assert "Firefox, Android" in page and "(deze browser)" in page
    assert page.count('class="card"') == 2
    assert laptop.post("/account/sign-out-everywhere").status_code == 302
    assert not _signed_in_at(laptop, world) and not _signed_in_at(phone, world)


def test_last_seen_is_written_at_most_every_few_minutes(app, world, monkeypatch):
    """Is a page view within five minutes of the last note left unwritten, and a later one
    noted?"""
    browser = _signed_in(app, world.a.board)
    with app.app_context():
        first = db.session.scalar(select(AccountSession.last_seen_at))
    _move_clock(monkeypatch, timedelta(minutes=3))
    browser.get("/account")
    with app.app_context():
        assert db.session.scalar(select(AccountSession.last_seen_at)) == first
    _move_clock(monkeypatch, timedelta(minutes=6))
    assert browser.get("/account").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(AccountSession.last_seen_at)) > first + timedelta(minutes=5)


def test_an_idle_session_expires_and_the_account_page_needs_a_sign_in(app, world, monkeypatch):
    """Is a session not seen for longer than the session lifetime refused?"""
    browser = _signed_in(app, world.a.board)
    _move_clock(monkeypatch, app.config["PERMANENT_SESSION_LIFETIME"] + timedelta(minutes=1))
    assert browser.get("/account").status_code == 302


@pytest.mark.parametrize(
    ("user_agent", "device"),
    [
        (FIREFOX_ANDROID, "Firefox, Android"),
        ("Mozilla/5.0 (Windows NT 10.0) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge, Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Safari/604.1",
            "Safari, iPhone",
        ),
        ("curl/8.5", ""),
    ],
)
def test_the_device_is_named_from_the_user_agent(user_agent, device):
    """Is the device named by browser and system, and left unnamed when unknown?"""
    assert device_of(user_agent) == device
