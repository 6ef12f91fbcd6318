"""Rate limits that stop guessing and flooding, never a crowd of real tenants.

Tenants often share one public address: a community centre's Wi-Fi during a tenants' evening,
a care home, a mobile carrier. So nothing a real person does counts against the address:

- a link (invitation, member page, join confirmation, open link, calendar feed) counts only
  its **failed** look-ups per address (unknown, malformed, used, withdrawn or expired links:
  404 and 410), shared over every kind of link, so a guesser cannot switch kinds; a valid link
  answered by a whole room is never refused for the room's sake;
- a valid link has a ceiling of its own, keyed on the link, generous for a person and low for
  a script hammering it;
- sign-in counts failed attempts per account and address pair, with a higher ceiling per
  address over all accounts (boards sharing an office address do not lock each other out);
- two-factor codes and the current password asked on the account page count failed
  attempts per account, wherever they come from;
- forms that send mail count per e-mail address entered (no mailbox is flooded), with a
  ceiling per address that a whole meeting signing up stays far below.

``docs/assurance.md`` lists each limit with the crowd it was checked against. A refused
request gets 429 with ``Retry-After`` and a calm page that says when to try again.
"""

import time
from collections.abc import Callable

from flask import current_app, g, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from consult.extensions import limiter

#: What a failed look-up of a link answers: unknown (404) or no longer usable (410).
FAILED_LOOKUP_STATUSES = frozenset({404, 410})


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _failed_lookup(response: Response) -> bool:
    return response.status_code in FAILED_LOOKUP_STATUSES


def _failed_sign_in(response: Response) -> bool:
    # A sign-in that works redirects; a wrong password shows the form again.
    return response.status_code != 302


def _the_link() -> str:
    """The link in the address (its last path argument: the token or key)."""
    arguments = request.view_args or {}
    return str(list(arguments.values())[-1]) if arguments else request.path


def _the_address_entered() -> str:
    return "mail:" + request.form.get("email", "").strip().lower()


def _log_guessing(limit: RequestLimit) -> None:
    current_app.logger.warning(
        "Refused link look-ups from %s at %s: more than %s failed",
        get_remote_address(),
        request.path,
        limit.limit,
    )


#: Failed look-ups of any kind of link, per address of the visitor.
link_guesses = limiter.shared_limit(
    _setting("LINK_GUESS_RATE_LIMIT"),
    scope="link-guesses",
    deduct_when=_failed_lookup,
    on_breach=_log_guessing,
)


def link_limits(
    setting: str = "LINK_RATE_LIMIT", organisation_of: Callable[[str], str | None] | None = None
):
    """Decorate a view behind a link: failed look-ups per address, and the link's own ceiling.

    :param setting: the setting holding the ceiling per link (open links, shared by a whole
        meeting, have a higher one than personal links).
    :param organisation_of: the name of the organisation behind a link, shown on the page
        that asks a hammered link's visitor to wait.
    """

    def name_the_organisation(_limit: RequestLimit) -> None:
        if organisation_of is not None:
            g.limited_organisation = organisation_of(_the_link())

    per_link = limiter.limit(_setting(setting), key_func=_the_link, on_breach=name_the_organisation)

    def decorate(view):
        return link_guesses(per_link(view))

    return decorate


def _the_account_and_address() -> str:
    """The account entered and the visitor's address, as one key."""
    return f"{get_remote_address()}|{_the_address_entered()}"


#: Failed sign-ins per account and address pair: guessing one account's password is stopped,
#: while boards behind one office address sign in to their own accounts undisturbed.
_sign_in_per_pair = limiter.limit(
    _setting("LOGIN_RATE_LIMIT"),
    methods=["POST"],
    key_func=_the_account_and_address,
    deduct_when=_failed_sign_in,
)
#: Failed sign-ins per address over all accounts: trying many accounts is stopped too, at a
#: ceiling that several boards mistyping behind one address stay far below.
_sign_in_per_address = limiter.limit(
    _setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], deduct_when=_failed_sign_in
)


def sign_in_limited(view):
    """Decorate the sign-in page: failed sign-ins per account and address pair, and per
    address; a room of board members signing in correctly never counts."""
    return _sign_in_per_address(_sign_in_per_pair(view))


def account_code_limits(account_of: Callable[[], str]):
    """Decorate a step that checks a code or password of a known account (the two-factor code
    after the password, the current password on the account page): failures counted per
    account, over all such steps together, so spreading guesses over addresses does not help.

    :param account_of: the id of the account being checked, from the request.
    """
    return limiter.shared_limit(
        _setting("ACCOUNT_CODE_RATE_LIMIT"),
        scope="account-codes",
        key_func=lambda: f"account:{account_of()}",
        methods=["POST"],
        deduct_when=_failed_sign_in,
    )


def mail_request_limits(view):
    """Decorate a public form that mails the address entered: per mailbox, and per address
    of the visitor with a ceiling a whole meeting signing up stays below."""
    per_mailbox = limiter.limit(
        _setting("MAIL_REQUEST_RATE_LIMIT"), methods=["POST"], key_func=_the_address_entered
    )
    per_visitor = limiter.limit(_setting("PUBLIC_FORM_RATE_LIMIT"), methods=["POST"])
    return per_visitor(per_mailbox(view))


def seconds_to_wait() -> int:
    """How long the visitor of a refused request should wait, in whole seconds (at least 1)."""
    limit = limiter.current_limit
    if limit is None:
        return 60
    return max(1, int(limit.reset_at - time.time()))
