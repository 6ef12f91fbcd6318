"""Domain errors and the error pages users see instead of stack traces."""

from flask import Flask, render_template
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


def init_error_pages(app: Flask) -> None:
    """Render every HTTP error as a page in the user's language."""

    @app.errorhandler(HTTPException)
    def http_error(error):
        code = error.code if error.code in ERROR_MESSAGES else 400
        return render_template("core/error.html", code=code, message=ERROR_MESSAGES[code]), code

    @app.errorhandler(Exception)
    def unexpected_error(error):
        from consult.extensions import db

        app.logger.exception("Unhandled error")
        db.session.rollback()
        return render_template("core/error.html", code=500, message=ERROR_MESSAGES[500]), 500
