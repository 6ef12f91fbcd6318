"""The request as the app reads it: no NUL characters in paths, query arguments or form
fields, and no numbers in addresses larger than the database holds.

No one types a NUL, but a crafted request can carry one, and PostgreSQL refuses to store or
even compare text holding one: the request would end in an error page instead of a clear
answer. A path with a NUL matches no route (404); arguments and fields lose the character.
Likewise a number over 64 bits in an address matches no route, and one in a query argument
read with ``type=whole_number`` counts as missing.
"""

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import BaseConverter, IntegerConverter

from consult.core.models import MAX_ID


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


class IdConverter(IntegerConverter):
    """``<int:...>``: a whole number the database can hold (larger ones match no route)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def whole_number(text: str) -> int:
    """For ``request.args.get(name, type=whole_number)``: a number from 0 up to MAX_ID.

    :raises ValueError: for anything else, so that the argument counts as missing.
    """
    number = int(text)
    if not 0 <= number <= MAX_ID:
        raise ValueError(text)
    return number


def init_request_reading(app: Flask) -> None:
    """Use the clean request and path parts; call before any route is registered."""
    app.request_class = CleanRequest
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextConverter
    app.url_map.converters["int"] = IdConverter
