"""Someone signs up for a session of the Participatielab on a 360 px phone, then cancels."""

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories

WIDE = "() => document.documentElement.scrollWidth > window.innerWidth"


def test_signing_up_for_a_session_on_a_phone(live_server, phone):
    """Can a person sign up for a session on a 360 px phone without sideways scrolling, see
    their place and cancel it?"""
    with live_server.app.app_context():
        event = factories.event(factories.organisation("Atrivé huurders"))
        db.session.commit()
        url = f"{live_server.url}/e/{event.public_key}"
    page = phone().new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url)
    assert not page.evaluate(WIDE)
    page.get_by_label("Naam").fill("Ans de Vries")
    page.get_by_label("E-mailadres").fill("ans@example.org")
    page.get_by_label("Soort deelnemer").select_option(label="Huurder (€ 50,00)")
    page.get_by_label("Duurzaamheid").check()
    page.get_by_label("Opmerkingen").fill("Vegetarisch")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Duurzaamheid: bevestigd")).to_be_visible()
    assert not page.evaluate(WIDE)
    page.get_by_role("button", name="Mijn aanmelding intrekken").click()
    expect(page.get_by_text("u bent afgemeld").first).to_be_visible()
