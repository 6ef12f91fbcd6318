"""Fixtures: one app per test session (per xdist worker) and a clean database per test.

The app of the ``app``/``client``/``ctx``/``world`` fixtures is built once per worker; before
each test its database is made clean (see tests/databases.py: a copied SQLite template, or
PostgreSQL emptied by one statement) and whatever a test can leave behind in the process is
put back (``_reset_process_state``). Either way the schema comes only from the migrations.
Tests that need other settings build their own apps on the same database (``app_with``).

No app context is held while the test client makes requests, so requests never share ``g``,
the database session or the signed-in user with the test or with each other. Service tests
take the ``ctx`` fixture; HTTP tests read ids from the ``world`` fixture.
"""

import copy
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from consult import create_app
from consult.core.policy import Role
from consult.extensions import db, limiter
from consult.surveys import kept_pages, translations
from tests import factories
from tests.databases import (
    WORKER,
    copy_in_postgres,
    copy_out_postgres,
    copy_sqlite,
    empty_postgres,
    migrate_from_empty,
    save_sqlite,
    worker_postgres_url,
)
from tests.databases import empty_postgres_at as _empty_all_tables  # noqa: F401 - stored XSS
from tests.mailserver import MailServer

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """Run on every core by default (``-n auto``); ``-n 0`` or ``-p no:xdist`` runs in this
    process, and a debugger (``--pdb``) always does."""
    xdist = config.pluginmanager.hasplugin("xdist")
    if xdist and not WORKER and config.option.numprocesses is None and not config.option.usepdb:
        config.option.numprocesses = "auto"


def pytest_collection_modifyitems(config, items):
    """Mark the browser tests by their folder; skip ``postgres`` tests on SQLite."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        postgres = item.get_closest_marker("postgres")
        if postgres and not POSTGRES_URL:
            reason = postgres.kwargs.get("reason", "needs PostgreSQL")
            item.add_marker(pytest.mark.skip(reason=f"{reason}: set TEST_DATABASE_URL"))


def make_app(url: str, **settings):
    return create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, **settings})


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """The URL of a database migrated from empty, once per test session (per worker): on
    SQLite the template each test's database is copied from, on PostgreSQL the worker's
    database that every test uses."""
    if POSTGRES_URL:
        url = worker_postgres_url(POSTGRES_URL)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.sqlite'}"
    migrate_from_empty(make_app(url))
    return url


@pytest.fixture(scope="session")
def session_app(migrated_database, tmp_path_factory):
    """The app of the ``app`` fixture, built once per worker (building one costs about 0.1 s,
    mostly compiling the URL rules), with what it was built with to put back before each test.
    On SQLite its database is a file of its own that gets a fresh copy of the template."""
    url = migrated_database
    if not POSTGRES_URL:
        url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite'}"
    app = make_app(url)
    built = SimpleNamespace(
        url=url, config=copy.deepcopy(dict(app.config)), extensions=set(app.extensions)
    )
    yield app, built
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def database_url_for_test(request, session_app, migrated_database, upload_folder):
    """The URL of this test's clean database, with the process as a new app would find it;
    with the ``world`` data in it from the start when the test uses ``world``.

    SQLite: a fresh copy of the template (or of the world) before the test. PostgreSQL: the
    world's rows copied in before, and emptied after the test (the way the session starts, and
    what a module-wide fixture such as the stored XSS one expects), when the test's other
    apps are closed.
    """
    app, built = session_app
    _reset_process_state(app, built, upload_folder)
    world = request.getfixturevalue("world_snapshot") if "world" in request.fixturenames else None
    with app.app_context():
        if POSTGRES_URL and world:
            with db.engine.begin() as connection:
                copy_in_postgres(connection, world.kept)
        elif not POSTGRES_URL:
            db.engine.dispose()
            copy_sqlite(world.kept if world else _path(migrated_database), _path(built.url))
    yield built.url
    if POSTGRES_URL:
        with app.app_context(), db.engine.begin() as connection:
            empty_postgres(connection)


def _path(sqlite_url: str) -> str:
    return sqlite_url.removeprefix("sqlite:///")


def _reset_process_state(app, built, upload_folder) -> None:
    """Put back all a test can leave behind in this process, as a freshly built app has it.

    - ``app.config`` as built (tests change settings), with this test's UPLOAD_FOLDER;
    - ``app.extensions`` as built: drops state kept per app, such as the deadline mail's
      last round (consult/dossiers/deadlines/notices.py);
    - Flask-Limiter: one limiter per process, bound to the settings of the app last built
      (a test may build others) and counting in memory: bound to this app again, counts
      empty;
    - the answer pages and questions kept in memory (consult/surveys/kept_pages.py);
    - the app's logger, which some tests silence (it is the process's "consult" logger).

    Left alone on purpose, being memoisation keyed by all it depends on: the functools
    caches (parsed locales, mail headers and subjects per language, compiled statements,
    query shapes, the chart template), the session's signing serializer (kept per set of
    keys), Flask-Babel's catalogues per language, Jinja's compiled templates. Login and
    session state live in each test's own client (its cookies) and in ``g``.
    """
    app.config.clear()
    app.config.update(copy.deepcopy(built.config), UPLOAD_FOLDER=str(upload_folder))
    for name in set(app.extensions) - built.extensions:
        del app.extensions[name]
    limiter.init_app(app)
    kept_pages.forget()
    translations.forget()
    app.logger.disabled = False


@pytest.fixture
def upload_folder(tmp_path):
    """Where this test's app stores uploaded documents."""
    return tmp_path / "uploads"


@pytest.fixture
def app(session_app, database_url_for_test):
    """The session's app on this test's clean database."""
    app, _built = session_app
    yield app
    with app.app_context():
        db.session.remove()


@pytest.fixture
def app_with(database_url_for_test, upload_folder):
    """Build more apps on this test's database with other settings; closed afterwards."""
    built = []

    def build(**settings):
        built.append(
            make_app(database_url_for_test, **{"UPLOAD_FOLDER": str(upload_folder), **settings})
        )
        return built[-1]

    yield build
    for other in built:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def ctx(app):
    """An app context for tests that call services directly (no HTTP requests inside)."""
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailing_app(app_with, smtp_server):
    """An app that sends its mail over SMTP to ``smtp_server``, retrying without pause."""
    return app_with(
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        MAIL_SUPPRESS_SEND=False,
        MAIL_RETRY_BASE_SECONDS=0,
    )


def login(client, email, password=factories.PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def world(app, world_snapshot):
    """Two organisations, each with a board member, a panel of three and an open consultation.

    Returns plain ids and strings, so tests can use them outside any app context. The data
    is built once per worker and is in this test's database from its start (see
    ``database_url_for_test``); the ids are this test's own copy.
    """
    return copy.deepcopy(world_snapshot.ids)


@pytest.fixture(scope="session")
def world_snapshot(session_app, migrated_database, tmp_path_factory):
    """``world`` built once on a clean database: its ids, and the database kept to put back
    (a SQLite file, or PostgreSQL's rows, after which the database is emptied again)."""
    app, built = session_app
    with app.app_context():
        if not POSTGRES_URL:
            db.engine.dispose()
            copy_sqlite(_path(migrated_database), _path(built.url))
        ids = _build_world()
    with app.app_context():
        if POSTGRES_URL:
            with db.engine.begin() as connection:
                kept = copy_out_postgres(connection)
                empty_postgres(connection)
        else:
            db.engine.dispose()
            kept = str(tmp_path_factory.mktemp("world") / "world.sqlite")
            save_sqlite(_path(built.url), kept)
    return SimpleNamespace(ids=ids, kept=kept)


def _build_world() -> SimpleNamespace:
    orgs = {}
    for key, name in (("a", "Huurders Alfa"), ("b", "Huurders Beta")):
        org = factories.organisation(name)
        wijk, leeftijd = factories.dimensions(org)
        board = factories.user(org, Role.BOARD)
        viewer = factories.user(org, Role.VIEWER)
        admin = factories.user(org, Role.ADMIN)
        landlord = factories.user(org, Role.LANDLORD)
        for index in range(3):
            factories.member(org, values=[wijk.values[index % 2], leeftijd.values[0]])
        survey = factories.consultation(org)
        tokens = factories.invite(survey)
        draft = factories.consultation(org, publish=False, title="Concept")
        dossier = factories.dossier(org)
        orgs[key] = SimpleNamespace(
            slug=org.slug,
            id=org.id,
            board=board.email,
            viewer=viewer.email,
            admin=admin.email,
            landlord=landlord.email,
            consultation_id=survey.id,
            draft_id=draft.id,
            draft_question_ids=[q.id for q in draft.questions],
            dossier_id=dossier.id,
            dimension_id=wijk.id,
            tokens=list(tokens.values()),
            member_ids=[m.id for m in org_members(org)],
        )
    db.session.commit()
    return SimpleNamespace(**orgs)


def org_members(org):
    from consult.panel.services import members_of

    return members_of(org)
