import pytest


@pytest.fixture
def client(app):
    """A tenant's browser that asks for English pages (the texts the tests read)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
