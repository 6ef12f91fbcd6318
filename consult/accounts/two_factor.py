"""Two-factor sign-in: a code from an authenticator app (TOTP, RFC 6238, through pyotp) after
the password, or one of ten recovery codes.

- The secret is made when the person starts setting up, and counts only once they confirm it
  with a code from their app (``two_factor_since``).
- A code is accepted once: the account keeps the time step of the last code it accepted and
  takes only later steps, in one atomic update, so a code read over a shoulder or replayed
  within its 30 seconds (or the step either side, for clocks that drift) is refused.
- Recovery codes are stored hashed and spent by an atomic update, each once.
- Enabling, disabling and every recovery code used are in the audit log of each organisation
  the account has a role in.
"""

import hmac
import secrets
from datetime import UTC, datetime, timedelta

import pyotp
import segno
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, or_, select, update

from consult.accounts.models import RecoveryCode, User
from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import hash_token
from consult.extensions import db
from consult.organisations.models import Membership, Organisation

ISSUER = "Consult"
RECOVERY_CODE_COUNT = 10
#: Recovery codes use letters and digits that are not mistaken for each other.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def is_on(user: User) -> bool:
    return user.two_factor_since is not None


def required_for(user: User) -> bool:
    """Whether an organisation the account has a role in requires two-factor sign-in."""
    return db.session.scalar(
        select(
            exists().where(
                Membership.user_id == user.id,
                Membership.organisation_id == Organisation.id,
                Organisation.two_factor_required,
            )
        )
    )


def start(user: User) -> None:
    """A new secret for setting up (the one before, not yet confirmed, is replaced).

    :raises DomainError: when two-factor sign-in is on already.
    """
    if is_on(user):
        raise DomainError(_("Two-factor sign-in is already on."))
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None


def setting_up(user: User) -> bool:
    return user.totp_secret is not None and not is_on(user)


def qr_code_svg(user: User) -> str:
    """The secret as a QR code for the authenticator app, an SVG to put in the page."""
    uri = pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return segno.make(uri, error="m").svg_inline(scale=4, omitsize=False)


def secret_in_groups(user: User) -> str:
    """The secret to type in by hand, in groups of four."""
    secret = user.totp_secret or ""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm(user: User, code: str) -> list[str]:
    """Turn two-factor sign-in on with a first code from the app; returns the recovery codes
    (shown once, stored hashed).

    :raises DomainError: when nothing is being set up or the code is wrong.
    """
    if not setting_up(user) or not _spend_app_code(user, code):
        raise DomainError(_("That code is not correct. Type the code your app shows now."))
    user.two_factor_since = utcnow()
    codes = new_recovery_codes(user)
    _record(user, "two_factor.enabled")
    return codes


def stop(user: User, password: str) -> None:
    """Turn two-factor sign-in off after checking the password; the recovery codes go too.

    :raises DomainError: when the password is wrong or an organisation requires it.
    """
    if not user.check_password(password):
        raise DomainError(_("Your current password is not correct."))
    if required_for(user):
        raise DomainError(_("Your organisation requires two-factor sign-in; it stays on."))
    user.totp_secret = user.two_factor_since = user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    _record(user, "two_factor.disabled")


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes, replacing any before; only their hashes are stored."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=hash_token(_normal(c))) for c in codes
    )
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def check(user: User, code: str) -> bool:
    """Whether ``code`` signs this account in: a code from the app not used before, or an
    unused recovery code (which is then spent and recorded)."""
    code = _normal(code)
    if code.isdigit():
        return _spend_app_code(user, code)
    spent = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == hash_token(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
    ).rowcount
    if spent:
        _record(user, "two_factor.recovery_code_used", left=recovery_codes_left(user))
    return bool(spent)


def _spend_app_code(user: User, code: str) -> bool:
    """Accept ``code`` if it is the app's code of this step or the one either side and later
    than the last accepted; recorded in the same atomic update, so it works once."""
    step = _step_of(user.totp_secret, _normal(code))
    if step is None:
        return False
    accepted = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
    ).rowcount
    if accepted:
        user.totp_last_step = step
    return bool(accepted)


def _step_of(secret: str | None, code: str) -> int | None:
    """The time step whose code ``code`` is (now, or one step before or after), else None."""
    if not secret or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow().replace(tzinfo=UTC)
    for drift in (-1, 0, 1):
        moment: datetime = now + timedelta(seconds=drift * totp.interval)
        if hmac.compare_digest(totp.at(moment), code):
            return totp.timecode(moment)
    return None


def _normal(code: str) -> str:
    """A code as typed, without spaces and dashes, lower-case."""
    return "".join(code.split()).replace("-", "").lower()


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _record(user: User, action: str, **details) -> None:
    """Note ``action`` in the audit log of every organisation the account is in."""
    current_app.logger.info("%s: %s", action, user)
    organisations = db.session.scalars(
        select(Organisation).join(Membership).where(Membership.user_id == user.id)
    )
    for organisation in organisations:
        audit.record(organisation, action, f"account {user.id}", user, **details)
