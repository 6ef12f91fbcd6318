"""A board member turns on two-factor sign-in on a phone, keeps the recovery codes and signs
in with a code from the app; the copied session of another phone is signed out everywhere.
axe-core, tap targets and sideways scrolling are checked on each page."""

from datetime import UTC

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select

from consult.accounts.models import User
from consult.core import clock
from consult.core.policy import Role
from consult.extensions import db
from tests import factories
from tests.browser.helpers import check_page, in_dutch, sign_in


def _app_code(app, email: str) -> str:
    """What the person's authenticator app shows now."""
    with app.app_context():
        secret = db.session.scalar(select(User.totp_secret).where(User.email == email))
    return pyotp.TOTP(secret).at(clock.utcnow().replace(tzinfo=UTC))


def test_a_board_member_turns_on_two_factor_sign_in_on_a_phone(live_server, phone):
    app, base = live_server.app, live_server.url
    with app.app_context():
        board = factories.user(factories.organisation("Huurders De Eik"), Role.BOARD).email
        db.session.commit()
    problems: list[str] = []
    page = phone().new_page()
    sign_in(app, page, base, board)

    page.get_by_role("link", name=in_dutch(app, "Your account")).click()
    check_page(page, "the account page", problems)
    page.get_by_role("link", name=in_dutch(app, "Turn on two-factor sign-in")).click()
    page.get_by_role("button", name=in_dutch(app, "Start setting up")).click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    check_page(page, "setting up two-factor sign-in", problems)
    page.get_by_label(in_dutch(app, "Code"), exact=True).fill(_app_code(app, board))
    page.get_by_role("button", name=in_dutch(app, "Continue")).click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_page(page, "the recovery codes", problems)
    recovery_code = page.locator(".recovery-codes code").first.inner_text()

    other = phone().new_page()
    sign_in(app, other, base, board)
    check_page(other, "the code step", problems)
    other.get_by_label(in_dutch(app, "Code"), exact=True).fill(recovery_code)
    other.get_by_role("button", name=in_dutch(app, "Continue")).click()
    expect(other.get_by_role("link", name=in_dutch(app, "Your account"))).to_be_visible()

    page.goto(f"{base}/account")
    page.get_by_role("button", name=in_dutch(app, "Sign out everywhere")).click()
    other.reload()
    expect(other.get_by_role("heading", name=in_dutch(app, "Sign in"))).to_be_visible()
    assert not problems, "\n".join(problems)
