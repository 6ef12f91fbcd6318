"""A new board takes over: the admin invites the new treasurer on a phone, without
JavaScript-only steps, and she chooses her password through the mail. In Dutch; axe-core,
tap targets and sideways scrolling are checked on the team page, also with form errors."""

import email
import re
from email import policy

from playwright.sync_api import expect

from consult.core.policy import Role
from consult.extensions import db
from tests import factories
from tests.browser.helpers import check_page, in_dutch, sign_in, wait_for_mail


def password_link(raw: bytes) -> str:
    """The link to choose a password in the plain text of the invitation."""
    plain = email.message_from_bytes(raw, policy=policy.default).get_body(("plain",))
    return re.search(r"http://127\.0\.0\.1:\d+/password/reset/\S+", plain.get_content()).group(0)


def seed(app) -> dict:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        admin = factories.user(org, Role.ADMIN)
        admin.name = "Kees Voorzitter"
        factories.user(org, Role.BOARD).name = "Oud-penningmeester"
        db.session.commit()
        return {"slug": org.slug, "admin": admin.email}


def test_the_admin_invites_the_new_treasurer_on_a_phone(live_server, smtp_server, phone):
    app, base = live_server.app, live_server.url
    people = seed(app)
    problems: list[str] = []
    page = phone().new_page()
    sign_in(app, page, base, people["admin"])

    page.get_by_role("link", name=in_dutch(app, "Team"), exact=True).click()
    check_page(page, "the team page", problems)

    # A mistyped address comes back with its message next to the field.
    page.get_by_label(in_dutch(app, "E-mail address")).fill("fatima@")
    page.get_by_role("button", name=in_dutch(app, "Send the invitation")).click()
    expect(page.locator("#email-error")).to_be_visible()
    check_page(page, "the team page with errors", problems)

    page.get_by_label(in_dutch(app, "E-mail address")).fill("fatima@example.org")
    page.get_by_label(in_dutch(app, "Name"), exact=True).fill("Fatima")
    page.get_by_role("button", name=in_dutch(app, "Send the invitation")).click()
    expect(page.get_by_role("heading", name="Fatima")).to_be_visible()
    check_page(page, "the team with an invited person", problems)

    treasurer = phone().new_page()
    treasurer.goto(password_link(wait_for_mail(smtp_server, 1)[0]))
    treasurer.get_by_label(in_dutch(app, "New password")).fill("een sterk wachtwoord")
    treasurer.get_by_label(in_dutch(app, "Repeat the new password")).fill("een sterk wachtwoord")
    treasurer.get_by_role("button", name=in_dutch(app, "Save password")).click()
    sign_in(app, treasurer, base, "fatima@example.org", "een sterk wachtwoord")
    expect(treasurer.get_by_role("link", name="Huurdersvereniging De Linde")).to_be_visible()

    assert not problems, "\n".join(problems)
