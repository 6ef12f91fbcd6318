"""Account rules: creating accounts, checking sign-ins, password reset links."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from consult.accounts import sessions
from consult.accounts.models import PasswordReset, User
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.mail import outbox

MINIMUM_PASSWORD_LENGTH = 10
RESET_PURPOSE = "password-reset"


def normal_email(email: str) -> str:
    """An address as stored: without surrounding spaces, lower-case (sign-in ignores case)."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normal_email(email)))


def check_password_rules(password: str) -> None:
    """:raises DomainError: when the password is too short."""
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        raise DomainError(
            _("Choose a password of at least %(n)d characters.", n=MINIMUM_PASSWORD_LENGTH)
        )


def create_user(email: str, password: str, name: str | None = None) -> User:
    """A new login account.

    :raises DomainError: when the e-mail address is taken or the password too short.
    """
    check_password_rules(password)
    if find_user(email):
        raise DomainError(_("An account with this e-mail address already exists."))
    user = User(email=normal_email(email), name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    current_app.logger.info("%s added", user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail and password, or None; takes as long for unknown addresses."""
    user = find_user(email)
    if user is None or not user.has_password:
        User(password_hash="").set_password(password)  # same work, so timing does not tell
        return None
    return user if user.check_password(password) else None


def new_reset(user: User, valid_for: timedelta) -> PasswordReset:
    """A fresh link for ``user`` to choose a password (spent once), working for ``valid_for``.

    Only the newest link works: earlier ones, perhaps in a forwarded or shared mailbox, stop.
    """
    _spend_resets_of(user.id, utcnow())
    salt = new_salt()
    reset = PasswordReset(
        user=user,
        token_salt=salt,
        token_hash=hash_token(derive_token(RESET_PURPOSE, salt)),
        expires_at=utcnow() + valid_for,
    )
    db.session.add(reset)
    db.session.flush()
    return reset


def reset_link(reset: PasswordReset) -> str:
    """The absolute link of ``reset`` for an e-mail."""
    return outbox.external_url(
        "accounts.reset_password", token=derive_token(RESET_PURPOSE, reset.token_salt)
    )


def request_password_reset(email: str) -> None:
    """Queue a reset link for the account with this address; silent when there is none."""
    user = find_user(email)
    if user is None:
        return
    reset = new_reset(user, current_app.config["PASSWORD_RESET_VALID_FOR"])
    organisation = user.memberships[0].organisation if user.memberships else None
    outbox.queue(
        "password_reset",
        user.email,
        f"password_reset:{reset.id}",
        priority=0,
        organisation=organisation,
        locale=user.locale,
        reset_id=reset.id,
    )


INVALID_RESET_LINK = _l("This link is no longer valid. Request a new one.")


def valid_reset(token: str) -> PasswordReset | None:
    """The unused, unexpired reset for this token, or None."""
    return db.session.scalar(
        select(PasswordReset).where(
            PasswordReset.token_hash == hash_token(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > utcnow(),
        )
    )


def reset_password(token: str, new_password: str) -> User:
    """Spend the reset link and set the new password, both or neither.

    :raises DomainError: when the link is unknown, used or expired, or the password too short.
    """
    check_password_rules(new_password)
    now = utcnow()
    spent = db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.token_hash == hash_token(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
        )
        .values(used_at=now)
        .returning(PasswordReset.user_id)
    ).scalar_one_or_none()
    if spent is None:
        raise DomainError(INVALID_RESET_LINK)
    _spend_resets_of(spent, now)  # no other link can change the password again
    user = db.session.get(User, spent)
    user.set_password(new_password)
    sessions.end_all(user)  # a cookie copied before the reset stops working
    current_app.logger.info("password of %s reset", user)
    return user


def change_password(user: User, current: str, new_password: str, keep: str | None) -> None:
    """Set a new password after checking the current one; every other session ends.

    :param keep: the token of the session making the change, which stays signed in.
    :raises DomainError: when the current password is wrong or the new one too short.
    """
    if not user.check_password(current):
        raise DomainError(_("Your current password is not correct."))
    check_password_rules(new_password)
    user.set_password(new_password)
    sessions.end_all(user, keep=keep)
    current_app.logger.info("password of %s changed", user)


def _spend_resets_of(user_id: int, now) -> None:
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
