"""Two-factor sign-in: setting up an authenticator app, the code step after the password,
recovery codes, its rate limit, and an organisation that requires it."""

import re
from datetime import UTC, timedelta

import pyotp
import pytest
from sqlalchemy import select

from consult.accounts.models import RecoveryCode, User
from consult.audit.models import AuditEntry
from consult.core import clock
from consult.extensions import db
from tests import factories
from tests.accounts.test_sessions import _move_clock
from tests.conftest import login


def _secret(app, email) -> str:
    with app.app_context():
        return db.session.scalar(select(User.totp_secret).where(User.email == email))


def _code(secret, ago: int = 0) -> str:
    """The app's code now, or ``ago`` steps of 30 seconds before."""
    now = clock.utcnow().replace(tzinfo=UTC)
    return pyotp.TOTP(secret).at(now - timedelta(seconds=30 * ago))


def _turn_on(app, client, email) -> list[str]:
    """Sign in and set up two-factor sign-in; the recovery codes shown."""
    login(client, email)
    client.post("/account/two-factor/start")
    page = client.post("/account/two-factor", data={"code": _code(_secret(app, email), ago=1)})
    assert page.status_code == 200, page.text
    return re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", page.text)


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.fixture
def board_with_two_factor(app, client, world):
    """World A's board member with two-factor sign-in on; their recovery codes."""
    return _turn_on(app, client, world.a.board)


def test_setting_up_shows_a_qr_code_and_the_secret_and_needs_a_code(app, client, world):
    """Does setting up show a QR code and the key as text, refuse a wrong code, and turn on
    with a right one, giving ten recovery codes, stored hashed, recorded in the audit log?"""
    login(client, world.a.admin)
    assert "Tweestapsverificatie" in client.get("/account").text
    client.post("/account/two-factor/start")
    page = client.get("/account/two-factor").text
    secret = _secret(app, world.a.admin)
    assert "<svg" in page and secret[:4] in page
    wrong = client.post("/account/two-factor", data={"code": "000000"})
    assert wrong.status_code == 400 and "Die code klopt niet" in wrong.text
    codes = _turn_on(app, client, world.a.admin)
    assert len(set(codes)) == 10
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)
    assert "two_factor.enabled" in _actions(app)


def test_sign_in_asks_for_the_code_after_the_password(app, world, board_with_two_factor):
    """Does the password alone not sign in, and the code from the app do?"""
    browser = app.test_client()
    response = login(browser, world.a.board)
    assert response.headers["Location"] == "/login/code"
    assert browser.get(f"/o/{world.a.slug}/").status_code == 302
    wrong = browser.post("/login/code", data={"code": "123456"})
    assert wrong.status_code == 200 and "Die code klopt niet" in wrong.text
    right = browser.post("/login/code", data={"code": _code(_secret(app, world.a.board))})
    assert right.status_code == 302
    assert browser.get(f"/o/{world.a.slug}/").status_code == 200


def test_a_code_is_accepted_once(app, world, board_with_two_factor):
    """Is a code that signed in once refused when replayed in the same 30 seconds?"""
    code = _code(_secret(app, world.a.board))
    first, thief = app.test_client(), app.test_client()
    login(first, world.a.board)
    assert first.post("/login/code", data={"code": code}).status_code == 302
    login(thief, world.a.board)
    assert thief.post("/login/code", data={"code": code}).status_code == 200
    assert thief.get(f"/o/{world.a.slug}/").status_code == 302


def test_a_recovery_code_signs_in_once_and_is_recorded(app, world, board_with_two_factor):
    """Does a recovery code sign in without the app, once, noted in the audit log?"""
    code = board_with_two_factor[0]
    browser, again = app.test_client(), app.test_client()
    login(browser, world.a.board)
    assert browser.post("/login/code", data={"code": code.upper()}).status_code == 302
    assert "two_factor.recovery_code_used" in _actions(app)
    login(again, world.a.board)
    assert again.post("/login/code", data={"code": code}).status_code == 200
    assert "9 herstelcodes over" in browser.get("/account").text


def test_the_code_step_is_limited_per_account_not_per_address(app, world, board_with_two_factor):
    """Are wrong codes counted per account, so a guesser switching addresses is stopped
    while another account behind the same address still signs in?"""
    statuses = []
    for number in range(11):
        guesser = app.test_client()
        guesser.environ_base["REMOTE_ADDR"] = f"10.0.0.{number + 1}"
        login(guesser, world.a.board)
        statuses.append(guesser.post("/login/code", data={"code": "000000"}).status_code)
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    neighbour = app.test_client()
    neighbour.environ_base["REMOTE_ADDR"] = "10.0.0.11"
    assert login(neighbour, world.a.viewer).status_code == 302


def test_the_code_step_expires(app, world, board_with_two_factor, monkeypatch):
    """Does the code step send back to the password after ten minutes?"""
    browser = app.test_client()
    login(browser, world.a.board)
    _move_clock(monkeypatch, timedelta(minutes=11))
    response = browser.post("/login/code", data={"code": _code(_secret(app, world.a.board))})
    assert response.headers["Location"].startswith("/login")
    assert browser.get(f"/o/{world.a.slug}/").status_code == 302


def test_turning_off_needs_the_password_and_is_recorded(app, client, world):
    """Does turning off refuse a wrong password, and with the right one end the code step?"""
    _turn_on(app, client, world.a.board)
    wrong = client.post("/account/two-factor/off", data={"stop-password": "geraden"})
    assert wrong.status_code == 400
    right = client.post("/account/two-factor/off", data={"stop-password": factories.PASSWORD})
    assert right.status_code == 302
    assert "two_factor.disabled" in _actions(app)
    assert login(app.test_client(), world.a.board).headers["Location"] != "/login/code"


def test_an_organisation_can_require_two_factor_for_everyone(app, client, world):
    """After the admin requires it, does a board member's next page lead to setting it up,
    and may they not turn it off?"""
    board = app.test_client()
    login(board, world.a.board)
    login(client, world.a.admin)
    saved = client.post(f"/o/{world.a.slug}/team/two-factor", data={"required": "y"})
    assert saved.status_code == 302
    assert "team.two_factor_required" in _actions(app)
    assert board.get(f"/o/{world.a.slug}/").headers["Location"] == "/account/two-factor"
    _turn_on(app, board, world.a.board)
    assert board.get(f"/o/{world.a.slug}/").status_code == 200
    refused = board.post("/account/two-factor/off", data={"stop-password": factories.PASSWORD})
    assert refused.status_code == 400 and "verplicht" in refused.text
