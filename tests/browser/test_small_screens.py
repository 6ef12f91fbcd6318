"""Every page of the formal work, on the smallest phone (320 px), with the demo's data: no
axe-core finding of any impact, tap targets of at least 44 px, nothing scrolls sideways.
The board, an admin (outbox, settings), the landlord's account (and a page refused to it) and
a member reading the feedback, in Dutch."""

from consult.demo import DEMO_PASSWORD, DEMO_SLUG, seed
from tests.browser.helpers import check_page, in_dutch

BOARD_PAGES = [
    "/",
    "/dossiers/",
    "/dossiers/1",
    "/dossiers/1/advice",
    "/dossiers/1/letter",
    "/dossiers/new",
    "/dossiers/1/edit",
    "/dossiers/5/consent",
    "/dossiers/5/consent/letter",
    "/dossiers/calendar",
    "/kruisjeslijst/",
    "/kruisjeslijst/edit",
    "/koepel/",
    "/participatiekalender/",
    "/panel/dashboard",
    "/consultations/1",
    "/consultations/1/results",
    "/consultations/1/results/open/4",
]
#: An admin's pages: the outbox (list, filtered, one mail) and the organisation's settings.
ADMIN_PAGES = ["/outbox", "/outbox?kind=invitation&status=pending", "/settings"]


def sign_in(app, page, base, address):
    page.goto(f"{base}/login")
    page.get_by_label(in_dutch(app, "E-mail address")).fill(address)
    page.get_by_label(in_dutch(app, "Password")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=in_dutch(app, "Sign in")).click()


def test_the_formal_work_fits_the_smallest_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    with app.app_context():
        seed()
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    board = context.new_page()
    sign_in(app, board, base, "bestuur@devoorbeeld.nl")
    for path in BOARD_PAGES:
        board.goto(f"{base}/o/{DEMO_SLUG}{path}")
        check_page(board, path, problems)
    board.goto(f"{base}/h/{DEMO_SLUG}/dossiers")
    check_page(board, "the public list of dossiers", problems)
    board.locator("h2.card-title a").first.click()
    check_page(board, "a feedback page", problems)
    board.goto(f"{base}/toegankelijkheid/{DEMO_SLUG}")
    check_page(board, "the accessibility statement", problems)

    admin = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = admin.new_page()
    sign_in(app, page, base, "admin@devoorbeeld.nl")
    for path in ADMIN_PAGES:
        page.goto(f"{base}/o/{DEMO_SLUG}{path}")
        check_page(page, path, problems)
    page.goto(f"{base}/o/{DEMO_SLUG}/outbox")
    page.locator("#outbox-caption ~ tbody a").first.click()
    check_page(page, "one mail of the outbox", problems)

    landlord = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = landlord.new_page()
    sign_in(app, page, base, "verhuurder@woonstichting.example")
    check_page(page, "the landlord's list", problems)
    page.locator("h2.card-title a").first.click()
    check_page(page, "the landlord's dossier", problems)
    page.goto(f"{base}/o/{DEMO_SLUG}/panel/")
    check_page(page, "a board page refused to the landlord", problems)
    for closing in (context, admin, landlord):
        closing.close()
    assert not problems, "\n".join(problems)
