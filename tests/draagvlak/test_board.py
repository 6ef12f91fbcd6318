"""The board's pages: start a meting, add the landlord's list, mail links and reminders,
see the count live and freeze the result for a dossier."""

import io
from datetime import timedelta

from sqlalchemy import select

from consult.core import clock
from consult.dossiers.services import content_hash
from consult.draagvlak.models import Meting, MetingSnapshot
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _meting(app, world, **kwargs):
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        meting, tokens = factories.meting(org, **kwargs)
        db.session.commit()
        return meting.id, tokens


def _start(client, world, closes_in_days: int):
    """The board member of A starts a meting that opens today."""
    login(client, world.a.board)
    today = clock.today()
    return client.post(
        f"/o/{world.a.slug}/draagvlak/",
        data={
            "title": "Renovatie",
            "question": "Akkoord?",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=closes_in_days)).isoformat(),
        },
    )


def test_the_board_starts_a_meting(app, client, world):
    """Does a board member start a draagvlakmeting with the legal threshold of 70%?"""
    response = _start(client, world, 14)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Meting.threshold)).all() == [70]


def test_a_period_that_ends_before_it_starts_is_refused(app, client, world):
    """Is a closing day before the opening day refused with a message, nothing stored?"""
    response = _start(client, world, -1)
    assert response.status_code == 400
    assert "niet sluiten voordat" in response.text
    with app.app_context():
        assert db.session.scalars(select(Meting)).all() == []


def test_the_landlords_list_is_imported(app, client, world):
    """Are the addresses of the landlord's CSV added, and a list without addresses refused?"""
    meting_id, _ = _meting(app, world, addresses=2)
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/draagvlak/{meting_id}/addresses"
    data = b"Adres;E-mail\nVogelstraat 2;x@example.org\nVogelstraat 9;\n"
    client.post(url, data={"file": (io.BytesIO(data), "lijst.csv")})
    bad = client.post(
        url, data={"file": (io.BytesIO(b"Naam\nJan\n"), "x.csv")}, follow_redirects=True
    )
    assert "kolom “adres”" in bad.text
    page = client.get(f"/o/{world.a.slug}/draagvlak/{meting_id}")
    assert "Adressen die meedoen (3)" in page.text


def test_links_and_reminders_go_through_the_outbox(app, client, world):
    """Does each address get its link once, and a reminder only while it has not voted?"""
    meting_id, tokens = _meting(app, world, addresses=3)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/draagvlak/{meting_id}"
    client.post(f"{base}/links")
    client.post(f"{base}/links")
    client.post(f"/d/{tokens[0]}", data={"choice": "agree"})
    client.post(f"{base}/reminders")
    with app.app_context():
        kinds = db.session.scalars(
            select(OutboxMessage.kind).where(OutboxMessage.kind.startswith("draagvlak"))
        ).all()
        assert sorted(kinds) == ["draagvlak_link"] * 3 + ["draagvlak_reminder"] * 2
        message = db.session.scalar(select(OutboxMessage).filter_by(kind="draagvlak_reminder"))
        mail = render(message)
        assert "nog niet gestemd" in mail.text and "/d/" in mail.text


def test_the_board_sees_the_count_live(app, client, world):
    """Does the board page say "7 van 10 adressen stemmen in: 70,0% ≥ 70%"?"""
    meting_id, tokens = _meting(app, world, addresses=10)
    for token in tokens[:7]:
        client.post(f"/d/{token}", data={"choice": "agree"})
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/draagvlak/{meting_id}")
    assert "7 van 10 adressen stemmen in: 70,0% ≥ 70%" in page.text
    assert "Vogelstraat 7" in page.text


def test_the_result_is_frozen_for_a_dossier_with_its_fingerprint(app, client, world):
    """Is the result stored with the dossier, its SHA-256 over the figures as they were?"""
    meting_id, tokens = _meting(app, world, addresses=2)
    client.post(f"/d/{tokens[0]}", data={"choice": "disagree"})
    login(client, world.a.board)
    client.post(
        f"/o/{world.a.slug}/draagvlak/{meting_id}/freeze", data={"dossier": world.a.dossier_id}
    )
    with app.app_context():
        snapshot = db.session.scalar(select(MetingSnapshot))
        assert snapshot.dossier_id == world.a.dossier_id
        assert snapshot.figures["voted_addresses"][0]["agrees"] is False
        assert (snapshot.figures["agree"], snapshot.figures["addresses"]) == (0, 2)
        assert snapshot.content_hash == content_hash(snapshot.figures)


def test_a_result_cannot_be_frozen_into_another_organisations_dossier(app, client, world):
    """Is a dossier of organisation B refused as evidence for A's meting?"""
    meting_id, _ = _meting(app, world, addresses=2)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/draagvlak/{meting_id}/freeze", data={"dossier": world.b.dossier_id}
    )
    assert response.status_code in (302, 404)
    with app.app_context():
        assert db.session.scalars(select(MetingSnapshot)).all() == []


def test_another_organisation_cannot_see_the_meting(app, client, world):
    """Does a board member of B get a 404 for A's meting under B's address?"""
    meting_id, _ = _meting(app, world, addresses=2)
    login(client, world.b.board)
    assert client.get(f"/o/{world.b.slug}/draagvlak/{meting_id}").status_code == 404


def test_the_proposal_is_a_document_the_tenant_can_read(app, client, world):
    """Is a PDF proposal kept and offered on the voting page, and a text file refused?"""
    meting_id, tokens = _meting(app, world, addresses=1)
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/draagvlak/{meting_id}/proposal"
    refused = client.post(
        url, data={"file": (io.BytesIO(b"gewoon tekst"), "voorstel.txt")}, follow_redirects=True
    )
    assert "PDF-, Word- of OpenDocument-bestand" in refused.text
    client.post(url, data={"file": (io.BytesIO(b"%PDF-1.7\n"), "voorstel.pdf")})
    client.post("/logout")
    assert "voorstel.pdf" in client.get(f"/d/{tokens[0]}").text
    download = client.get(f"/d/{tokens[0]}/proposal", buffered=True)
    assert (download.status_code, download.data) == (200, b"%PDF-1.7\n")


def test_the_dossier_page_shows_the_frozen_result(app, client, world):
    """Does the dossier show the frozen count and its fingerprint among its evidence?"""
    meting_id, tokens = _meting(app, world, addresses=4)
    for token in tokens[:3]:
        client.post(f"/d/{token}", data={"choice": "agree"})
    login(client, world.a.board)
    client.post(
        f"/o/{world.a.slug}/draagvlak/{meting_id}/freeze", data={"dossier": world.a.dossier_id}
    )
    page = client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}")
    with app.app_context():
        fingerprint = db.session.scalar(select(MetingSnapshot.content_hash))
    assert "3 van 4 adressen stemmen in: 75,0% ≥ 70%" in page.text
    assert fingerprint in page.text


def test_addresses_without_e_mail_get_their_link_by_letter(app, client, world):
    """Does the board download the working links of the addresses without e-mail only?"""
    meting_id, _ = _meting(app, world, addresses=1)
    login(client, world.a.board)
    data = b"Adres\nKerkstraat 1\n"
    client.post(
        f"/o/{world.a.slug}/draagvlak/{meting_id}/addresses",
        data={"file": (io.BytesIO(data), "zonder-mail.csv")},
    )
    sheet = client.get(f"/o/{world.a.slug}/draagvlak/{meting_id}/letters.csv")
    lines = sheet.data.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("Kerkstraat 1;")
    link = lines[1].split(";")[1]
    assert client.get(link[link.index("/d/") :]).status_code == 200
