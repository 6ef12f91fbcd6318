"""The addresses concerned taken from the panel's postal addresses in a segment."""

from consult.draagvlak import panel_addresses
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.panel import segments
from consult.panel.models import Channel
from tests import factories
from tests.conftest import login


def _panel(org):
    """A complex dimension; four members in the Vogelbuurt (two sharing a home, one on post,
    one without an address) and one elsewhere."""
    dimension = segments.add_dimension(org, "Complex", "Vogelbuurt\nBloemenbuurt")
    vogel, bloem = dimension.values
    ans = factories.member(org, "ans@example.org", [vogel])
    ans.postal_address = "Merelstraat 1\n1234 AB Arnhem"
    housemate = factories.member(org, "bert@example.org", [vogel])
    housemate.postal_address = "Merelstraat 1\n1234 AB Arnhem"
    cor = factories.member(org, "cor@example.org", [vogel])
    cor.postal_address, cor.channel = "Merelstraat 3\n1234 AB Arnhem", Channel.POST
    factories.member(org, "dirk@example.org", [vogel])  # no postal address
    elsewhere = factories.member(org, "els@example.org", [bloem])
    elsewhere.postal_address = "Tulpweg 2\n1234 CD Arnhem"
    db.session.flush()
    return vogel


def test_the_segments_addresses_are_added_once_each(ctx):
    """Are the Vogelbuurt's homes added once each, the link mailed where the member takes
    mail and a letter for the one on post, and the member without an address counted?"""
    org = factories.organisation()
    vogel = _panel(org)
    meting, _ = factories.meting(org, addresses=1)
    assert panel_addresses.add_from_segment(meting, vogel.id) == (2, 1)
    found = {a.address: a.email for a in meting.addresses}
    assert found["Merelstraat 1, 1234 AB Arnhem"] == "ans@example.org"
    assert found["Merelstraat 3, 1234 AB Arnhem"] is None
    assert "Tulpweg 2, 1234 CD Arnhem" not in found
    assert panel_addresses.add_from_segment(meting, vogel.id) == (0, 1)  # nothing twice


def test_the_board_adds_a_segment_on_the_meting_page(app, client, world):
    """Can the board pick a segment on the meting's page and see the addresses added?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        vogel_id = _panel(org).id
        meting, _ = factories.meting(org, addresses=1)
        meting_id = meting.id
        db.session.commit()
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/draagvlak/{meting_id}"
    assert "Complex: Vogelbuurt" in client.get(url).text
    page = client.post(
        f"{url}/addresses-from-panel", data={"value": vogel_id}, follow_redirects=True
    )
    assert "Er zijn 2 adressen toegevoegd." in page.text
    assert "1 leden van het segment hebben geen postadres." in page.text


def test_a_segment_of_another_organisation_is_refused(app, client, world):
    """Is a segment value of another organisation refused with a message, adding nothing?"""
    with app.app_context():
        other = _panel(db.session.get(Organisation, world.b.id))
        meting, _ = factories.meting(db.session.get(Organisation, world.a.id), addresses=1)
        ids = (other.id, meting.id)
        db.session.commit()
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/draagvlak/{ids[1]}/addresses-from-panel"
    page = client.post(url, data={"value": ids[0]}, follow_redirects=True)
    assert "Kies een segment van het panel." in page.text
    assert "Merelstraat" not in page.text
