"""Voting on the ballot page, by the one-time link or the letter's code: exactly once, also
when two submits of one link arrive at the same moment."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.core import clock
from consult.elections import services
from consult.elections.models import Candidate, Election, Participation, SealedBallot, Voter
from consult.extensions import db
from consult.panel.models import Channel
from tests import factories


@pytest.fixture
def election(app):
    """An open election of two seats among Ans, Bram and Cor, with four voters."""
    with app.app_context():
        found, tokens = factories.election(factories.organisation())
        db.session.commit()
        candidates = {c.name: c.id for c in found.candidates}
        return {"id": found.id, "tokens": tokens, "candidates": candidates}


def stored(app) -> tuple[int, int]:
    """(participations, sealed ballots) in the database."""
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Participation)),
            db.session.scalar(select(func.count()).select_from(SealedBallot)),
        )


def test_a_member_votes_by_the_link(app, client, election):
    """Does the voter see the candidates, choose two, and get thanked?"""
    url = f"/v/{election['tokens'][0]}"
    page = client.get(url)
    assert "Bram wil het bestuur versterken." in page.text
    chosen = [election["candidates"]["Ans"], election["candidates"]["Cor"]]
    response = client.post(url, data={"chosen": chosen, "submit": "1"})
    assert response.status_code == 200
    assert "ontvangen" in response.text
    assert stored(app) == (1, 1)


def test_a_used_link_says_so_calmly(app, client, election):
    """Does the link, once used, say the vote was received, and store nothing more?"""
    url = f"/v/{election['tokens'][0]}"
    client.post(url, data={"abstain": "1"})
    again = client.get(url)
    assert again.status_code == 410
    assert "al gebruikt" in again.text
    client.post(url, data={"chosen": [election["candidates"]["Ans"]], "submit": "1"})
    assert stored(app) == (1, 1)


def test_too_many_candidates_is_refused_with_a_message(app, client, election):
    response = client.post(
        f"/v/{election['tokens'][0]}",
        data={"chosen": list(election["candidates"].values()), "submit": "1"},
    )
    assert response.status_code == 400
    assert "hoogstens 2" in response.text
    assert stored(app) == (0, 0)


def test_nothing_chosen_asks_to_choose_or_abstain(app, client, election):
    response = client.post(f"/v/{election['tokens'][0]}", data={"submit": "1"})
    assert response.status_code == 400
    assert stored(app) == (0, 0)


def test_an_unknown_link_finds_nothing(client, election):
    assert client.get("/v/not-a-token").status_code == 404


def test_no_vote_after_closing(app, client, election):
    with app.app_context():
        found = db.session.get(Election, election["id"])
        found.opens_on = found.closes_on = clock.today() - timedelta(days=1)
        db.session.commit()
    response = client.post(f"/v/{election['tokens'][0]}", data={"abstain": "1"})
    assert response.status_code == 403
    assert stored(app) == (0, 0)


def test_a_member_on_post_votes_with_the_code_from_the_letter(app, client):
    """Does a member on post get a letter with a code, and does typing it lead to the
    ballot, once?"""
    with app.app_context():
        org = factories.organisation()
        member = factories.member(org, name="Piet")
        member.postal_address = "Dorpsstraat 1\n1234 AB Ergens"
        member.channel = Channel.POST
        found, _tokens = factories.election(org, members=0)
        voter = db.session.scalar(select(Voter).where(Voter.member_id == member.id))
        code = services.code_of(voter)
        db.session.commit()
    ballot = client.post("/v/code", data={"code": code.lower().replace("-", " ")})
    assert ballot.status_code == 302
    response = client.post(ballot.location, data={"abstain": "1"})
    assert "ontvangen" in response.text
    used = client.post("/v/code", data={"code": code}, follow_redirects=True)
    assert used.status_code == 410
    assert client.post("/v/code", data={"code": "AAAAA-BBBBB"}).status_code == 404
    assert stored(app) == (1, 1)


def test_two_submits_of_one_link_at_the_same_moment_count_once(app, election):
    """Do several submits of the same link at the same moment store exactly one ballot?"""
    token, voters = election["tokens"][0], 4
    barrier = threading.Barrier(voters)
    statuses = []

    def submit(candidate):
        client = app.test_client()
        barrier.wait()
        data = {"chosen": [candidate], "submit": "1"}
        statuses.append(client.post(f"/v/{token}", data=data).status_code)

    names = list(election["candidates"].values())
    threads = [threading.Thread(target=submit, args=(names[n % 3],)) for n in range(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] + [410] * (voters - 1)
    assert stored(app) == (1, 1)


def test_the_photo_shows_on_the_ballot(app, client, election):
    """Does a candidate's photo (PNG) show on the voter's ballot?"""
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    with app.app_context():
        candidate = db.session.get(Candidate, election["candidates"]["Ans"])
        candidate.photo_stored_name = "photo"
        candidate.photo_type = "image/png"
        services.photo_path(candidate).parent.mkdir(parents=True, exist_ok=True)
        services.photo_path(candidate).write_bytes(png)
        db.session.commit()
    token = election["tokens"][0]
    assert f"/v/{token}/photo/{election['candidates']['Ans']}" in client.get(f"/v/{token}").text
    with client.get(f"/v/{token}/photo/{election['candidates']['Ans']}") as response:
        assert response.data == png and response.mimetype == "image/png"
    assert client.get(f"/v/{token}/photo/{election['candidates']['Bram']}").status_code == 404
