"""The kinds of texts the board may write, read from ``kinds.toml``: placeholders, the ones
a text must use, and the default subject and body (msgids, translated when asked for)."""

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  #: msgid
    subject: str | None  #: msgid of the default subject; None for a letter
    body: str  #: msgid of the default body
    placeholders: tuple[str, ...]
    required: tuple[str, ...]

    @property
    def is_mail(self) -> bool:
        return self.subject is not None

    def default_subject(self) -> str | None:
        """The app's subject in the current language."""
        return _(self.subject) if self.subject else None

    def default_body(self) -> str:
        """The app's body in the current language."""
        return _(self.body)


@functools.cache
def _data() -> dict:
    return tomllib.loads((Path(__file__).parent / "kinds.toml").read_text(encoding="utf-8"))


@functools.cache
def kinds() -> dict[str, Kind]:
    """Every kind by name, in the order of the file."""
    return {
        name: Kind(
            name,
            entry["label"],
            entry.get("subject"),
            entry["body"],
            tuple(entry["placeholders"]),
            tuple(entry["required"]),
        )
        for name, entry in _data()["kinds"].items()
    }


def meaning(placeholder: str) -> str:
    """What a placeholder stands for, in the current language."""
    return _(_data()["placeholders"][placeholder])
