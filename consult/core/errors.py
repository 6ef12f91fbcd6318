"""Domain errors and the error pages users see instead of stack traces (JSON for the API)."""

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException


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
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Nothing you entered was stored; please try again."),
}


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
    return render_template("core/error.html", code=code, message=ERROR_MESSAGES[code]), code


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
