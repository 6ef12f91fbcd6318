"""The answer page's own texts (buttons, progress, "required", messages, scale ends) in the
questionnaire's language, also in languages the application's screens do not have.

Dutch and English come from the Babel catalogs as everywhere. For the other
QUESTIONNAIRE_LANGUAGES (tr, ar, pl ...) ``answer_chrome.toml`` holds those few texts, keyed by
their English text; a text it lacks is shown in English. ``in_language`` renders a page in
such a language through Flask-Babel's own calls, so templates and forms stay unchanged.
"""

import functools
import tomllib
from contextlib import contextmanager
from importlib import resources

from babel import support
from flask import current_app
from flask_babel import Domain, force_locale, get_locale

from consult.core.i18n import parsed_locale

RIGHT_TO_LEFT = "rtl"


@functools.cache
def _chrome() -> dict:
    with resources.files("consult.surveys").joinpath("answer_chrome.toml").open("rb") as file:
        return tomllib.load(file)


def language_name(language: str) -> str:
    """The language's name in that language ("العربية" for ar), for the language switch."""
    return _chrome()["names"].get(language, language)


def display_name(language: str) -> str:
    """The language's name in the screen's language ("Arabisch" for ar on a Dutch screen), for
    the board's pages."""
    return parsed_locale(language).get_display_name(get_locale()) or language


def direction(language: str) -> str:
    """ "rtl" for a language written right to left (RTL_LANGUAGES), else ""."""
    return RIGHT_TO_LEFT if language in current_app.config["RTL_LANGUAGES"] else ""


class ChromeDomain(Domain):
    """Babel's messages, with the answer page's texts from ``answer_chrome.toml`` for the
    languages that have no catalog."""

    def get_translations(self):
        language = str(get_locale())
        if language in current_app.config["LANGUAGES"] or language not in _chrome():
            return super().get_translations()
        translations = self.cache.get((language, "chrome"))
        if translations is None:
            translations = support.Translations()
            translations._catalog = dict(_chrome()[language])
            self.cache[language, "chrome"] = translations
        return translations


_domain = ChromeDomain()


@contextmanager
def in_language(language: str):
    """Render in ``language``: Babel's texts, dates and numbers in it (see the top).
    A questionnaire in the consultation's own language keeps the visitor's screen language."""
    _domain.as_default()
    with force_locale(language):
        yield
