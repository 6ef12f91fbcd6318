"""The Dutch and English catalogs: complete for the code as it is now, compiled, and with the
same placeholders as the English source text.

The messages are extracted afresh from ``consult/**.py`` and ``templates/**`` with the same
configuration and keywords as ``consult/translations/update.sh``; when a test here fails, run
that script, translate the new entries, and run it again to compile.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext

from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "consult" / "translations"
LOCALES = ("nl", "en")
#: The same as ``-k _l -k lazy_gettext`` in update.sh, on top of babel's defaults.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}

#: A Python %-format conversion such as %(name)s, %(n)d, %(rate).1f or %%, or else a lone %
#: (which would break the %-formatting Jinja applies to every translated template string).
PLACEHOLDER = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]|%"
)


@cache
def extracted() -> dict[tuple[str | tuple[str, ...], str | None], list[str]]:
    """Every message in the code and templates, (msgid, context) -> where it is used."""
    with open(TRANSLATIONS / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages: dict[tuple[str | tuple[str, ...], str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        if isinstance(message, (list, tuple)):
            message = tuple(message)
        messages.setdefault((message, context), []).append(f"{filename}:{lineno}")
    return messages


@cache
def catalog(locale: str):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def _translated(message, num_plurals: int) -> bool:
    if message is None or message.fuzzy:
        return False
    if message.pluralizable:
        forms = message.string if isinstance(message.string, tuple) else ()
        return len(forms) == num_plurals and all(forms)
    return bool(message.string)


def _placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@pytest.mark.slow
def test_extraction_finds_messages_in_code_html_and_plain_text_mail():
    """Does babel.cfg find strings in Python files, HTML templates and the .txt e-mails?"""
    places = [place for places in extracted().values() for place in places]
    assert any(place.startswith("consult/") and ".py:" in place for place in places)
    assert any(place.startswith("templates/") and ".html:" in place for place in places)
    for mail in sorted((ROOT / "templates" / "email").glob("*.txt")):
        name = mail.relative_to(ROOT).as_posix()
        assert any(place.startswith(name + ":") for place in places), name


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale):
    """Is every message of the code and templates translated (not empty, not fuzzy)?"""
    translations = catalog(locale)
    missing = []
    for (msgid, context), places in sorted(extracted().items(), key=str):
        message = translations.get(msgid, context)
        if (
            message is None
            or message.id != msgid
            or not _translated(message, translations.num_plurals)
        ):
            missing.append(f"{msgid!r} ({', '.join(places)})")
    assert not missing, (
        f"{len(missing)} message(s) not translated in {locale}/LC_MESSAGES/messages.po; "
        "run consult/translations/update.sh and translate them:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_not_marked_fuzzy(locale):
    """Is the catalog header free of the fuzzy flag, so that pybabel compiles it?"""
    assert not catalog(locale).fuzzy


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalog_matches_its_po_file(locale):
    """Does the committed .mo file hold exactly the translations of the current .po file?

    Compared message by message: the bytes also carry the version of Babel that compiled
    them, which says nothing about the translations.
    """
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo", "rb") as committed:
        compiled = _translations(read_mo(committed))
    assert compiled == _translations(catalog(locale)), (
        f"{locale}/LC_MESSAGES/messages.mo is out of date; run consult/translations/update.sh"
    )


def _translations(messages) -> dict:
    """(msgid, context) -> translation, for what gettext uses: translated, not fuzzy."""
    return {
        (_plain(message.id), message.context): _plain(message.string)
        for message in messages
        if message.id and message.string and not message.fuzzy
    }


def _plain(text):
    """A message's text, its singular and plural forms as one tuple however they were read."""
    return tuple(text) if isinstance(text, list | tuple) else text


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    """Does every translation have exactly the placeholders of its msgid?"""
    wrong = []
    for message in catalog(locale):
        if not message.id or not message.string:
            continue
        if message.pluralizable:
            singular, plural = message.id[0], message.id[1]
            pairs = [
                (singular if index == 0 else plural, form)
                for index, form in enumerate(message.string)
            ]
        else:
            pairs = [(message.id, message.string)]
        for source, translation in pairs:
            if translation and _placeholders(source) != _placeholders(translation):
                wrong.append(f"{source!r} -> {translation!r}")
    assert not wrong, "Placeholders differ from the msgid:\n" + "\n".join(wrong)


def test_app_loads_the_compiled_catalogs():
    """Does the app find the compiled catalogs, so that Dutch says "Inloggen"?"""
    app = make_app("sqlite://")
    with app.test_request_context():
        with force_locale("nl"):
            assert gettext("Sign in") == "Inloggen"
        with force_locale("en"):
            assert gettext("Sign in") == "Sign in"
