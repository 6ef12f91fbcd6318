import pytest


@pytest.fixture
def client(app):
    """A board member's browser that asks for English pages (the texts the tests read)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def ctx(app):
    """An app context for service tests, with messages in English (the texts they read)."""
    from flask_babel import force_locale

    from consult.extensions import db

    with app.app_context(), force_locale("en"):
        yield
        db.session.rollback()
