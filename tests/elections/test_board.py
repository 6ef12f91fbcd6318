"""The board's pages: set up an election, add candidates with a photo, draw up the
electorate, mail the links, watch the turnout, count, publish and download the ballots."""

import io
from datetime import timedelta

from sqlalchemy import select

from consult.core import clock
from consult.elections import counting
from consult.elections.models import Candidate, Election, Voter
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.organisations.models import Organisation
from consult.panel.models import Channel
from tests import factories
from tests.conftest import login

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _set_up(client, world, **changes):
    login(client, world.a.board)
    today = clock.today()
    data = {
        "title": "Bestuursverkiezing 2027",
        "seats": "2",
        "opens_on": (today + timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=14)).isoformat(),
        "quorum": "",
        **changes,
    }
    return client.post(f"/o/{world.a.slug}/verkiezingen/", data=data)


def test_the_board_sets_up_an_election_with_candidates(app, client, world):
    """Does a board member set up an election and add a candidate with a photo?"""
    response = _set_up(client, world)
    assert response.status_code == 302
    url = response.location
    added = client.post(
        f"{url}/candidates",
        data={"name": "Ans", "statement": "Ik zet me in.", "photo": (io.BytesIO(PNG), "a.png")},
    )
    assert added.status_code == 302
    page = client.get(url)
    assert "Ans" in page.text and "Ik zet me in." in page.text
    with app.app_context():
        candidate = db.session.scalar(select(Candidate))
        assert candidate.photo_type == "image/png"


def test_a_photo_of_another_type_is_refused(app, client, world):
    """Is a PDF as photo refused with a message, no candidate stored?"""
    url = _set_up(client, world).location
    response = client.post(
        f"{url}/candidates",
        data={"name": "Ans", "statement": "", "photo": (io.BytesIO(b"%PDF-1.7\n"), "a.pdf")},
        follow_redirects=True,
    )
    assert "JPEG- of PNG" in response.text
    with app.app_context():
        assert db.session.scalars(select(Candidate)).all() == []


def test_a_period_that_ends_before_it_starts_is_refused(app, client, world):
    response = _set_up(client, world, closes_on=clock.today().isoformat())
    assert response.status_code == 400
    assert "niet sluiten voordat" in response.text
    with app.app_context():
        assert db.session.scalars(select(Election)).all() == []


def test_the_electorate_gets_its_links_by_mail(app, client, world):
    """Does every active member become a voter and get the one-time link by mail, once?"""
    url = _set_up(client, world).location
    client.post(f"{url}/electorate")
    client.post(f"{url}/links")
    client.post(f"{url}/links")
    with app.app_context():
        voters = db.session.scalars(select(Voter)).all()
        assert len(voters) == len(world.a.member_ids)
        mails = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "election_link")
        ).all()
        assert len(mails) == len(voters)
        assert "/v/" in render(mails[0]).text


def test_turnout_is_live_and_results_come_after_the_count(app, client, world):
    """Does the board see how many voted but no result while voting is open, and after
    closing, counting and publishing, the result on the public page and the ballots?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        election, tokens = factories.election(org, members=3)
        db.session.commit()
        election_id = election.id
        ans = next(c.id for c in election.candidates if c.name == "Ans")
    client.post(f"/v/{tokens[0]}", data={"chosen": [ans], "submit": "1"})
    client.post(f"/v/{tokens[1]}", data={"abstain": "1"})
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/verkiezingen/{election_id}"
    page = client.get(url)
    assert "2 van de " in page.text and "Stemmen per kandidaat" not in page.text
    assert client.get(f"{url}/ballots.csv").status_code == 404
    with app.app_context():
        found = db.session.get(Election, election_id)
        found.opens_on = found.closes_on = clock.today() - timedelta(days=1)
        db.session.commit()
    client.post(f"{url}/count")
    client.post(f"{url}/publish")
    public = client.get(f"/h/{world.a.slug}/verkiezingen/{election_id}")
    assert public.status_code == 200
    assert "Stemmen per kandidaat" in public.text and "Blanco" in public.text
    ballots = client.get(f"{url}/ballots.csv")
    with app.app_context():
        found = db.session.get(Election, election_id)
        assert counting.recount(found, ballots.text) == counting.result(found)


def test_an_unpublished_result_is_not_public(app, client, world):
    with app.app_context():
        election, _tokens = factories.election(db.session.get(Organisation, world.a.id))
        db.session.commit()
        election_id = election.id
    assert client.get(f"/h/{world.a.slug}/verkiezingen/{election_id}").status_code == 404
    assert client.get(f"/h/{world.b.slug}/verkiezingen/{election_id}").status_code == 404


def test_members_on_post_get_a_letter_with_their_code(app, client, world):
    """Does the board download a printable letter for a member on post, and no mail go to
    that member?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        member = factories.member(org, name="Piet")
        member.postal_address = "Dorpsstraat 1\n1234 AB Ergens"
        member.channel = Channel.POST
        election, _tokens = factories.election(org, members=0)
        db.session.commit()
        election_id, email = election.id, member.email
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/verkiezingen/{election_id}"
    assert "per post (PDF)" in client.get(url).text
    letters = client.get(f"{url}/letters.pdf")
    assert letters.mimetype == "application/pdf" and letters.data.startswith(b"%PDF")
    client.post(f"{url}/links")
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
        assert email not in recipients
