"""The tenant of an address votes on the landlord's proposal on a 360 px phone, by the link
in the mail; opening the link again says the address has voted."""

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import check_page


def test_a_tenant_votes_for_an_address_on_a_360_px_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    with app.app_context():
        _meting, [token] = factories.meting(factories.organisation(), addresses=1)
        db.session.commit()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{base}/d/{token}")
        expect(page.get_by_text("Gaat u akkoord met het voorstel?")).to_be_visible()
        check_page(page, "the vote", problems)
        page.get_by_label("Ik stem in", exact=True).check()
        page.get_by_role("button", name="Stem voor dit adres").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("is geteld")
        page.goto(f"{base}/d/{token}")
        expect(page.get_by_role("alert")).to_contain_text("al gestemd")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
