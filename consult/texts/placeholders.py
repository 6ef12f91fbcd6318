"""Placeholders such as {voornaam} in the board's texts: checked on save, filled in on send.

Filling in is a plain look-up of the name between the braces, never ``str.format``: a text
cannot reach an attribute (``{link.__class__}`` is refused as unknown when saved, and left
as it is should it ever be stored). In HTML each piece of text and each value is escaped.
"""

import re

from flask_babel import gettext as _
from markupsafe import Markup, escape

from consult.core.errors import DomainError

#: A placeholder: anything between braces on one line.
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
#: Values shown as a link in HTML mail.
LINKS = ("link", "afmeldlink")


def used(text: str) -> list[str]:
    """The placeholder names in ``text``, in order."""
    return PLACEHOLDER.findall(text or "")


def check(kind, subject: str | None, body: str) -> None:
    """Refuse a text with a placeholder the kind does not know, or without a required one.

    :raises DomainError: naming the first unknown or missing placeholder.
    """
    names = used(subject) + used(body)
    for name in names:
        if name not in kind.placeholders:
            raise DomainError(_("Unknown placeholder: %(name)s", name="{" + name + "}"))
    for name in kind.required:
        if name not in used(body):
            raise DomainError(_("Missing placeholder: %(name)s", name="{" + name + "}"))


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known placeholder replaced by its value."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_html(text: str, values: dict[str, str]) -> Markup:
    """The text as HTML paragraphs (a blank line between them, a line break kept), every
    piece escaped, links clickable."""

    def value(match):
        name = match.group(1)
        if name not in values:  # the line is escaped already
            return match.group(0)
        shown = escape(values[name])
        return f'<a href="{shown}">{shown}</a>' if name in LINKS else str(shown)

    def line(text_line: str) -> str:
        return PLACEHOLDER.sub(value, str(escape(text_line)))

    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return Markup(
        "".join(
            "<p>" + "<br>\n".join(map(line, p.strip("\n").split("\n"))) + "</p>\n"
            for p in paragraphs
            if p.strip()
        )
    )


def first_name(name: str) -> str:
    """The first word of a name: "Ans" of "Ans de Vries"."""
    return (name or "").split(" ", 1)[0]


def about(consultation) -> dict[str, str]:
    """The values every text of a consultation may use: not personal."""
    from consult.core.templating import long_date

    return {
        "organisatie": consultation.organisation.name,
        "consultatie": consultation.title,
        "sluitdatum": long_date(consultation.closes_on),
    }
