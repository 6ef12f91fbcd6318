"""Does a copy of the database name the member behind an anonymous response? (issue 21)"""

import shutil
import sqlite3
from datetime import timedelta
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import select

from consult import demo
from consult.core import clock
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.invitations import codes, inviting, links, reminders
from consult.invitations.models import Invitation
from consult.panel import services as panel
from consult.surveys import closing, publication
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import QuestionKind
from consult.surveys.services import questions_with_options
from tests import factories
from tests.conftest import POSTGRES_URL
from tests.surveys import adversary

MIN = 5  #: MIN_GROUP_SIZE of the settings
#: The panel: (district, by post, how many); Oost is a group of two.
PANEL = [("Noord", False, 14), ("Noord", True, 6), ("Zuid", False, 8), ("Oost", False, 2)]
#: Who answers, in this order over the days; who saves a draft first; whose draft stays.
ANSWERING = 22
DRAFTS_FIRST = (0, 3, 9, 15)


@pytest.fixture
def held(app_with):
    """The application as installed: anonymous responses held back in blocks."""
    app = app_with(HOLD_ANONYMOUS_RESPONSES=True)
    return app


class Clock:
    """The application's clock, moved on by the test (consult/core/clock.py)."""

    def __init__(self, monkeypatch):
        self.offset = timedelta()
        real = clock.datetime
        outer = self

        class Moved(real):
            @classmethod
            def now(cls, tz=None):
                return real.now(tz) + outer.offset

        monkeypatch.setattr(clock, "datetime", Moved)

    def move(self, **delta):
        self.offset += timedelta(**delta)


def _build(app):
    """An organisation, its panel with districts, an anonymous consultation with an open
    question, invitations by mail and by letter; returns what the tenants need."""
    with app.app_context():
        org = factories.organisation()
        wijk = panel.define_dimension(org, "Wijk", ["Noord", "Zuid", "Oost"])
        values = {value.label: value for value in wijk.values}
        members = []
        for district, by_post, count in PANEL:
            for _ in range(count):
                number = len(members)
                member = factories.member(
                    org, f"huurder{number}@example.org", [values[district]], f"Huurder {number}"
                )
                if by_post:
                    member.email = None
                    panel.set_post_details(member, "Dorpsstraat 1\n1234 AB Dorp", "post")
                members.append(member)
        consultation = factories.consultation(org)
        inviting.invite_panel(consultation)
        db.session.commit()
        invitations = db.session.scalars(  # in the panel's order: the mail members first
            select(Invitation)
            .where(Invitation.consultation_id == consultation.id)
            .order_by(Invitation.id)
        ).all()
        tenants = {}
        for invitation in invitations:
            code = codes.code_of(invitation)
            tenants[str(invitation.member_id)] = (
                ("code", code)
                if code
                else ("link", derive_token(links.PURPOSE, invitation.token_salt))
            )
        questions = questions_with_options(consultation)
        open_question = next(q for q in questions if q.kind == QuestionKind.OPEN_TEXT)
        return {
            "id": consultation.id,
            "links": tenants,
            "open": f"q{open_question.id}",
            "form": factories.form_data(factories.answers(consultation)),
        }


def _answer_url(client, link) -> str:
    kind, value = link
    if kind == "link":
        return f"/i/{value}"
    return client.post("/c", data={"code": value}).location


def _copy_of_sqlite(app, folder) -> str:
    """The SQLite file as a backup would take it (WAL written back into it first)."""
    with app.app_context():
        path = db.engine.url.database
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    copy = str(folder / "copy.sqlite")
    shutil.copyfile(path, copy)
    return copy


def _play(app, tmp_path, monkeypatch, copy_of):
    """Tenants answer over ten days, with drafts and a reminder in between; after each send
    the adversary takes a copy. Returns the published counts seen after each send."""
    moved = Clock(monkeypatch)
    built = _build(app)
    client = app.test_client()
    members = list(built["links"])
    published, tables = [], copy_of(app, tmp_path)
    with app.app_context():
        consultation = db.session.get(Consultation, built["id"])
        reminders.schedule_reminder(consultation, clock.today() + timedelta(days=3))
        db.session.commit()
    for number in DRAFTS_FIRST + (ANSWERING + 1,):  # the last one's draft is never sent
        url = _answer_url(client, built["links"][members[number]])
        draft = {built["open"]: f"concept-{members[number]}.", "step": "save"}
        assert client.post(url, data=draft).status_code in (200, 302)
    for number, member in enumerate(members[:ANSWERING]):
        moved.move(hours=11)
        if number == 8:
            with app.app_context():
                assert (
                    reminders.send_due_reminders(clock.today()) == 24 - 8
                )  # by mail, not answered
        url = _answer_url(client, built["links"][member])
        form = {**built["form"], built["open"]: f"{adversary.TRUTH_MARK}{member}"}
        assert client.post(url, data=form).location.endswith("/thanks")
        with app.app_context():
            published.append(publication.counts(built["id"]))
        tables, previous = copy_of(app, tmp_path), tables
        _assert_nobody_named(tables, built["id"], previous)
        if number in DRAFTS_FIRST and copy_of is _sqlite_copy:
            _assert_draft_gone(app, tmp_path, member)
    with app.app_context():
        closing.close_early(db.session.get(Consultation, built["id"]), "Genoeg gehoord")
        db.session.commit()
        published.append(publication.counts(built["id"]))
    _assert_nobody_named(copy_of(app, tmp_path), built["id"])
    return published


def _assert_nobody_named(tables, consultation_id, previous=None):
    sets, sound = adversary.anonymity_sets(tables, consultation_id, previous)
    small = {response: members for response, members in sets.items() if len(members) < MIN}
    assert not small, f"named by {sound}: {small}"


def _assert_draft_gone(app, tmp_path, member):
    """The sent draft's text is nowhere in the file, not even in its free pages."""
    data = Path(_copy_of_sqlite(app, tmp_path)).read_bytes()
    assert f"concept-{member}.".encode() not in data


def _sqlite_copy(app, tmp_path):
    return adversary.sqlite_rows(_copy_of_sqlite(app, tmp_path))


def _dump(app, tmp_path):
    with app.app_context():
        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return adversary.dump_rows(url)


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the SQLite file: run without TEST_DATABASE_URL")
def test_a_copy_of_the_sqlite_file_names_nobody(held, tmp_path, monkeypatch):
    """Tenants answer at different moments by mail and letter, with drafts and a reminder:
    does any copy of the SQLite file, joined every way, leave a response to fewer than
    MIN_GROUP_SIZE members?"""
    published = _play(held, tmp_path, monkeypatch, _sqlite_copy)
    assert published[-1] == (ANSWERING, ANSWERING)


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="pg_dump of PostgreSQL: set TEST_DATABASE_URL")
def test_a_pg_dump_names_nobody(held, tmp_path, monkeypatch):
    """The same with a ``pg_dump`` of the database after each send."""
    published = _play(held, tmp_path, monkeypatch, _dump)
    assert published[-1] == (ANSWERING, ANSWERING)


def test_published_states_differ_by_a_whole_block(held, tmp_path, monkeypatch):
    """Walking a consultation through every state it publishes (each send, then closing):
    do any two shown counts differ by 1 to MIN_GROUP_SIZE - 1 responses?"""
    published = _play(held, tmp_path, monkeypatch, lambda app, folder: _empty_tables())
    shown = [count for count, _received in published]
    for earlier, later in combinations(shown, 2):
        assert abs(later - earlier) == 0 or abs(later - earlier) >= MIN, shown
    for count, received in published[:-1]:  # while it runs: a multiple, a block behind
        assert count % MIN == 0 and (count == 0 or received - count >= MIN)


def _empty_tables():
    return {table: [] for table in adversary.TABLES}


def test_the_join_that_named_demo_respondents_names_nobody(app_with, tmp_path, monkeypatch):
    """The demo's anonymous consultation of 120 responses: does joining on consultation, day
    and segments (which named 27 of them with name and address) name anyone now?"""
    app = app_with(HOLD_ANONYMOUS_RESPONSES=True)
    with app.app_context():
        demo.seed()
        consultation = db.session.scalar(
            select(Consultation).where(Consultation.closes_on < clock.today())
        )
        assert publication.counts(consultation.id) == (120, 120)
    tables = _dump(app, tmp_path) if POSTGRES_URL else _sqlite_copy(app, tmp_path)
    found = adversary.attacks(tables, consultation.id)
    for response_id, by_day in found["date"].items():
        joined = by_day & found["segments"][response_id]
        assert len(joined) >= MIN


def test_the_join_names_respondents_of_responses_stored_as_before():
    """Is the adversary's day-and-segment join able to name a respondent when responses keep
    their day and invitations theirs, as they did before (so the tests above are not empty)?"""
    member = {"id": "1", "email": "a@example.org", "last_active_on": None}
    tables = {table: [] for table in adversary.TABLES}
    tables["panel_members"] = [member, {**member, "id": "2", "email": "b@example.org"}]
    tables["invitations"] = [
        {"id": "7", "consultation_id": "3", "member_id": "1", "channel": "mail",
         "used_on": "2026-11-02", "opened_on": "2026-11-02", "created_at": "2026-11-01",
         "sent_at": None},
        {"id": "8", "consultation_id": "3", "member_id": "2", "channel": "mail",
         "used_on": "2026-11-05", "opened_on": "2026-11-05", "created_at": "2026-11-01",
         "sent_at": None},
    ]  # fmt: skip
    tables["responses"] = [
        {"id": "r1", "consultation_id": "3", "channel": "invitation", "submitted_on": "2026-11-02"}
    ]
    assert adversary.attacks(tables, 3)["date"] == {"r1": {"1"}}
