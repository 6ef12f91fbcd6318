"""Login accounts and their password reset links."""

from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from consult.core.models import TimestampMixin
from consult.extensions import db


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case, so sign-in ignores case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    #: A scrypt hash (werkzeug), never the password; empty for an invited account whose
    #: person has not chosen a password yet (no password matches it).
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    #: Base32 secret shared with the person's authenticator app (TOTP). Set while setting up;
    #: in force only from ``two_factor_since``.
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    two_factor_since: Mapped[datetime | None]
    #: The time step of the last code accepted: a code is accepted once, never replayed.
    totp_last_step: Mapped[int | None]
    #: Runs the installation: creates and suspends organisations (consult.installation); sees
    #: no organisation's data without a role in it.
    is_installation_admin: Mapped[bool] = mapped_column(default=False, server_default=false())

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    @property
    def has_password(self) -> bool:
        """False while an invited person has not chosen a password yet."""
        return bool(self.password_hash)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class PasswordReset(TimestampMixin, db.Model):
    """One e-mailed reset link; spent once by an atomic update of ``used_at``."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Random salt from which the link's token is derived (see consult.core.tokens).
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<PasswordReset {self.id} user={self.user_id}>"


class AccountSession(TimestampMixin, db.Model):
    """One signed-in browser. The signed session cookie holds a random token naming this row;
    a cookie whose row is gone (signed out, password changed, role changed) signs in nobody."""

    __tablename__ = "account_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token in the cookie; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Browser and system read from the user agent at sign-in, e.g. "Firefox, Android".
    device: Mapped[str] = mapped_column(String(100), default="")
    #: Written at most once per ``SESSION_SEEN_INTERVAL``, not on every page.
    last_seen_at: Mapped[datetime]

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<AccountSession {self.id} user={self.user_id}>"


class RecoveryCode(TimestampMixin, db.Model):
    """One of the ten codes that sign in without the authenticator app; spent once by an
    atomic update of ``used_at``."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the code (random, 50 bits), never the code.
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<RecoveryCode {self.id} user={self.user_id}>"
