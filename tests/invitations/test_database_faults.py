"""The database goes away while tenants send their answers: each send is stored whole, once,
or the tenant gets a page that says to try again and still holds what they typed.

On PostgreSQL a proxy (tests/faultproxy.py) stands between the app and the server and fails
like a restart: every connection cut, new ones refused for a moment. On SQLite another
connection holds the write lock.
"""

import html
import re
import sqlite3
import threading
import time

import pytest
from flask_babel import force_locale
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from consult import extensions
from consult.core.errors import ERROR_MESSAGES
from consult.extensions import db
from consult.invitations.models import Participation
from consult.mail import delivery
from consult.settings import database_url
from consult.surveys.models.responses import Answer, Response
from tests import factories
from tests.conftest import POSTGRES_URL, login, make_app
from tests.faultproxy import FaultProxy
from tests.invitations.test_delivery import invite_members, statuses

OPEN_ANSWER = 'Graag "vaker" schoonmaken & <snel>'

needs_postgres = pytest.mark.postgres(reason="cuts PostgreSQL connections")
needs_sqlite = pytest.mark.skipif(
    bool(POSTGRES_URL), reason="the write lock of one SQLite file; PostgreSQL locks rows"
)


def invited(app, tenants: int) -> list[tuple[str, dict[str, str]]]:
    """An open consultation with ``tenants`` invited members: each one's token and answers."""
    with app.app_context():
        org = factories.organisation()
        for _ in range(tenants):
            factories.member(org)
        consultation = factories.consultation(org)
        tokens = list(factories.invite(consultation).values())
        db.session.commit()
        return [
            (token, factories.form_data(factories.answers(consultation, text=OPEN_ANSWER)))
            for token in tokens
        ]


def kept_fields(page: str) -> dict[str, str]:
    """The hidden fields of the "send again" form on a try-again page."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
    return {name: html.unescape(value) for name, value in found}


def try_again_message(app) -> str:
    with app.test_request_context(), force_locale("nl"):
        return html.escape(str(ERROR_MESSAGES[503]), quote=True)


def stored(app) -> tuple[int, list[int], int]:
    """Responses, the number of answers in each, and invitations spent."""
    with app.app_context():
        per_response = db.session.scalars(
            select(func.count(Answer.id))
            .select_from(Response)
            .outerjoin(Answer, Answer.response_id == Response.id)
            .group_by(Response.id)
        ).all()
        spent = db.session.scalar(select(func.count(Participation.key_hash)))
        return len(per_response), sorted(per_response), spent


def assert_try_again_page(app, response, typed: dict[str, str]) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert try_again_message(app) in response.text
    assert "Traceback" not in response.text and "locked" not in response.text
    assert kept_fields(response.text) == typed


@pytest.fixture
def proxy(database_url_for_test):
    """A proxy in front of this test's PostgreSQL database."""
    url = make_url(database_url(database_url_for_test))
    proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def proxied_app(database_url_for_test, proxy, upload_folder):
    """The app on this test's database, reaching it only through ``proxy``; without rate
    limits, as every tenant of these tests comes from the same address."""
    url = make_url(database_url(database_url_for_test)).set(host="127.0.0.1", port=proxy.port)
    app = make_app(
        url.render_as_string(hide_password=False),
        UPLOAD_FOLDER=str(upload_folder),
        RATELIMIT_ENABLED=False,
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@needs_postgres
def test_a_send_while_the_database_is_down_asks_to_try_again_and_then_works(
    app, proxied_app, proxy
):
    """With PostgreSQL down, does the tenant get a page to try again that keeps the answers,
    and does sending again once it is back store them once?"""
    [(token, typed)] = invited(app, 1)
    client = proxied_app.test_client()
    assert client.get(f"/i/{token}").status_code == 200  # a pooled connection, then cut
    proxy.cut()
    response = client.post(f"/i/{token}", data=typed)
    assert_try_again_page(proxied_app, response, typed)
    assert stored(app) == (0, [], 0)
    proxy.restore()
    again = client.post(f"/i/{token}", data=kept_fields(response.text))
    assert again.status_code == 302 and again.location.endswith(f"/i/{token}/thanks")
    assert stored(app) == (1, [3], 1)
    assert client.post(f"/i/{token}", data=typed).status_code == 410


@needs_postgres
def test_connections_that_died_while_idle_are_replaced_unseen(
    app, proxied_app, proxy, monkeypatch
):
    """After a restart while the site was quiet (every pooled connection dead, the database
    back), does the next tenant simply get the page?"""
    monkeypatch.setattr(extensions, "PING_AFTER_IDLE_SECONDS", 0)  # idle long enough
    [(token, _typed)] = invited(app, 1)
    client = proxied_app.test_client()
    assert client.get(f"/i/{token}").status_code == 200  # pooled connections, then cut
    proxy.cut()
    proxy.restore()
    response = client.get(f"/i/{token}")
    assert response.status_code == 200 and "Servicekosten" in response.text


@needs_postgres
@pytest.mark.parametrize("moment", ["inserting the answers", "committing"])
def test_a_cut_halfway_through_a_send_stores_nothing_of_it(app, proxied_app, proxy, moment):
    """When the connection drops after the response row is written but before the answers
    are, or at the commit, is nothing of that response kept, and does the retry store it all?"""
    [(token, typed)] = invited(app, 1)
    client = proxied_app.test_client()
    with proxied_app.app_context():
        engine = db.engine

    def cut_at_answers(_conn, _cursor, statement, *_args):
        if statement.startswith("INSERT INTO answers"):
            proxy.cut()

    def cut_at_commit(_conn):
        proxy.cut()

    name, hook = (
        ("before_cursor_execute", cut_at_answers)
        if moment == "inserting the answers"
        else ("commit", cut_at_commit)
    )
    event.listen(engine, name, hook)
    try:
        response = client.post(f"/i/{token}", data=typed)
    finally:
        event.remove(engine, name, hook)
    assert_try_again_page(proxied_app, response, typed)
    assert stored(app) == (0, [], 0)
    proxy.restore()
    assert client.post(f"/i/{token}", data=kept_fields(response.text)).status_code == 302
    assert stored(app) == (1, [3], 1)


@needs_postgres
def test_tenants_sending_through_repeated_restarts_are_each_stored_once_and_whole(
    app, proxied_app, proxy
):
    """While PostgreSQL restarts three times, does every tenant who sends again after a
    try-again page end up with exactly one complete response?"""
    tenants = invited(app, 24)
    outcomes: dict[str, list[int]] = {}
    problems: list[str] = []

    def tenant_thread(share):
        try:
            send_all(proxied_app.test_client(), share)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            problems.append(repr(error))

    def send_all(client, share):
        for token, typed in share:
            codes = outcomes.setdefault(token, [])
            data = typed
            while len(codes) < 30:
                response = client.post(f"/i/{token}", data=data)
                codes.append(response.status_code)
                if response.status_code in (302, 410):  # stored; 410: stored by the try before
                    break
                if response.status_code != 503 or kept_fields(response.text) != typed:
                    problems.append(f"{token[:6]}: {response.status_code}")
                    break
                data = kept_fields(response.text)
                time.sleep(0.1)

    def restarts():  # while tenants are still sending: after the 3rd, 10th and 17th started
        for started in (3, 10, 17):
            while len(outcomes) < started:
                time.sleep(0.01)
            proxy.cut()
            time.sleep(0.3)  # down: new connections refused
            proxy.restore()

    threads = [threading.Thread(target=tenant_thread, args=(tenants[n::4],)) for n in range(4)]
    chaos = threading.Thread(target=restarts)
    chaos.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=25)
    chaos.join()
    assert not problems
    assert any(503 in codes for codes in outcomes.values())  # the restarts did hit sends
    assert all(codes[-1] in (302, 410) for codes in outcomes.values()), outcomes
    assert stored(app) == (24, [3] * 24, 24)


@needs_postgres
def test_a_cut_after_the_page_is_made_does_not_spoil_it(app, proxied_app, proxy):
    """When the connection drops after the page was made but before the request is tidied
    up, does the tenant still get the page (not an error), and the next page too?"""
    [(token, typed)] = invited(app, 1)
    armed = threading.Event()

    @proxied_app.after_request
    def cut_after_the_page(response):
        if armed.is_set():
            armed.clear()
            proxy.cut()
        return response

    client = proxied_app.test_client()
    # With answers saved, the page is made from them (not kept), in a transaction.
    assert client.post(f"/i/{token}?page=1", data={**typed, "step": "save"}).status_code == 302
    armed.set()
    assert client.get(f"/i/{token}").status_code == 200  # only reads: a transaction is open
    proxy.restore()
    assert client.get(f"/i/{token}").status_code == 200


@needs_postgres
def test_board_pages_say_try_again_while_the_database_is_down(app, proxied_app, proxy, world):
    """Does a signed-in board member get the try-again page, not an error 500, while the
    database is down, and the page itself once it is back?"""
    client = proxied_app.test_client()
    login(client, world.a.board)
    proxy.cut()
    response = client.get(f"/o/{world.a.slug}/")
    assert response.status_code == 503
    assert try_again_message(proxied_app) in response.text
    assert 'type="hidden"' not in response.text  # nothing to send again
    proxy.restore()
    assert client.get(f"/o/{world.a.slug}/").status_code == 200


def write_lock(database_url_for_test: str) -> sqlite3.Connection:
    """Another connection holding the SQLite file's write lock until it commits."""
    holder = sqlite3.connect(
        database_url_for_test.removeprefix("sqlite:///"),
        isolation_level=None,
        check_same_thread=False,
    )
    holder.execute("BEGIN IMMEDIATE")
    return holder


@needs_sqlite
def test_a_write_lock_held_too_long_never_shows_database_is_locked(
    app, app_with, database_url_for_test
):
    """When another writer holds SQLite past the busy timeout, does the tenant get the
    try-again page with the answers kept, and does sending again work once it is free?"""
    [(token, typed)] = invited(app, 1)
    client = app_with(SQLITE_BUSY_TIMEOUT_SECONDS=0.2).test_client()
    holder = write_lock(database_url_for_test)
    try:
        response = client.post(f"/i/{token}", data=typed)
    finally:
        holder.rollback()
        holder.close()
    assert_try_again_page(app, response, typed)
    assert stored(app) == (0, [], 0)
    assert client.post(f"/i/{token}", data=kept_fields(response.text)).status_code == 302
    assert stored(app) == (1, [3], 1)


@needs_sqlite
def test_a_short_write_lock_only_delays_the_send(app, client, database_url_for_test):
    """When another writer holds SQLite for half a second, is the send simply stored after it?"""
    [(token, typed)] = invited(app, 1)
    holder = write_lock(database_url_for_test)
    release = threading.Timer(0.5, holder.rollback)
    release.start()
    try:
        started = time.monotonic()
        response = client.post(f"/i/{token}", data=typed)
    finally:
        release.join()
        holder.close()
    assert response.status_code == 302
    assert time.monotonic() - started >= 0.4
    assert stored(app) == (1, [3], 1)


@needs_sqlite
def test_a_mail_outcome_that_meets_another_writer_is_recorded_after_it(
    mailing_app, smtp_server, database_url_for_test
):
    """When another connection holds SQLite's write lock as the first message goes out, is
    every outcome still recorded once, and does the worker's connection go back to the pool
    with the usual busy timeout (the worker shortens it for its own writes)?"""
    invite_members(mailing_app, 5)
    holders = []

    def hold_the_lock_once():
        if not holders:
            holders.append(write_lock(database_url_for_test))
            threading.Timer(0.3, holders[0].rollback).start()

    smtp_server.watch = hold_the_lock_once
    busy_timeouts = []

    def note_busy_timeout(dbapi_connection, _record):
        busy_timeouts.append(dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0])

    with mailing_app.app_context():
        event.listen(db.engine, "checkin", note_busy_timeout)
        try:
            assert delivery.deliver_all() == 5
        finally:
            event.remove(db.engine, "checkin", note_busy_timeout)
    holders[0].close()
    assert statuses(mailing_app) == {"sent": 5}
    assert len(smtp_server.received) == 5
    assert set(busy_timeouts) == {mailing_app.config["SQLITE_BUSY_TIMEOUT_SECONDS"] * 1000}
