"""A tenant joins the panel on a phone, confirms through the mail, and later erases themselves.

Done in Dutch at phone size, with the mail received by a real SMTP server; axe-core checks
every page on the way and its findings are reported together at the end.
"""

import email
import re
from email import policy

from playwright.sync_api import expect
from sqlalchemy import select

from consult.extensions import db
from consult.membership.services import publish_privacy_text
from consult.panel.models import MemberStatus, PanelMember
from tests import factories
from tests.browser.helpers import axe_problems, in_dutch, wait_for_mail

TENANT = "fatima@example.org"


def seed(app) -> str:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        factories.dimensions(org)
        publish_privacy_text(org, "We bewaren uw e-mailadres alleen voor het huurderspanel.")
        db.session.commit()
        return org.slug


def mailed_link(raw: bytes, path: str) -> str:
    """The link to ``path`` in the plain text of a mail, which also carries the RFC 8058
    one-click unsubscribe headers."""
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(rf"http://127\.0\.0\.1:\d+{path}[A-Za-z0-9_-]+", plain)
    assert found, f"no {path} link in:\n{plain}"
    return found.group(0)


def member_status(app) -> str | None:
    with app.app_context():
        return db.session.scalar(select(PanelMember.status).where(PanelMember.email == TENANT))


def test_a_tenant_joins_on_a_phone_and_later_erases_themselves(live_server, smtp_server, phone):
    """Can a tenant join with double opt-in on a phone, and erase all their data later?"""
    app, problems = live_server.app, []
    slug = seed(app)
    page = phone().new_page()

    page.goto(f"{live_server.url}/join/{slug}")
    problems += axe_problems(page, "join page")
    page.get_by_label(in_dutch(app, "Your e-mail address")).fill(TENANT)
    page.get_by_label(in_dutch(app, "Your name (optional)")).fill("Fatima")
    page.get_by_label("Wijk").select_option(label="Noord")
    page.get_by_role("button", name=in_dutch(app, "Join the panel")).click()
    consent_error = in_dutch(app, "Please tick this box to join.")
    expect(page.get_by_text(consent_error)).to_be_visible()  # nothing stored without consent
    assert member_status(app) is None
    problems += axe_problems(page, "join page with an error")
    consent = "I have read the privacy statement and agree that my answers are used as described"
    page.get_by_text(in_dutch(app, consent)).click()  # the label is a big enough tap target
    page.get_by_role("button", name=in_dutch(app, "Join the panel")).click()
    expect(page.get_by_role("heading", name=in_dutch(app, "Check your e-mail"))).to_be_visible()
    assert member_status(app) == MemberStatus.SIGNED_UP

    page.goto(mailed_link(wait_for_mail(smtp_server, 1)[0], "/join/confirm/"))
    problems += axe_problems(page, "confirmation page")
    page.get_by_role("button", name=in_dutch(app, "Yes, I want to be on the panel")).click()
    expect(page.get_by_role("heading", name=in_dutch(app, "You are on the panel"))).to_be_visible()
    assert member_status(app) == MemberStatus.ACTIVE

    later = "Change your details or leave the panel later through your own page."
    page.get_by_role("link", name=in_dutch(app, later)).click()
    page.get_by_label(in_dutch(app, "Your e-mail address")).fill(TENANT)
    page.get_by_role("button", name=in_dutch(app, "Send me a link")).click()
    page.goto(mailed_link(wait_for_mail(smtp_server, 2)[1], "/m/"))
    problems += axe_problems(page, "open own page")
    page.get_by_role("button", name=in_dutch(app, "Open my page")).click()
    problems += axe_problems(page, "own page")
    expect(page.get_by_label("Wijk")).to_have_value(re.compile(r"\d+"))
    page.get_by_text(
        in_dutch(app, "Yes, erase my data. I understand this cannot be undone.")
    ).click()
    page.get_by_role("button", name=in_dutch(app, "Erase my data")).click()
    erased = in_dutch(app, "Your data has been erased")
    expect(page.get_by_role("heading", name=erased)).to_be_visible()
    assert member_status(app) is None
    with app.app_context():
        assert db.session.scalars(select(PanelMember.status)).all() == [MemberStatus.ERASED]
    assert not problems, "\n".join(problems)
