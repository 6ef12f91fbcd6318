"""Sessions that end: every sign-in is a row on the server, checked on every request.

The session cookie is signed, not encrypted, and a copy works as well as the original. So the
cookie carries a random token naming an ``AccountSession`` row, and the user loader signs in
nobody whose row is gone. Signing out deletes the row of that browser; a password change or
reset, a role change and removal from a team delete all rows of the account (but the one
making a password change), and "sign out everywhere" deletes them all. A copied cookie then
names nothing.

The last-seen time is written at most once per ``SESSION_SEEN_INTERVAL`` through its own
short transaction, so reading a page does not write on every request.
"""

import secrets
import tomllib
from datetime import datetime
from functools import cache
from pathlib import Path

from flask import current_app, session
from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload

from consult.accounts.models import AccountSession, User
from consult.core.clock import utcnow
from consult.core.tokens import hash_token
from consult.extensions import db

#: The key in the signed session cookie that holds the token.
SESSION_KEY = "account_session"


def own_session() -> str | None:
    """The token of this request's session (for views: services take it as a parameter)."""
    return session.get(SESSION_KEY)


@cache
def _device_names() -> dict:
    return tomllib.loads((Path(__file__).parent / "devices.toml").read_text(encoding="utf-8"))


def device_of(user_agent: str) -> str:
    """A short name for the browser and system, e.g. "Firefox, Android"; "" when unknown."""
    names = _device_names()
    found = (
        next((name for mark, name in names[kind] if mark in user_agent), None)
        for kind in ("browsers", "systems")
    )
    return ", ".join(name for name in found if name)


def _oldest_alive() -> datetime:
    """Rows not seen since then belong to cookies that have expired anyway."""
    return utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]


def start(user: User, user_agent: str) -> str:
    """A new session for ``user``; returns the token for the cookie (stored only hashed).

    Expired rows of the account are removed on the way.
    """
    db.session.execute(
        delete(AccountSession).where(
            AccountSession.user_id == user.id, AccountSession.last_seen_at < _oldest_alive()
        )
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        AccountSession(
            user_id=user.id,
            token_hash=hash_token(token),
            device=device_of(user_agent)[:100],
            last_seen_at=utcnow(),
        )
    )
    db.session.flush()
    return token


def user_of(user_id: str, token: str | None) -> User | None:
    """The account of a live session with this token and user id, else None (signed out)."""
    if not token or not str(user_id).isdigit():
        return None
    record = db.session.scalar(
        select(AccountSession)
        .options(joinedload(AccountSession.user))
        .where(
            AccountSession.token_hash == hash_token(token),
            AccountSession.user_id == int(user_id),
            AccountSession.last_seen_at >= _oldest_alive(),
        )
    )
    if record is None:
        return None
    _seen(record)
    return record.user


def _seen(record: AccountSession) -> None:
    """Note the visit when the last note is older than ``SESSION_SEEN_INTERVAL``, in a
    transaction of its own (the request's own may never commit)."""
    now = utcnow()
    before = now - current_app.config["SESSION_SEEN_INTERVAL"]
    if record.last_seen_at >= before:
        return
    with db.engine.begin() as connection:
        connection.execute(
            update(AccountSession)
            .where(AccountSession.id == record.id, AccountSession.last_seen_at < before)
            .values(last_seen_at=now)
        )
    record.last_seen_at = now


def end(token: str | None) -> None:
    """End the one session with this token (signing out)."""
    if token:
        db.session.execute(
            delete(AccountSession).where(AccountSession.token_hash == hash_token(token))
        )


def end_all(user: User, keep: str | None = None) -> int:
    """End every session of ``user`` except the one with token ``keep``; how many ended."""
    query = delete(AccountSession).where(AccountSession.user_id == user.id)
    if keep:
        query = query.where(AccountSession.token_hash != hash_token(keep))
    ended = db.session.execute(query).rowcount
    current_app.logger.info("%d sessions of %s ended", ended, user)
    return ended


def active(user: User) -> list[AccountSession]:
    """The account's live sessions, most recently seen first."""
    return db.session.scalars(
        select(AccountSession)
        .where(AccountSession.user_id == user.id, AccountSession.last_seen_at >= _oldest_alive())
        .order_by(AccountSession.last_seen_at.desc(), AccountSession.id.desc())
    ).all()


def is_current(record: AccountSession, token: str | None) -> bool:
    """Whether ``record`` is the session of the cookie holding ``token``."""
    return bool(token) and secrets.compare_digest(record.token_hash, hash_token(token))
