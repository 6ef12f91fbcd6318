"""The request as the app reads it: no NUL characters in paths, query arguments or form fields.

No one types a NUL, but a crafted request can carry one, and PostgreSQL refuses to store or
even compare text holding one: the request would end in an error page instead of a clear
answer. A path with a NUL matches no route (404); arguments and fields lose the character.
"""

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import BaseConverter


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class TextWithoutNul(ImmutableMultiDict):
    """Query arguments and form fields with NUL characters removed (files stay as sent)."""

    def __init__(self, mapping=None):
        items = iter_multi_items(mapping or ())
        super().__init__([(_without_nul(key), _without_nul(value)) for key, value in items])


class CleanRequest(Request):
    parameter_storage_class = TextWithoutNul


class TextConverter(BaseConverter):
    """A path part (slug, token, key) without a slash or a NUL character."""

    regex = "[^/\x00]+"


def init_request_reading(app: Flask) -> None:
    """Use the clean request and path parts; call before any route is registered."""
    app.request_class = CleanRequest
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextConverter
