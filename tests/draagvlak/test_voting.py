"""Voting by an address's one-time link: the first vote counts, exactly once."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.core import clock
from consult.draagvlak import queries
from consult.draagvlak.models import Meting, Vote
from consult.extensions import db
from tests import factories


@pytest.fixture
def meting(app):
    """An open draagvlakmeting of three addresses; its id and the addresses' tokens."""
    with app.app_context():
        found, tokens = factories.meting(factories.organisation(), addresses=3)
        db.session.commit()
        return {"id": found.id, "tokens": tokens}


def vote_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Vote.id)))


def test_an_address_votes_by_its_link(app, client, meting):
    """Does the tenant see the question, vote, and get thanked?"""
    page = client.get(f"/d/{meting['tokens'][0]}")
    assert "Gaat u akkoord met het voorstel?" in page.text
    assert "Vogelstraat 1" in page.text
    response = client.post(f"/d/{meting['tokens'][0]}", data={"choice": "agree"})
    assert response.status_code == 200
    assert "geteld" in response.text
    assert vote_count(app) == 1


def test_a_later_vote_of_the_same_address_is_refused_clearly(app, client, meting):
    """Is a second vote of an address refused with a message, the first one kept?"""
    token = meting["tokens"][0]
    client.post(f"/d/{token}", data={"choice": "agree"})
    response = client.post(f"/d/{token}", data={"choice": "disagree"})
    assert response.status_code == 410
    assert "al gestemd" in response.text
    with app.app_context():
        assert db.session.scalars(select(Vote.agrees)).all() == [True]


def test_a_vote_without_a_choice_stores_nothing(app, client, meting):
    """Is an empty vote answered with the form again, nothing stored?"""
    response = client.post(f"/d/{meting['tokens'][0]}", data={})
    assert response.status_code == 400
    assert vote_count(app) == 0


def test_an_unknown_link_finds_nothing(client, meting):
    """Does a made-up token lead to a 404?"""
    assert client.get("/d/not-a-token").status_code == 404


def test_no_vote_after_closing(app, client, meting):
    """Is a vote after the period refused?"""
    with app.app_context():
        found = db.session.get(Meting, meting["id"])
        found.opens_on = found.closes_on = clock.today() - timedelta(days=1)
        db.session.commit()
    response = client.post(f"/d/{meting['tokens'][0]}", data={"choice": "agree"})
    assert response.status_code == 403
    assert vote_count(app) == 0


def test_simultaneous_votes_of_one_address_count_once(app, meting):
    """Do several submits of the same link at the same moment store exactly one vote?"""
    token, voters = meting["tokens"][0], 4
    barrier = threading.Barrier(voters)
    statuses = []

    def submit(choice):
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(f"/d/{token}", data={"choice": choice}).status_code)

    threads = [
        threading.Thread(target=submit, args=("agree" if n % 2 else "disagree",))
        for n in range(voters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] + [410] * (voters - 1)
    assert vote_count(app) == 1


def test_many_addresses_voting_at_once_are_each_counted_once(app):
    """Do ten addresses voting at the same moment, each twice, give ten votes?"""
    with app.app_context():
        found, tokens = factories.meting(factories.organisation(), addresses=10)
        db.session.commit()
        meting_id = found.id
    barrier = threading.Barrier(20)
    statuses = []

    def submit(token):
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(f"/d/{token}", data={"choice": "agree"}).status_code)

    threads = [threading.Thread(target=submit, args=(token,)) for token in tokens * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] * 10 + [410] * 10
    with app.app_context():
        count = queries.count(db.session.get(Meting, meting_id))
        assert (count.voted, count.agree, vote_count(app)) == (10, 10, 10)
