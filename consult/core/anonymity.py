"""Keyed records for secret answers and votes: facts the database must hold without telling.

Two tools, both keyed with a key derived from the application's secret (``TOKEN_KEY`` or
``SECRET_KEY``), which an adversary holding only a copy of the database does not have:

- ``participation_hash``: that a subject (an invitation, a voter) took part, recorded as an
  HMAC of the subject. The application can ask "did this one take part?", a copy of the
  database cannot be asked "who took part?".
- ``seal``/``unseal``: a payload encrypted (AES-GCM) until it may be read, for answers held
  back until a block is complete and ballots until the count.

Changing the secret key makes earlier records unreadable to the application as well: keep it
(docs/assurance.md).
"""

import functools
import hmac
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

_NONCE_BYTES = 12


def _key(purpose: str) -> bytes:
    """A 256-bit key for ``purpose``, derived from the application's secret."""
    secret = current_app.config.get("TOKEN_KEY") or current_app.config["SECRET_KEY"]
    return _derived(secret, purpose)


@functools.lru_cache(maxsize=64)
def _derived(secret: str, purpose: str) -> bytes:
    return hmac.digest(secret.encode(), f"consult-anonymity:{purpose}".encode(), "sha256")


def participation_hash(purpose: str, subject: int | str) -> str:
    """The keyed hash recording that ``subject`` took part in ``purpose`` (64 hex digits)."""
    return hmac.digest(_key(purpose), str(subject).encode(), "sha256").hex()


def participation_hashes(purpose: str, subjects) -> dict[str, object]:
    """``participation_hash`` of many subjects at once (the key derived once): hash -> subject."""
    key = _key(purpose)
    return {hmac.digest(key, str(s).encode(), "sha256").hex(): s for s in subjects}


def seal(purpose: str, payload: object) -> bytes:
    """``payload`` (JSON-serialisable) encrypted for ``purpose``; only ``unseal`` reads it."""
    nonce = os.urandom(_NONCE_BYTES)
    data = json.dumps(payload, separators=(",", ":")).encode()
    return nonce + AESGCM(_key(f"seal:{purpose}")).encrypt(nonce, data, purpose.encode())


def unseal(purpose: str, blob: bytes) -> object:
    """The payload ``seal`` encrypted for ``purpose``.

    :raises cryptography.exceptions.InvalidTag: when the blob was not sealed for ``purpose``
        with this application's key, or was changed.
    """
    nonce, data = blob[:_NONCE_BYTES], blob[_NONCE_BYTES:]
    return json.loads(AESGCM(_key(f"seal:{purpose}")).decrypt(nonce, data, purpose.encode()))
