"""Mail kinds: for each kind of message, its label, its renderer and what its domain does
with a batch of them or with their outcome.

A domain's ``email.py`` collects its kinds in a ``MailKinds``; the domain's ``init_app``
hands that to ``register_mail``. The outbox, the in-app outbox page and the workers then find
every kind in the application's registry.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, current_app

from consult.core import clock

#: Where the application keeps its ``MailKinds`` and its periodic jobs.
KINDS_KEY = "consult.mail_kinds"
PERIODIC_KEY = "consult.periodic"


@dataclass(frozen=True)
class Renderer:
    #: The kind's name in the outbox list, e.g. "Invitation".
    label: Any
    #: function(message) returning (subject, template context)
    render: Callable[[Any], tuple[str, dict[str, Any]]]
    #: The context keys whose (string) values differ per recipient, e.g. the link.
    personal: tuple[str, ...] = ()


class MailKinds:
    """The mail kinds of one domain, or of the whole application once registered."""

    def __init__(self):
        self.renderers: dict[str, Renderer] = {}
        #: kind -> function(connection, message, status) called in the delivery's
        #: transaction on that database connection (e.g. record a bounce)
        self.outcome_handlers: dict[str, Callable] = {}
        #: kind -> function(messages) loading what a batch of such messages renders
        self.prefetchers: dict[str, Callable[[list], list]] = {}

    def renderer(self, kind: str, *, label, personal: tuple[str, ...] = ()):
        """Register the function that gives a message kind its subject and template context.

        :param label: the kind's name in the in-app outbox.
        :param personal: context keys that differ per recipient (strings such as a name or a
            link). With them, a batch renders the templates once per shared context, with
            placeholders that each message then fills in: rendering per message would cost
            more than sending it.
        """

        def register(function):
            self.renderers[kind] = Renderer(label, function, personal)
            return function

        return register

    def on_outcome(self, *kinds: str):
        """Register what happens in the domain when a message of these kinds was sent or
        refused: ``function(connection, message, status)`` writes on the delivery's database
        connection, in the transaction that records the outcome."""
        return self._into(self.outcome_handlers, kinds)

    def prefetch(self, *kinds: str):
        """Register how to load, for a whole batch at once, what messages of these kinds
        render."""
        return self._into(self.prefetchers, kinds)

    @staticmethod
    def _into(table: dict, kinds: tuple[str, ...]):
        def register(function):
            table.update(dict.fromkeys(kinds, function))
            return function

        return register

    def add(self, other: "MailKinds") -> None:
        """Take over another collection's kinds.

        :raises ValueError: when a kind is registered twice.
        """
        for mine, theirs in (
            (self.renderers, other.renderers),
            (self.outcome_handlers, other.outcome_handlers),
            (self.prefetchers, other.prefetchers),
        ):
            if twice := mine.keys() & theirs.keys():
                raise ValueError(f"mail kinds registered twice: {sorted(twice)}")
            mine.update(theirs)

    def label_of(self, kind: str):
        renderer = self.renderers.get(kind)
        return renderer.label if renderer else kind


def init_app(app: Flask) -> None:
    app.extensions[KINDS_KEY] = MailKinds()
    app.extensions[PERIODIC_KEY] = []


def register_mail(app: Flask, kinds: MailKinds) -> None:
    """Make a domain's mail kinds known to the application."""
    app.extensions[KINDS_KEY].add(kinds)


def register_periodic(app: Flask, *tasks: Callable[[], object]) -> None:
    """Add functions the mail worker calls on every round (each must be idempotent)."""
    app.extensions[PERIODIC_KEY].extend(tasks)


def at_most_every(name: str, setting: str, send: Callable[[date], int]) -> int:
    """Run ``send(today)`` for a periodic job at most every ``setting`` seconds and on the
    first round of a new day, kept per app (that is per worker process) under ``name``.

    :returns: what ``send`` returned, or 0 when it was not its time.
    """
    state = current_app.extensions.setdefault(name, {})
    today, now = clock.today(), time.monotonic()
    if state.get("day") == today and now - state["at"] < current_app.config[setting]:
        return 0
    result = send(today)
    state.update(day=today, at=now)
    return result


def registered() -> MailKinds:
    """The current application's mail kinds."""
    return current_app.extensions[KINDS_KEY]


def periodic_tasks() -> list[Callable[[], object]]:
    return current_app.extensions[PERIODIC_KEY]
