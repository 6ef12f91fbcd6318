"""A board member writes the invitation in its own words and a mailing to the panel, on a
phone and without JavaScript; the mailing arrives with its unsubscribe headers."""

from email import message_from_bytes
from email.header import decode_header, make_header

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import axe_problems, in_dutch, sign_in, wait_for_mail


def seed(app) -> dict:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Eik")
        factories.member(org, "sanne@example.org", name="Sanne Bakker")
        consultation = factories.consultation(org)
        factories.invite(consultation)
        board = factories.user(org).email
        db.session.commit()
        return {"slug": org.slug, "board": board, "consultation_id": consultation.id}


def test_the_board_writes_its_own_words_without_javascript(live_server, browser, smtp_server):
    app, base = live_server.app, live_server.url
    people = seed(app)
    wait_for_mail(smtp_server, 1)  # the invitation
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, java_script_enabled=False, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    sign_in(app, page, base, people["board"])

    # The invitation mail in Dutch: a typo in a placeholder is refused by name.
    page.goto(f"{base}/o/{people['slug']}/consultations/{people['consultation_id']}")
    page.get_by_role("link", name=in_dutch(app, "Texts of mails and letters")).click()
    page.get_by_role("link", name="standaard Uitnodigingsmail, Nederlands").click()
    page.get_by_label(in_dutch(app, "Text")).fill("Beste {voornam},\n\nDoe mee: {link}")
    page.get_by_role("button", name=in_dutch(app, "Save text")).click()
    expect(page.get_by_text("Onbekende plaatshouder: {voornam}")).to_be_visible()

    # Fixed, previewed with the invited member's name, then saved.
    page.get_by_label(in_dutch(app, "Text")).fill("Beste {voornaam},\n\nDoe mee: {link}")
    page.get_by_role("button", name=in_dutch(app, "Show preview")).click()
    expect(page.get_by_text("Beste Sanne,")).to_be_visible()
    page.get_by_role("button", name=in_dutch(app, "Save text")).click()
    expect(page.get_by_text(in_dutch(app, "The text has been saved."))).to_be_visible()
    expect(
        page.get_by_role("link", name="eigen tekst Uitnodigingsmail, Nederlands")
    ).to_be_visible()

    # A mailing to the whole panel: counted first, then sent.
    page.goto(f"{base}/o/{people['slug']}/mailings")
    page.get_by_label(in_dutch(app, "Subject")).fill("De uitslag is binnen")
    page.get_by_label(in_dutch(app, "Text")).fill("Lees wat de huurders vonden.")
    page.get_by_role("button", name=in_dutch(app, "Count who it reaches")).click()
    expect(page.get_by_text("Dit bericht bereikt 1 lid.")).to_be_visible()
    page.get_by_role("button", name=in_dutch(app, "Send the mailing")).click()
    expect(page.get_by_text("Het bericht gaat naar 1 lid.")).to_be_visible()
    context.close()

    mailing = message_from_bytes(wait_for_mail(smtp_server, 2)[1])
    assert str(make_header(decode_header(mailing["Subject"]))) == "De uitslag is binnen"
    assert mailing["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Both pages pass axe (with JavaScript, which axe needs).
    checked = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = checked.new_page()
    sign_in(app, page, base, people["board"])
    problems = []
    page.goto(f"{base}/o/{people['slug']}/mailings")
    problems += axe_problems(page, "mailings")
    texts = f"{base}/o/{people['slug']}/consultations/{people['consultation_id']}/texts"
    page.goto(f"{texts}/invitation_letter/ar")
    problems += axe_problems(page, "letter text in Arabic")
    checked.close()
    assert problems == []
