"""Language choice: ?lang= wins and sticks in the session, then the browser's preference.

Programs (the API) keep no session: for them only Accept-Language counts.
"""

import functools

from babel import Locale
from flask import Flask, current_app, has_request_context, request, session

from consult.core.errors import wants_json


def select_locale() -> Locale:
    """The locale for this request: the remembered choice, else Accept-Language, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():  # CLI and mail worker: mail sets its own with force_locale
        return parsed_locale(default)
    chosen = None if wants_json() else session.get("lang")
    if chosen not in languages:
        chosen = request.accept_languages.best_match(languages) or default
    return parsed_locale(chosen)


@functools.lru_cache(maxsize=16)
def parsed_locale(code: str) -> Locale:
    """The locale ``code`` (such as "nl"), parsed once: Flask-Babel parses a locale given as
    text anew on every request and for every mail."""
    return Locale.parse(code)


def init_language_switch(app: Flask) -> None:
    """Remember ``?lang=xx`` in the session for the following pages."""

    @app.before_request
    def remember_language():
        wanted = request.args.get("lang")
        if wanted in app.config["LANGUAGES"] and not wants_json():
            session["lang"] = wanted
