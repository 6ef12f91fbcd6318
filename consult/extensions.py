"""Flask extensions, created unbound and bound to an app in create_app."""

from flask import current_app, request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations match on every database."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class KeptSessionLoginManager(LoginManager):
    """Flask-Login, but its session protection leaves a session alone that holds nobody
    signed in and comes without a remember-me cookie: there is nothing to protect. Flask-Login's
    "strong" mode otherwise marks every such session (a visitor's, holding only a CSRF token)
    to clear a remember-me cookie it does not have, so the session cookie is signed and sent
    anew with every page a tenant opens or saves."""

    def _session_protection_failed(self) -> bool:
        remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        if "_user_id" not in session and remember_cookie not in request.cookies:
            return False
        return super()._session_protection_failed()


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = KeptSessionLoginManager()
mail = Mail()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_session_end(app) -> None:
    """End each request's database session without letting a lost connection spoil the page.

    Flask-SQLAlchemy's own teardown closes the session, which rolls back an open transaction;
    on a connection that died after the response was made (a database restart) that raises,
    turning a page that worked into an error and leaking the connection. Closing here first,
    where such an error can be caught, marks the connection invalid instead. This runs before
    Flask-SQLAlchemy's teardown because it is registered after it.
    """
    from sqlalchemy.exc import DBAPIError

    @app.teardown_appcontext
    def close_session(_error):
        if not db.session.registry.has():  # this request did not use it
            return
        try:
            db.session.close()
        except DBAPIError as error:
            app.logger.warning("Database connection lost after the response: %s", error)


#: A pooled connection unused for longer than this is tested before use (see ``init_idle_ping``).
PING_AFTER_IDLE_SECONDS = 1.0


def init_idle_ping(engine) -> None:
    """Test a pooled connection before use when it has been idle for a while, or when the
    server has closed it meanwhile (a restart: it is then readable), so that a connection that
    died is replaced unseen; if one fails, every older pooled connection is replaced too.
    A busy worker's connection, used a moment ago and still open, costs no extra round trip
    per request, as ``pool_pre_ping``'s test of every checkout does: only a look at its
    socket. SQLite: nothing to test.
    """
    import time

    from sqlalchemy import event
    from sqlalchemy.exc import InvalidatePoolError

    if engine.dialect.name == "sqlite":
        return

    @event.listens_for(engine, "checkin")
    def note_idle(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def test_if_idle_or_closed(dbapi_connection, record, _proxy):
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None:  # a new connection
            return
        recent = time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS
        if recent and not _server_spoke(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise InvalidatePoolError() from error


def _server_spoke(dbapi_connection) -> bool:
    """Whether the server sent something unasked on an idle connection, such as closing it
    (without waiting: one system call)."""
    import select

    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


def init_sqlite_pragmas(engine, busy_timeout_seconds: float) -> None:
    """Make SQLite enforce foreign keys and let readers and one writer work at once (WAL),
    and lower-case every letter as PostgreSQL does (SQLite's own ``lower`` knows only ASCII,
    so a search for "één" would miss "Één").

    :param busy_timeout_seconds: how long a write waits for another writer to finish.
    """
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL survives any crash of the application; only a power cut or OS
        # crash can lose the last commits. FULL would fsync on every single commit.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows (a draft deleted on sending) are overwritten with zeros rather than
        # left readable in the file's free pages (docs/assurance.md).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(text):
    return text.lower() if isinstance(text, str) else text
