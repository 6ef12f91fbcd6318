"""Domain errors and the error pages users see instead of stack traces (JSON for the API)."""

from contextlib import suppress

from flask import Flask, current_app, g, has_request_context, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from consult.core.limits import seconds_to_wait


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the user as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ERROR_MESSAGES = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have permission to do this."),
    404: _l("This page does not exist, or you do not have access to it."),
    405: _l("This page cannot be used this way."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts at once. Please wait %(seconds)s seconds and try again."),
    500: _l("Something went wrong on our side. Nothing you entered was stored; please try again."),
    503: _l(
        "The database could not be reached for a moment, so nothing was stored. "
        "Please try again in a minute."
    ),
}
#: Seconds a program is told to wait before it tries again after a 503.
RETRY_AFTER_SECONDS = 30
#: PostgreSQL error classes that mean the database is away or overloaded, not our request.
UNAVAILABLE_STATES = ("08", "57P", "53")
#: Words of driver errors without an SQLSTATE (SQLite; no connection at all) that mean the same.
UNAVAILABLE_SIGNS = ("locked", "busy", "unable to open", "disk i/o", "connection", "server closed")
#: Blueprints whose forms are never offered for sending again: sign-in and passwords.
NOT_RESENT = ("accounts",)


#: The 503 page's message when the request had stored something before the database went away.
PARTLY_STORED = _l(
    "The database could not be reached for a moment. Part of what you sent may have been "
    "stored already: check the page before you enter it again."
)


#: Where programs, not people, read the answers (the API): errors come as JSON there.
JSON_PATHS = ("/api/",)
#: Wording for programs where the pages' wording would not fit.
JSON_MESSAGES = {
    404: _l("Not found, or not part of the organisation of this token."),
    405: _l("Only GET requests are accepted here."),
    429: _l("Too many requests with this token. Please wait a minute and try again."),
}


def wants_json() -> bool:
    """Whether this request is one of a program, answered with JSON errors and no session."""
    return request.path.startswith(JSON_PATHS)


def json_error(code: int, message):
    """``{"error": message}`` with the status ``code``."""
    response = jsonify(error=str(message))
    response.status_code = code
    return response


def _error(code: int):
    if wants_json():
        return json_error(code, JSON_MESSAGES.get(code, ERROR_MESSAGES[code]))
    message = ERROR_MESSAGES[code]
    if code == 429:
        message = message % {"seconds": seconds_to_wait()}
    page = render_template(
        "core/error.html",
        code=code,
        message=message,
        organisation_name=g.get("limited_organisation"),
    )
    return page, code


def database_unavailable(error: Exception) -> bool:
    """Whether a database error means "not reachable right now" (a restart, a cut connection,
    a lock held too long, every pooled connection busy) rather than a fault in the request
    (a missing table, a statement too large: those are errors of ours, logged with a trace)."""
    if isinstance(error, PoolTimeoutError) or getattr(error, "connection_invalidated", False):
        return True
    if not isinstance(error, OperationalError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    if state:  # PostgreSQL: connection exception, operator intervention, out of resources
        return state.startswith(UNAVAILABLE_STATES)
    text = str(error.orig).lower()
    return any(sign in text for sign in UNAVAILABLE_SIGNS)


def _resendable_fields() -> list[tuple[str, str]] | None:
    """The posted fields to offer for sending again, or None when there is nothing to resend:
    not a form post, a file that a page cannot carry, a sign-in or password form (nothing of
    those is written into a page), or a request that already stored something before the
    database went away (sending it again could store it twice)."""
    if request.method != "POST" or request.files or g.get("committed"):
        return None
    if request.blueprint in NOT_RESENT:
        return None
    return [(k, v) for k, v in request.form.items(multi=True) if "password" not in k]


def mark_committed(_session) -> None:
    """Remember that this request stored something (see ``_resendable_fields``)."""
    if has_request_context():
        g.committed = True


def _unavailable_page():
    # The failed transaction expired every loaded object, and reloading would need the very
    # database that is away: the page shows nothing of the organisation, and Flask-Login's
    # template context gets a visitor instead of loading the signed-in user.
    g.organisation = g.role = None
    g._login_user = current_app.login_manager.anonymous_user()
    message = PARTLY_STORED if g.get("committed") else ERROR_MESSAGES[503]
    page = render_template("core/unavailable.html", message=message, fields=_resendable_fields())
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_error_pages(app: Flask) -> None:
    """Render every HTTP error as a page in the user's language (as JSON for programs)."""

    @app.errorhandler(HTTPException)
    def http_error(error):
        return _error(error.code if error.code in ERROR_MESSAGES else 400)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        from consult.extensions import db

        app.logger.exception("Unhandled error")
        db.session.rollback()
        return _error(500)

    if not event.contains(Session, "after_commit", mark_committed):
        event.listen(Session, "after_commit", mark_committed)

    @app.errorhandler(DBAPIError)
    @app.errorhandler(PoolTimeoutError)
    def database_error(error):
        if not database_unavailable(error):
            return unexpected_error(error)
        from consult.extensions import db

        app.logger.warning("Database unavailable: %s", error)
        # Rolling back a connection that is gone can fail too; the pool replaces it anyway.
        with suppress(SQLAlchemyError):
            db.session.rollback()
        if wants_json():
            return json_error(503, ERROR_MESSAGES[503])
        return _unavailable_page()
