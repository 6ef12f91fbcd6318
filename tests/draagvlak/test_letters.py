"""Addresses without e-mail: a letter with a short code, typed at /d/code, one vote per
address as with links."""

import io
import re

from pypdf import PdfReader

from consult.draagvlak import queries, services
from consult.draagvlak.models import Meting
from consult.extensions import db
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _meting_without_mail(app, world) -> int:
    """A meting of two addresses with e-mail and two without."""
    with app.app_context():
        meting, _ = factories.meting(db.session.get(Organisation, world.a.id), addresses=2)
        services.add_addresses(meting, b"Adres\nKerkstraat 1\nKerkstraat 2\n", "brief.csv")
        db.session.commit()
        return meting.id


def _letters(client, world, meting_id) -> str:
    login(client, world.a.board)
    response = client.get(f"/o/{world.a.slug}/draagvlak/{meting_id}/letters.pdf")
    assert response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def _codes(text: str) -> list[str]:
    return re.findall(r"\b[2-9A-Z]{5}-[2-9A-Z]{5}\b", text)


def test_each_address_without_e_mail_gets_a_letter_with_a_code(app, client, world):
    """Does the PDF hold one letter per address without e-mail, to its tenant, with the
    question, a code of its own and where to type it?"""
    meting_id = _meting_without_mail(app, world)
    text = _letters(client, world, meting_id)
    assert text.count("Aan de huurder van") == 2
    assert "Kerkstraat 1" in text and "Kerkstraat 2" in text and "Vogelstraat" not in text
    assert "Gaat u akkoord met het voorstel?" in text and "/d/code" in text
    assert len(set(_codes(text))) == 2


def test_the_code_leads_to_the_vote_and_counts_once(app, client, world):
    """Does a code typed carelessly lead to the address's vote, and is a second vote of the
    same address refused, by code as by link?"""
    meting_id = _meting_without_mail(app, world)
    code = _codes(_letters(client, world, meting_id))[0]
    typed = code.lower().replace("-", " ")
    page = client.post("/d/code", data={"code": typed})
    assert page.status_code == 302 and "/d/" in page.location
    assert client.post(page.location, data={"choice": "agree"}).status_code == 200
    again = client.post("/d/code", data={"code": code})
    refused = client.post(again.location, data={"choice": "disagree"})
    assert refused.status_code == 410
    with app.app_context():
        count = queries.count(db.session.get(Meting, meting_id))
        assert (count.addresses, count.voted, count.agree) == (4, 1, 1)


def test_who_voted_gets_no_letter_again(app, client, world):
    """After an address voted by its code, is it left out of the next print?"""
    meting_id = _meting_without_mail(app, world)
    code = _codes(_letters(client, world, meting_id))[0]
    client.post(client.post("/d/code", data={"code": code}).location, data={"choice": "agree"})
    assert len(_codes(_letters(client, world, meting_id))) == 1


def test_an_unknown_code_finds_nothing(client):
    """Does a code that no letter carries get a plain 'does not work' and no vote?"""
    response = client.post("/d/code", data={"code": "22222-22222"})
    assert response.status_code == 404
    assert "Deze code werkt niet" in response.text


def test_the_code_is_kept_only_as_a_hash(ctx):
    """Does the database hold the code's hash only, never the code?"""
    meting, _ = factories.meting(factories.organisation(), addresses=1)
    services.add_addresses(meting, b"Adres\nKerkstraat 9\n", "brief.csv")
    address = next(a for a in meting.addresses if a.email is None)
    code = services.code_of(address)
    assert address.code_hash and code.replace("-", "") not in address.code_hash
