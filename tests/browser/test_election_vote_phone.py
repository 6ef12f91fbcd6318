"""A member votes in a board election on a 360 px phone, by the link in the mail, on a plain
form without JavaScript: two candidates chosen, the thanks, and the used link says so calmly."""

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import check_page


def test_a_member_votes_in_an_election_on_a_360_px_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    with app.app_context():
        _election, [token] = factories.election(factories.organisation(), members=1)
        db.session.commit()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{base}/v/{token}")
        expect(page.get_by_text("Bram wil het bestuur versterken.")).to_be_visible()
        check_page(page, "the ballot", problems)
        page.get_by_label("Ans").check()
        page.get_by_label("Cor").check()
        page.get_by_role("button", name="Mijn stem uitbrengen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("uw stem is ontvangen")
        check_page(page, "the thanks", problems)
        page.goto(f"{base}/v/{token}")
        expect(page.get_by_role("status")).to_contain_text("al gebruikt")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
