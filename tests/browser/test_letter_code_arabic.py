"""A tenant who reads Arabic types the code from her letter into /c on a 360 px phone and
answers the consultation in Arabic, right to left; her response keeps its language."""

from playwright.sync_api import expect
from sqlalchemy import select

from consult.extensions import db
from consult.invitations import codes, inviting
from consult.invitations.models import Invitation
from consult.panel import services as panel
from consult.surveys import translations
from consult.surveys.models.responses import Response
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import axe_problems
from tests.surveys.test_translations import ARABIC, arabic_texts


def letter_in_arabic(app) -> str:
    """An open consultation translated into Arabic; the code of the letter to a member who
    reads Arabic and has no e-mail address."""
    with app.app_context():
        org = factories.organisation()
        member = factories.member(org, name="Amal")
        member.email, member.locale = None, "ar"
        panel.set_post_details(member, "Dorpsstraat 12\n1234 AB Ons Dorp", "post")
        consultation = factories.consultation(org)
        translations.add_language(consultation, "ar")
        translations.save_translation(consultation, "ar", arabic_texts(consultation))
        inviting.invite_panel(consultation)
        code = codes.code_of(db.session.scalar(select(Invitation)))
        db.session.commit()
        return code


def test_a_letter_code_leads_to_the_questionnaire_in_arabic(live_server, browser):
    app, base = live_server.app, live_server.url
    code = letter_in_arabic(app)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{base}/c")
        page.locator("input[name=code]").fill(code.lower().replace("-", " "))
        page.locator(".code-form [type=submit]").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.get_by_role("heading", level=1)).to_have_text(ARABIC["title"])
        expect(page.get_by_text(ARABIC["question:1"])).to_be_visible()
        problems += axe_problems(page, "the Arabic answer page", impacts=None)
        # Right to left, what sticks out on the left (such as the skip link waiting off
        # screen) widens the page: the phone would show it zoomed out.
        if page.evaluate("document.documentElement.scrollWidth > 360 || window.innerWidth > 360"):
            problems.append("the Arabic page is wider than the phone")
        page.locator("label.choice").filter(has_text=ARABIC["options"][1]).click()
        page.locator("fieldset.choices").nth(1).locator("label.choice").last.click()
        page.get_by_role("button", name="إرسال إجاباتي").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا على إجاباتك")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert (response.language, response.channel) == ("ar", "letter")
