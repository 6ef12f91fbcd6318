"""Fixtures for browser tests: a mail catcher, the app on a real port, and headless Chromium.

The app runs in a thread of the test process with werkzeug's server; mail leaves it over SMTP
to an aiosmtpd server that keeps every message in a list. Chromium is the Debian package
(/usr/bin/chromium), driven by Playwright. Without it the tests skip, unless
``CONSULT_REQUIRE_BROWSER=1`` (CI), where a missing browser is an error.
"""

import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from werkzeug.serving import make_server

from consult.extensions import db
from consult.mail.worker import WorkerThread
from tests.conftest import make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Every wait in a browser test ends within this many milliseconds.
TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def buffered(app):
    """``app`` with each response read whole and closed before werkzeug sends it.

    When a browser resets a connection while werkzeug drains the request (Chromium does this
    when it cancels a stylesheet request), werkzeug 3.1 skips closing the response, and the
    unclosed static file fails the test as a ResourceWarning. Pages here are small.
    """

    def application(environ, start_response):
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return application


@pytest.fixture
def live_server(database_url_for_test, smtp_server, upload_folder):
    """The app served over HTTP on 127.0.0.1 and a free port, mailing to ``smtp_server``."""
    app = make_app(
        database_url_for_test,
        UPLOAD_FOLDER=str(upload_folder),
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        BASE_URL="http://127.0.0.1",
        # Flask-Mail sends nothing when TESTING is on, unless told otherwise.
        MAIL_SUPPRESS_SEND=False,
        # A person's browser posts the real forms: CSRF protection stays on here.
        WTF_CSRF_ENABLED=True,
    )
    server = make_server("127.0.0.1", 0, buffered(app), threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url  # links in e-mails must carry the real port
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    worker = WorkerThread(app, poll_seconds=0.2)
    try:
        yield SimpleNamespace(app=app, url=url)
    finally:
        worker.stop()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright, shared by the session's browser tests."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`."
        if os.environ.get("CONSULT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CONSULT_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def phone(browser):
    """Make a fresh browser context (own cookies) at phone size: ``phone()`` -> context.

    Each person in a scenario gets one; they are all closed at teardown.
    """
    contexts = []

    def new_context(locale="nl-NL"):
        context = browser.new_context(
            viewport={"width": 375, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale=locale,
            timezone_id="Europe/Amsterdam",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/ in the repository root (ignored by git), for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
