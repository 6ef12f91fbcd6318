"""Language choice: ?lang= wins and sticks in the session, then the browser's preference.

Programs (the API) keep no session: for them only Accept-Language counts.
"""

from flask import Flask, current_app, has_request_context, request, session

from consult.core.errors import wants_json


def select_locale() -> str:
    """The locale for this request: the remembered choice, else Accept-Language, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and mail worker: mail sets its own with force_locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = None if wants_json() else session.get("lang")
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def init_language_switch(app: Flask) -> None:
    """Remember ``?lang=xx`` in the session for the following pages."""

    @app.before_request
    def remember_language():
        wanted = request.args.get("lang")
        if wanted in app.config["LANGUAGES"] and not wants_json():
            session["lang"] = wanted
