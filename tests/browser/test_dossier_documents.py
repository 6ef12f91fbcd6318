"""A board member adds the landlord's request to a dossier on a 320 px phone, without
JavaScript, downloads it and removes it; axe-core finds nothing on the page."""

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import check_page, in_dutch

PDF = b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF\n"
NAME = "Adviesaanvraag ‘De Linde’ 2026 " + "zonder_spaties_" * 6 + ".pdf"


def seed(app) -> dict:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        board = factories.user(org).email
        dossier = factories.dossier(org)
        db.session.commit()
        return {"url": f"/o/{org.slug}/dossiers/{dossier.id}", "board": board}


def phone_page(browser, javascript: bool):
    context = browser.new_context(
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        has_touch=True,
        locale="nl-NL",
        java_script_enabled=javascript,
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, app, base, email):
    page.goto(f"{base}/login")
    page.get_by_label(in_dutch(app, "E-mail address")).fill(email)
    page.get_by_label(in_dutch(app, "Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=in_dutch(app, "Sign in")).click()


def test_a_board_member_adds_downloads_and_removes_a_document(live_server, browser):
    """Can a board member on a 320 px phone without JavaScript add, open and remove a paper?"""
    app, base = live_server.app, live_server.url
    seeded = seed(app)
    page = phone_page(browser, javascript=False)
    sign_in(page, app, base, seeded["board"])
    page.goto(base + seeded["url"])
    page.get_by_label(in_dutch(app, "File")).set_input_files(
        {"name": NAME, "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label(in_dutch(app, "Kind of document")).select_option(
        label=in_dutch(app, "Request for advice")
    )
    page.get_by_role("button", name=in_dutch(app, "Add document")).click()
    link = page.get_by_role("link", name=NAME)
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == NAME
    assert download.value.path().read_bytes() == PDF

    # The page with the document on it, checked where scripts run (axe needs them).
    checked = phone_page(browser, javascript=True)
    sign_in(checked, app, base, seeded["board"])
    checked.goto(base + seeded["url"])
    problems: list[str] = []
    check_page(checked, "dossier page with a document", problems)
    assert not problems, "\n".join(problems)

    page.get_by_role("button", name=f"{in_dutch(app, 'Remove')} {NAME}").click()
    expect(page.get_by_role("link", name=NAME)).to_have_count(0)
    expect(page.locator(".timeline")).to_contain_text(NAME)
