"""The secret ballot against an adversary holding a copy of the database (the SQLite file, or
a pg_dump of PostgreSQL), but not the application's key: with several members voting at
different moments, nothing ties a ballot to a voter, by dates, ids, row order, the outbox or
the audit log."""

import sqlite3
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from consult.audit.models import AuditEntry
from consult.core import clock
from consult.elections import counting, mailing
from consult.elections.models import Ballot, BallotMark, Election, Voter
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.panel.models import PanelMember
from tests import factories

#: Eight different ballots (two seats among A, B, C, D), cast in this order.
BALLOTS = [["A"], ["B"], ["C"], ["D"], ["A", "B"], ["C", "D"], ["A", "C"], []]


REAL_DATETIME = clock.datetime


def _move_clock(monkeypatch, by: timedelta) -> None:
    """Put the application's clock ``by`` ahead of the real one (consult/core/clock.py)."""

    class Moved(REAL_DATETIME):
        @classmethod
        def now(cls, tz=None):
            return REAL_DATETIME.now(tz) + by

    monkeypatch.setattr(clock, "datetime", Moved)


def _rows(model) -> list[tuple]:
    """Every row of a model's table, every column, as stored."""
    return [tuple(row) for row in db.session.execute(select(model.__table__)).all()]


def _vote_at_different_moments(app, monkeypatch):
    """Eight members vote, each a day and a few hours after the one before; the election
    is then counted. Returns the moments of voting and what the voters' rows were before."""
    with app.app_context():
        org = factories.organisation()
        election, tokens = factories.election(
            org, candidates=("A", "B", "C", "D"), members=len(BALLOTS)
        )
        mailing.send_links(election)
        db.session.commit()
        election_id = election.id
        ids = {c.name: c.id for c in election.candidates}
        before = [_rows(m) for m in (Voter, PanelMember, OutboxMessage, AuditEntry)]
    moments = []
    for number, (token, names) in enumerate(zip(tokens, BALLOTS, strict=True), start=1):
        moved = timedelta(days=number, hours=3 * number)
        _move_clock(monkeypatch, moved)
        moments.append(clock.utcnow())
        data = {"chosen": [ids[n] for n in names], "submit": "1"} if names else {"abstain": "1"}
        response = app.test_client().post(f"/v/{token}", data=data)
        assert response.status_code == 200, response.text
    with app.app_context():
        after = [_rows(m) for m in (Voter, PanelMember, OutboxMessage, AuditEntry)]
        assert after == before, "voting changed voters, members, the outbox or the audit log"
    _move_clock(monkeypatch, timedelta(days=30))
    with app.app_context():
        counting.count(db.session.get(Election, election_id))
        db.session.commit()
    return election_id, ids, moments


def _physical_order(app, election_id, ids) -> list[list[str]]:
    """The ballots in the order the table holds them (rowid in SQLite, ctid in PostgreSQL)."""
    names = {v: k for k, v in ids.items()}
    with app.app_context():
        position = "ctid" if db.engine.dialect.name == "postgresql" else "rowid"
        order = db.session.scalars(
            select(Ballot.id)
            .where(Ballot.election_id == election_id)
            .order_by(text(f"election_ballots.{position}"))
        ).all()
        marks = db.session.execute(select(BallotMark.ballot_id, BallotMark.candidate_id)).all()
    chosen = {ballot: [] for ballot in order}
    for ballot, candidate in marks:
        chosen[ballot].append(names[candidate])
    return [sorted(chosen[ballot]) for ballot in order]


def _check_the_copy(app, copy: str, election_id, ids, moments) -> None:
    for moment in moments:
        for day in {moment.date(), (moment + timedelta(hours=2)).date()}:
            assert day.isoformat() not in copy, f"a date of voting is in the copy: {day}"
    order = _physical_order(app, election_id, ids)
    assert sorted(order) == sorted(sorted(b) for b in BALLOTS)
    assert order != [sorted(b) for b in BALLOTS], "the ballots are in the order of voting"
    with app.app_context():
        assert all(not b.isdigit() for b in db.session.scalars(select(Ballot.id)))
        columns = {c.name for c in Ballot.__table__.c} | {c.name for c in BallotMark.__table__.c}
        assert columns == {"id", "election_id", "ballot_id", "candidate_id"}
        votes = counting.result(db.session.get(Election, election_id)).votes
        assert votes == {ids["A"]: 3, ids["B"]: 2, ids["C"]: 3, ids["D"]: 2}
        assert db.session.scalar(select(func.count()).select_from(Ballot)) == len(BALLOTS)


def _sqlite_copy(app, tmp_path) -> str:
    with app.app_context():
        source = sqlite3.connect(db.engine.url.database)
    target = sqlite3.connect(tmp_path / "copy.sqlite")
    source.backup(target)
    source.close()
    dump = "\n".join(target.iterdump())
    target.close()
    return dump


def _pg_dump(app) -> str:
    with app.app_context():
        url = db.engine.url.set(drivername="postgresql")
    address = make_url(url).render_as_string(hide_password=False)
    return subprocess.run(
        ["pg_dump", "--data-only", "--column-inserts", address],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_a_copy_of_the_sqlite_file_ties_no_ballot_to_a_voter(app, monkeypatch, tmp_path):
    """Does a copy of the SQLite file, after eight members voted at different moments and
    the count, hold no date of voting, ballots in random order with random ids, and no
    change to voters, members, outbox or audit log made by voting?"""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the SQLite file; PostgreSQL has its own test")
    election_id, ids, moments = _vote_at_different_moments(app, monkeypatch)
    _check_the_copy(app, _sqlite_copy(app, tmp_path), election_id, ids, moments)


@pytest.mark.postgres
def test_a_pg_dump_ties_no_ballot_to_a_voter(app, monkeypatch):
    """The same against pg_dump of the PostgreSQL database."""
    election_id, ids, moments = _vote_at_different_moments(app, monkeypatch)
    _check_the_copy(app, _pg_dump(app), election_id, ids, moments)
