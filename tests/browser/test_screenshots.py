"""Screenshots of the pages tenants and boards use most, at 360 px (a phone) and 1280 px (a
laptop), on one seed of the demo: the answer page, the results split per Wijk, the panel
dashboard and a dossier. Each is saved in test-artifacts/ for a person to look at, and on
each, at both widths, nothing scrolls sideways and axe-core finds nothing of any impact."""

from playwright.sync_api import expect
from sqlalchemy import select

from consult.demo import DEMO_PASSWORD, DEMO_SLUG
from consult.extensions import db
from consult.panel.models import SegmentDimension
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import axe_problems, draw_every_chart, open_invitation, sign_in

WIDTHS = {"phone": 360, "laptop": 1280}


def board_pages(app) -> dict[str, str]:
    """The board's pages to shoot, by the screenshot's name: path in the organisation."""
    with app.app_context():
        wijk = db.session.scalar(select(SegmentDimension).where(SegmentDimension.name == "Wijk"))
        by = wijk.id
    return {
        "results-per-wijk": f"/consultations/1/results?by={by}",
        "panel-dashboard": "/panel/dashboard",
        "dossier": "/dossiers/1",
    }


def shoot(page, name: str, width: int, artifacts_dir) -> list[str]:
    """Draw every chart, save a full-page screenshot and say what is wrong on the page."""
    draw_every_chart(page)
    page.screenshot(path=str(artifacts_dir / f"{name}-{width}.png"), full_page=True)
    problems = axe_problems(page, f"{name} at {width} px", impacts=None)
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems.append(f"{name} at {width} px: the page scrolls sideways")
    return problems


def test_the_main_pages_at_phone_and_laptop_width(live_server, browser, artifacts_dir):
    """Do the answer page, split results, panel dashboard and a dossier look right (saved as
    screenshots) without sideways scrolling or any axe finding, on a phone and a laptop?"""
    app, base = live_server.app, live_server.url
    answer_url = f"{base}/i/{open_invitation(app)}"  # seeds the demo
    pages = board_pages(app)
    problems: list[str] = []
    tenant = browser.new_context(locale="nl-NL")
    board = browser.new_context(locale="nl-NL")
    try:
        for context in (tenant, board):
            context.set_default_timeout(TIMEOUT_MS)
        answer, board_page = tenant.new_page(), board.new_page()
        sign_in(app, board_page, base, "bestuur@devoorbeeld.nl", DEMO_PASSWORD)
        expect(board_page.locator("nav.main-nav")).to_be_visible()
        for width in WIDTHS.values():
            for page in (answer, board_page):
                page.set_viewport_size({"width": width, "height": 800})
            answer.goto(answer_url)
            problems += shoot(answer, "answer-page", width, artifacts_dir)
            for name, path in pages.items():
                board_page.goto(f"{base}/o/{DEMO_SLUG}{path}")
                problems += shoot(board_page, name, width, artifacts_dir)
    finally:
        tenant.close()
        board.close()
    shots = {f"{name}-{width}.png" for name in ["answer-page", *pages] for width in WIDTHS.values()}
    assert shots <= {path.name for path in artifacts_dir.iterdir()}
    assert not problems, "\n".join(problems)
