"""The browser session: Flask's signed cookie, with its signing serializer kept."""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


class KeptSerializerSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, but the cookie's serializer is built once per set of
    keys: Flask builds it anew to read and again to write the cookie of every request, a
    measurable share of an answer page served from memory."""

    def __init__(self) -> None:
        self._kept: tuple[tuple, object] = ((), None)

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept_keys, serializer = self._kept
        if kept_keys != keys:
            serializer = super().get_signing_serializer(app)
            self._kept = (keys, serializer)
        return serializer
