"""Who may read the API: a bearer token of the organisation in the path, within its rate.

No cookie or session is read: a signed-in browser gets nothing without a token. An unknown,
revoked or orphaned token gets the same 401, and another organisation's slug 404, so that a
token neither tells which tokens once existed nor which organisations do.
"""

from functools import wraps

from flask import abort, current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address

from consult.api import tokens
from consult.core.errors import json_error
from consult.core.tokens import hash_token
from consult.extensions import db
from consult.organisations.access import refuse_if_suspended

UNAUTHORISED = _l(
    "Send a working API token in the header “Authorization: Bearer <token>”. "
    "The board makes tokens in Consult."
)


def bearer_token() -> str | None:
    """The token of the request's ``Authorization: Bearer`` header, if it has one."""
    authorization = request.authorization
    if authorization is None or authorization.type != "bearer":
        return None
    return authorization.token


def rate_key() -> str:
    """Requests are counted per token (by its hash, never the token), else per address."""
    token = bearer_token()
    return f"token:{hash_token(token)}" if token else get_remote_address()


def rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def token_required(view):
    """Decorate an API view under ``/organisations/<org>/``: 401 without a working token, 404
    for another organisation; the token's organisation is then ``g.organisation``."""

    @wraps(view)
    def wrapper(org, **kwargs):
        token = tokens.find(bearer_token())
        if token is None:
            response = json_error(401, UNAUTHORISED)
            response.headers["WWW-Authenticate"] = 'Bearer realm="Consult API"'
            return response
        if token.organisation.slug != org:
            abort(404)
        refuse_if_suspended(token.organisation)
        if tokens.mark_used(token):
            db.session.commit()
        g.organisation, g.api_token = token.organisation, token
        return view(**kwargs)

    return wrapper
