"""API tokens: made and revoked by the board, looked up by the API on every request.

The token is shown once, when it is made; only its SHA-256 is stored. A token works while it
is not revoked and the board member who made it still has an editing role (board or admin)
in its organisation: a program cannot sign in, so the token carries its maker's authority
and loses it with them. Unknown, revoked and orphaned tokens take the same path: one lookup
by hash.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, select, update

from consult.api.models import ApiToken
from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.policy import EDITORS
from consult.core.tokens import hash_token
from consult.extensions import db
from consult.organisations.models import Membership

audit.ACTION_LABELS.update(
    {
        "api.token_made": _l("made an API token"),
        "api.token_revoked": _l("revoked an API token"),
    }
)

#: How precisely the last use is kept: at most one write per token a minute, however many
#: requests a program sends.
LAST_USED_PRECISION = timedelta(minutes=1)

#: Whether the token's maker still has an editing role in the token's organisation.
_maker_may_edit = exists().where(
    Membership.user_id == ApiToken.created_by_id,
    Membership.organisation_id == ApiToken.organisation_id,
    Membership.role.in_([str(role) for role in EDITORS]),
)
_working = and_(ApiToken.revoked_at.is_(None), _maker_may_edit)


@dataclass(frozen=True)
class TokenRow:
    """A token as the board's page lists it."""

    token: ApiToken
    working: bool


def tokens_of(organisation) -> list[TokenRow]:
    """The organisation's tokens, the newest first, with whether each still works."""
    rows = db.session.execute(
        select(ApiToken, _working)
        .where(ApiToken.organisation_id == organisation.id)
        .order_by(ApiToken.id.desc())
    )
    return [TokenRow(token, bool(working)) for token, working in rows]


def make_token(organisation, name: str, actor) -> tuple[ApiToken, str]:
    """A new token for the organisation, made by ``actor`` (a board member or admin).

    :returns: the stored token and its secret, to be shown this once.
    """
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        organisation_id=organisation.id,
        name=name.strip(),
        token_hash=hash_token(secret),
        created_by_id=actor.id,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(organisation, "api.token_made", f"API token {token.id}", actor=actor)
    current_app.logger.info("%s added by %s", token, actor)
    return token, secret


def revoke(token: ApiToken, actor) -> bool:
    """Stop the token at once; whether it was not revoked already."""
    revoked = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if not revoked.rowcount:
        return False
    audit.record(token.organisation, "api.token_revoked", f"API token {token.id}", actor=actor)
    current_app.logger.info("%s revoked by %s", token, actor)
    return True


def find(secret: str | None) -> ApiToken | None:
    """The working token with this secret, or None."""
    if not secret:
        return None
    return db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(secret), _working)
    )


def mark_used(token: ApiToken) -> bool:
    """Note that the token was used now (to the minute); whether that changed anything."""
    now = utcnow()
    if token.last_used_at is not None and token.last_used_at > now - LAST_USED_PRECISION:
        return False
    token.last_used_at = now
    return True
