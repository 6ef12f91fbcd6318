"""The health check, and migrations that build exactly the models' schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from consult.extensions import db
from tests.conftest import make_app


def test_health_check_answers_ok_when_the_database_answers(client):
    """Does /healthz say ok when the database is up?"""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_health_check_answers_503_when_the_database_is_gone(tmp_path):
    """Does /healthz say 503 when the database cannot be reached?"""
    app = make_app(f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}


def test_migrating_an_empty_database_gives_the_models_schema(app):
    """Does `upgrade` from empty create exactly what the models describe?"""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
