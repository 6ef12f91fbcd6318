"""A tenant answers a three-page questionnaire with every kind of question, in Dutch.

On a 320 px phone (partly by keyboard only) and on a 1280 px screen: axe-core finds no
violation at all on any page, tap targets are at least 44 px high, nothing scrolls sideways,
and the response is stored once.
"""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from consult.extensions import db
from consult.surveys.models.responses import Response
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import check_page

SIZES = {"phone-320": (320, 640, True), "screen-1280": (1280, 800, False)}


def seed(app) -> str:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        factories.member(org)
        survey = factories.questionnaire(org)
        token = next(iter(factories.invite(survey).values()))
        db.session.commit()
        return token


def group(page, name: str):
    return page.get_by_role("group", name=name, exact=False).first


def first_page_by_keyboard(page) -> None:
    """Tab to the balcony question, answer 'Ja' and the first heating option, press Next."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    page.keyboard.press("Space")  # Ja
    page.keyboard.press("Tab")  # into the heating question
    page.keyboard.press("Space")  # Cv-ketel
    expect(group(page, "Hoe verwarmt u uw woning?").get_by_label("Cv-ketel")).to_be_checked()
    page.keyboard.press("Tab")  # the 'other' text box
    page.keyboard.press("Tab")  # Volgende
    page.keyboard.press("Enter")


@pytest.mark.parametrize("size", SIZES.keys())
def test_a_tenant_answers_every_kind_of_question(live_server, browser, size):
    app, base = live_server.app, live_server.url
    token = seed(app)
    width, height, mobile = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=mobile,
        has_touch=mobile,
        locale="nl-NL",
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{base}/i/{token}")
        expect(page.get_by_text("Pagina 1 · 0% klaar")).to_be_visible()
        check_page(page, f"{size} page 1", problems)
        if mobile:
            first_page_by_keyboard(page)
        else:
            group(page, "Heeft u een balkon?").get_by_text("Ja", exact=True).click()
            group(page, "Hoe verwarmt u uw woning?").get_by_text("Cv-ketel").click()
            page.get_by_role("button", name="Volgende").click()

        expect(page.get_by_text("Pagina 2 · 33% klaar")).to_be_visible()
        check_page(page, f"{size} page 2", problems)
        for statement in ("Het balkon is groot genoeg.", "Het balkon is veilig."):
            group(page, statement).get_by_text("Eens", exact=True).click()
        page.get_by_role("button", name="Volgende").click()

        expect(page.get_by_text("Pagina 3 · 66% klaar")).to_be_visible()
        page.get_by_role("button", name="Verstuur mijn antwoorden").click()  # nothing filled
        expect(page.locator("#error-summary")).to_be_focused()
        check_page(page, f"{size} page 3 with messages", problems)
        better = group(page, "Wat moet beter?")
        better.get_by_text("Isolatie").click()
        better.get_by_text("Geluid").click()
        group(page, "Welk cijfer geeft u uw woning?").get_by_text("8", exact=True).click()
        page.get_by_label("Hoeveel personen wonen er?").fill("2")
        page.get_by_label("Plaats 1").select_option(label="Onderhoud")
        page.get_by_label("Plaats 2").select_option(label="Huurprijs")
        group(page, "Ik woon hier graag.").get_by_text("Helemaal eens").click()
        page.get_by_label("In welke straat woont u?").fill("Dorpsstraat")
        page.get_by_role("button", name="Verstuur mijn antwoorden").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Bedankt")
    finally:
        context.close()
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1
    assert not problems, "\n".join(problems)
