"""Secret tokens for e-mailed links: only a hash is stored.

A link token is derived with HMAC from the app's secret key and a 128-bit random salt kept
in the row. The database alone therefore never reveals a working link, while the mail worker
can render the same link again when it sends (or resends) the message.
"""

import base64
import hashlib
import hmac
import secrets

from flask import current_app


def new_salt() -> str:
    """128 bits of fresh randomness, hex encoded."""
    return secrets.token_hex(16)


def derive_token(purpose: str, salt: str) -> str:
    """The URL-safe token for ``purpose`` and ``salt`` (256 bits, unpadded base64)."""
    key = current_app.config.get("TOKEN_KEY") or current_app.config["SECRET_KEY"]
    digest = hmac.digest(key.encode(), f"{purpose}:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    """The SHA-256 of a token, the only form in which it is stored."""
    return hashlib.sha256(token.encode()).hexdigest()
