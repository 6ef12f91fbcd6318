"""A secret draagvlakmeting against a copy of its database: no vote can be tied to an
address, and the live count shows the turnout only until the vote closes."""

import sqlite3
from contextlib import closing
from datetime import timedelta

import pytest

from consult.core.clock import today
from consult.draagvlak import mailing, queries, voting
from consult.extensions import db
from tests import factories
from tests.conftest import POSTGRES_URL


def _secret_meting(org_name: str, choices: list[bool]):
    """A secret meting of three addresses; the first ones vote ``choices``, then reminders."""
    meting, _ = factories.meting(factories.organisation(org_name), addresses=3, secret=True)
    mailing.send_links(meting)
    for address, agrees in zip(sorted(meting.addresses, key=lambda a: a.id), choices, strict=False):
        voting.cast(address, agrees)
    mailing.send_reminders(meting)
    db.session.commit()
    return meting.id


def _copy(tmp_path) -> str:
    """A copy of the SQLite database as an adversary would take it, file and all."""
    source = db.session.connection().connection.driver_connection
    target = str(tmp_path / "copy.sqlite")
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def _what_the_copy_says(path: str, meting_id: int) -> dict:
    """Everything the copy holds about the meting's votes and addresses, in storage order,
    with what differs by chance alone (random ids, the sealed bytes) reduced to its shape."""
    with closing(sqlite3.connect(path)) as copy:
        votes = copy.execute(
            "SELECT rowid, length(id), agrees, address_id, length(sealed) FROM draagvlak_votes"
            " WHERE meting_id = ? ORDER BY rowid",
            (meting_id,),
        ).fetchall()
        addresses = copy.execute(
            "SELECT address, email, voted_on FROM draagvlak_addresses WHERE meting_id = ?"
            " ORDER BY rowid",
            (meting_id,),
        ).fetchall()
        outbox = copy.execute(
            "SELECT kind, recipient FROM outbox_messages ORDER BY rowid"
        ).fetchall()
    mails = [(kind, recipient) for kind, recipient in outbox if kind.startswith("draagvlak")]
    return {
        "votes": [row[1:] for row in votes],
        "addresses": addresses,
        "mails": mails,
    }


@pytest.mark.skipif(bool(POSTGRES_URL), reason="reads a SQLite copy's file and row order")
def test_a_copy_of_the_database_cannot_tell_how_an_address_voted(ctx, tmp_path):
    """When the first address agrees and the second does not in one meting, and the other
    way round in another, does a copy of the database hold the same about both: the same
    votes in the same order, days, mails, and nothing in plain?"""
    first = _secret_meting("Huurders Een", [True, False])
    second = _secret_meting("Huurders Twee", [False, True])
    path = _copy(tmp_path)
    one, two = _what_the_copy_says(path, first), _what_the_copy_says(path, second)
    assert one["votes"] == two["votes"] == [(32, None, None, one["votes"][0][3])] * 2
    assert (one["addresses"], one["mails"][:4]) == (two["addresses"], two["mails"][4:])
    with closing(sqlite3.connect(path)) as copy:
        dump = "\n".join(copy.iterdump())
    assert "draagvlak-vote" not in dump  # the sealing purpose names no vote in plain


def test_both_choices_seal_to_the_same_length(ctx):
    """Is a sealed agree exactly as long as a sealed disagree?"""
    meting, _ = factories.meting(factories.organisation(), addresses=1, secret=True)
    lengths = {len(voting.seal_choice(meting, agrees)) for agrees in (True, False) * 5}
    assert len(lengths) == 1


def test_the_live_count_of_a_secret_vote_shows_the_turnout_only(ctx):
    """While a secret meting is open, does the count give the turnout and no agree count,
    and after closing the result over all addresses?"""
    meting, _ = factories.meting(factories.organisation(), addresses=10, secret=True)
    for index, address in enumerate(sorted(meting.addresses, key=lambda a: a.id)[:8]):
        voting.cast(address, index < 7)
    live = queries.count(meting)
    assert (live.voted, live.agree, live.percentage, live.passed) == (8, None, None, False)
    meting.opens_on, meting.closes_on = today() - timedelta(days=9), today() - timedelta(days=1)
    result = queries.count(meting)
    assert (result.voted, result.agree, str(result.percentage), result.passed) == (
        8, 7, "70.0", True,
    )  # fmt: skip


def test_the_board_sees_only_the_turnout_while_a_secret_vote_is_open(app, client, world):
    """Does the board's page of an open secret meting say how many voted, not how?"""
    from consult.organisations.models import Organisation
    from tests.conftest import login

    with app.app_context():
        meting, _ = factories.meting(db.session.get(Organisation, world.a.id), secret=True)
        voting.cast(meting.addresses[0], True)
        meting_id = meting.id
        db.session.commit()
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/draagvlak/{meting_id}").text
    assert "1 van 10 adressen hebben gestemd" in page
    assert "wordt pas geteld na de sluiting" in page
    assert "adressen stemmen in" not in page
