"""Fixtures: an app with a freshly migrated database per test, on SQLite or PostgreSQL.

SQLite (the default): the schema is migrated once into a template file, and every test gets
its own copy. PostgreSQL (``TEST_DATABASE_URL``): migrated once, and every table is emptied
after each test. Either way the schema comes only from the migrations.

No app context is held while the test client makes requests, so requests never share ``g``,
the database session or the signed-in user with the test or with each other. Service tests
take the ``ctx`` fixture; HTTP tests read ids from the ``world`` fixture.
"""

import os
import shutil
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from consult import create_app
from consult.core.policy import Role
from consult.extensions import db
from consult.settings import database_url
from tests import factories
from tests.mailserver import MailServer

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def make_app(url: str, **settings):
    return create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, **settings})


def _reset_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """The URL of a database migrated from empty, once per test session."""
    if POSTGRES_URL:
        _reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.sqlite'}"
    app = make_app(url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def database_url_for_test(migrated_database, tmp_path):
    if POSTGRES_URL:
        yield migrated_database
        _empty_all_tables(migrated_database)
        return
    copy = tmp_path / "test.sqlite"
    shutil.copy(migrated_database.removeprefix("sqlite:///"), copy)
    yield f"sqlite:///{copy}"


def _empty_all_tables(url: str) -> None:
    engine = create_engine(database_url(url))
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def upload_folder(tmp_path):
    """Where this test's app stores uploaded documents."""
    return tmp_path / "uploads"


@pytest.fixture
def app(database_url_for_test, upload_folder):
    app = make_app(database_url_for_test, UPLOAD_FOLDER=str(upload_folder))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


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
def world(app):
    """Two organisations, each with a board member, a panel of three and an open consultation.

    Returns plain ids and strings, so tests can use them outside any app context.
    """
    with app.app_context():
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
