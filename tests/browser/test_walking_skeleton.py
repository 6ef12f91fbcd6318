"""The whole path at phone size, done as people would do it in a browser.

A board member builds and publishes a consultation and invites the panel; a tenant answers
through the link in the e-mail (and cannot answer twice); the board reads the results and
freezes them as evidence in an advice dossier, which later answers do not change.

Accessibility (axe-core) is checked on the way; its findings are collected and reported
together at the end, so one problem does not hide the rest of the path.
"""

import email
import re
from datetime import timedelta
from email import policy

from playwright.sync_api import expect
from sqlalchemy import func, select

from consult.core.clock import today
from consult.core.policy import Role
from consult.dossiers.models import EvidenceSnapshot
from consult.extensions import db
from consult.surveys.models.responses import Response
from tests import factories
from tests.browser.helpers import axe_problems, in_dutch, wait_for_mail

LINK = re.compile(r"http://127\.0\.0\.1:\d+/i/[A-Za-z0-9_-]+")
TITLE = "Servicekosten 2026"
CHOICE_QUESTION = "Welke post vindt u het belangrijkst?"
CHOICE_OPTIONS = ["Schoonmaak", "Groen", "Verlichting"]
CHOSEN = "Groen"
SCALE_QUESTION = "De afrekening is duidelijk."
OPEN_QUESTION = "Heeft u nog opmerkingen?"
PANEL_SIZE = 3
PAPER_FORMS = 4


# --- helpers -------------------------------------------------------------------------------


def seed(app) -> dict:
    """An organisation with segments, a board member and a panel of three."""
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        wijk, leeftijd = factories.dimensions(org)
        board = factories.user(org, Role.BOARD, email="bestuur@example.org")
        for index in range(PANEL_SIZE):
            factories.member(
                org,
                email=f"huurder{index + 1}@example.org",
                values=[wijk.values[index % 2], leeftijd.values[index % 2]],
            )
        db.session.commit()
        return {"slug": org.slug, "board": board.email}


def response_count(app, consultation_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(Response)
            .where(Response.consultation_id == consultation_id)
        )


def stored_fingerprints(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(EvidenceSnapshot.content_hash)))


def link_from(raw: bytes) -> tuple[str, email.message.EmailMessage]:
    """The answer link from the plain-text part; checks the mail has text and HTML."""
    message = email.message_from_bytes(raw, policy=policy.default)
    types = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in types and "text/html" in types, f"parts of the e-mail: {types}"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    found = LINK.findall(plain)
    assert found, f"no answer link in the plain text:\n{plain}"
    assert found[0] in html, "the HTML part does not carry the same link"
    return found[0], message


def figure(scope, term: str):
    """The value (dd) under a term (dt) in a list of figures within ``scope``."""
    return (
        scope.locator("dt")
        .filter(has_text=re.compile(rf"^\s*{re.escape(term)}\s*$"))
        .locator("xpath=following-sibling::dd[1]")
    )


def answer_as_tenant(page, app, link: str, *, scale_answer: str = "Agree") -> None:
    """Open the link and answer every question by tapping the labels, then send."""
    page.goto(link)
    choice = page.get_by_role("group", name=re.compile(re.escape(CHOICE_QUESTION)))
    choice.get_by_text(CHOSEN, exact=True).click()
    scale = page.get_by_role("group", name=re.compile(re.escape(SCALE_QUESTION)))
    scale.get_by_text(in_dutch(app, scale_answer), exact=True).click()
    page.get_by_label(OPEN_QUESTION).fill("Graag meer groen bij de speeltuin.")
    expect(choice.get_by_label(CHOSEN, exact=True)).to_be_checked()
    expect(scale.get_by_label(in_dutch(app, scale_answer), exact=True)).to_be_checked()


# --- the scenario --------------------------------------------------------------------------


def test_walking_skeleton_at_phone_size(live_server, smtp_server, phone, artifacts_dir):
    app, base = live_server.app, live_server.url
    people = seed(app)
    problems: list[str] = []  # accessibility findings, reported at the end
    opens, closes = today(), today() + timedelta(days=14)

    # The board member signs in, in English (the choice sticks for the session).
    board = phone().new_page()
    js_errors: list[str] = []
    board.on("pageerror", lambda error: js_errors.append(str(error)))
    board.goto(f"{base}/login?lang=en")
    board.get_by_label("E-mail address").fill(people["board"])
    board.get_by_label("Password").fill(factories.PASSWORD)
    board.get_by_role("button", name="Sign in").click()
    expect(board.get_by_role("heading", level=1)).to_have_text("Huurdersvereniging De Linde")

    # A new consultation.
    board.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Consultations"
    ).click()
    board.get_by_role("link", name="New consultation").click()
    board.get_by_label("Title").fill(TITLE)
    board.get_by_label("Introduction for tenants").fill(
        "De verhuurder wil de servicekosten herzien. Wat vindt u belangrijk?"
    )
    board.get_by_label("Opens on").fill(opens.isoformat())
    board.get_by_label("Closes on").fill(closes.isoformat())
    board.get_by_role("button", name="Create consultation").click()
    expect(board.get_by_role("heading", level=1)).to_have_text(TITLE)
    consultation_id = int(re.search(r"/consultations/(\d+)", board.url).group(1))

    # Three questions: single choice (options one per line), agree scale, open text.
    def add_question(kind: str, text: str, options: list[str] = ()):
        board.get_by_label("Kind of question").select_option(label=kind)
        board.get_by_label("Question", exact=True).fill(text)
        if options:
            board.get_by_label("Options, one per line").fill("\n".join(options))
        board.get_by_role("button", name="Add question").click()
        expect(board.get_by_role("status")).to_contain_text("The question was added.")
        expect(board.locator("ol.questions")).to_contain_text(text)

    add_question("Single choice", CHOICE_QUESTION, CHOICE_OPTIONS)
    add_question("Agree scale (1-5)", SCALE_QUESTION)
    add_question("Open text", OPEN_QUESTION)
    for option in CHOICE_OPTIONS:
        expect(board.locator("ol.questions")).to_contain_text(option)

    board.get_by_role("button", name="Publish").click()
    expect(board.get_by_role("status")).to_contain_text("The consultation is published.")
    board.get_by_role("button", name="Send invitations").click()
    expect(board.get_by_role("status")).to_contain_text(f"{PANEL_SIZE} invitations are being sent.")

    # Every panel member gets a mail with a text and an HTML part and a personal link.
    mails = wait_for_mail(smtp_server, PANEL_SIZE)
    assert len(mails) == PANEL_SIZE
    links = {}
    for raw in mails:
        link, message = link_from(raw)
        assert link.startswith(base + "/i/"), f"{link} does not point at the live server {base}"
        assert TITLE in message["Subject"]
        links[message["To"]] = link
    assert len(set(links.values())) == PANEL_SIZE, "every member needs their own link"
    first_link, second_link = links["huurder1@example.org"], links["huurder2@example.org"]

    # The tenant opens the link on their phone: no account, Dutch by default.
    tenant = phone(locale="nl-NL").new_page()
    tenant.on("pageerror", lambda error: js_errors.append(str(error)))
    answer_as_tenant(tenant, app, first_link)
    expect(tenant.locator("html")).to_have_attribute("lang", "nl")
    send = in_dutch(app, "Send my answers")
    assert send != "Send my answers", "no Dutch translation for the tenant's answer page"
    notice = in_dutch(
        app, "Your answers are anonymous: they are not stored with your name or e-mail address."
    )
    expect(tenant.locator("p.notice")).to_have_text(notice)
    expect(tenant.get_by_role("heading", level=1)).to_have_text(TITLE)
    problems += axe_problems(tenant, "the tenant's answer page")
    tenant.screenshot(path=str(artifacts_dir / "answer-375.png"), full_page=True)
    tenant.get_by_role("button", name=send).click()
    expect(tenant.get_by_role("heading", level=1)).to_have_text(
        in_dutch(app, "Thank you for your answers")
    )
    assert response_count(app, consultation_id) == 1

    # The link works once: opening it again says so, and stores nothing.
    reopened = tenant.goto(first_link)
    assert reopened.status == 410
    expect(tenant.get_by_role("heading", level=1)).to_have_text(
        in_dutch(app, "You have already answered")
    )
    assert response_count(app, consultation_id) == 1

    # A volunteer types in four paper forms (fewer than five responses would show no figures).
    board.get_by_role("link", name="Enter paper forms").click()
    for _ in range(PAPER_FORMS):
        board.get_by_role("group", name=re.compile(re.escape(CHOICE_QUESTION))).get_by_text(
            CHOSEN, exact=True
        ).click()
        board.get_by_role("group", name=re.compile(re.escape(SCALE_QUESTION))).get_by_text(
            "Agree", exact=True
        ).click()
        board.get_by_role("button", name="Save and enter the next form").click()
        expect(board.get_by_role("status").first).to_contain_text("entered so far")
    problems += axe_problems(board, "the paper entry page")
    assert response_count(app, consultation_id) == 1 + PAPER_FORMS

    # The board reads the results: the table and a Plotly chart.
    results_url = f"{base}/o/{people['slug']}/consultations/{consultation_id}/results"
    board.goto(f"{base}/o/{people['slug']}/consultations/{consultation_id}")
    board.get_by_role("link", name="Results").click()
    expect(board).to_have_url(results_url)
    expect(figure(board.locator(".key-figures"), "Responses")).to_have_text("5")
    expect(figure(board.locator(".key-figures"), "Invited")).to_have_text(str(PANEL_SIZE))
    choice_section = board.locator("section.result").filter(
        has=board.get_by_role("heading", name=CHOICE_QUESTION)
    )
    expect(choice_section.locator("caption")).to_have_text("Answers (n = 5)")
    chosen_row = choice_section.get_by_role("row").filter(
        has=board.get_by_role("rowheader", name=CHOSEN, exact=True)
    )
    expect(chosen_row.get_by_role("cell")).to_have_text(["5", "100.0%"])
    choice_section.scroll_into_view_if_needed()  # charts further down are drawn on the way
    expect(choice_section.locator(".chart .main-svg").first).to_be_visible()
    problems += axe_problems(board, "the results page")

    # An advice dossier with the results frozen in it as evidence.
    board.get_by_role("navigation", name="Main menu").get_by_role("link", name="Dossiers").click()
    board.get_by_role("link", name="Open a dossier").click()
    board.get_by_label("Title").fill("Herziening servicekosten")
    board.get_by_label("Kind of advice").select_option(label="Requested advice (gevraagd)")
    board.get_by_label("Right that applies").select_option(label="Advice right")
    board.get_by_label("Date of the landlord's request").fill(opens.isoformat())
    board.get_by_role("button", name="Open dossier").click()
    expect(board.get_by_role("status")).to_contain_text("was opened")
    dossier_url = board.url
    board.get_by_label("Consultation", exact=True).select_option(label=TITLE)
    board.get_by_role("button", name="Link consultation").click()
    expect(board.get_by_role("status")).to_contain_text("The consultation was linked.")
    board.get_by_role("button", name="Freeze results as evidence").click()
    expect(board.get_by_role("status")).to_contain_text("The results were frozen as evidence.")
    fingerprints = stored_fingerprints(app)
    assert len(fingerprints) == 1 and re.fullmatch(r"[0-9a-f]{64}", fingerprints[0])
    evidence = board.locator("section.evidence")
    expect(evidence).to_have_count(1)
    expect(evidence.get_by_role("heading", level=3)).to_have_text(TITLE)
    expect(figure(evidence, "Respondents")).to_have_text("5")
    expect(evidence.locator(".hash code")).to_have_text(fingerprints[0])
    problems += axe_problems(board, "the dossier page")

    # A second member answers; the evidence stays frozen, the live results move on.
    second = phone(locale="nl-NL").new_page()
    answer_as_tenant(second, app, second_link, scale_answer="Disagree")
    second.get_by_role("button", name=send).click()
    expect(second.get_by_role("heading", level=1)).to_have_text(
        in_dutch(app, "Thank you for your answers")
    )
    assert response_count(app, consultation_id) == 2 + PAPER_FORMS

    board.goto(dossier_url)
    expect(figure(evidence, "Respondents")).to_have_text("5")
    expect(evidence.locator(".hash code")).to_have_text(fingerprints[0])
    assert stored_fingerprints(app) == fingerprints
    board.goto(results_url)
    expect(figure(board.locator(".key-figures"), "Responses")).to_have_text("6")
    expect(chosen_row.get_by_role("cell")).to_have_text(["6", "100.0%"])

    assert not js_errors, "JavaScript errors in the pages:\n" + "\n".join(js_errors)
    assert not problems, "Findings on the way:\n" + "\n".join(problems)
