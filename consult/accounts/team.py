"""An organisation's team: the accounts with a role in it, invited and changed by its admins.

Boards of tenant organisations change every year, so admins manage the team in the app. A new
address gets an account without a password and an e-mailed link (a password reset link that
works longer) to choose one; an existing account only gets the role and a short notice.
Every change is in the audit log. Roles are read from the database on every request
(``consult.organisations.access.role_in``), so a change takes effect on the person's next page.
"""

from enum import StrEnum

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from consult.accounts import sessions
from consult.accounts.models import User
from consult.accounts.services import find_user, new_reset, normal_email
from consult.api import tokens as api_tokens
from consult.api.models import ApiToken
from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.core.policy import EDITORS, Role
from consult.extensions import db
from consult.mail import outbox
from consult.organisations.access import role_in
from consult.organisations.models import Membership, Organisation
from consult.organisations.services import grant_role

ROLE_LABELS = {
    Role.VIEWER: _l("Viewer"),
    Role.BOARD: _l("Board member"),
    Role.ADMIN: _l("Admin"),
    Role.LANDLORD: _l("Landlord"),
    Role.GROUP_MEMBER: _l("Working-group member"),
}
#: What each role may do, in one plain line for the admin who chooses it.
ROLE_EXPLANATIONS = {
    Role.VIEWER: _l("reads the panel, consultations, results and dossiers; changes nothing."),
    Role.BOARD: _l(
        "also builds consultations, invites the panel, keeps the member list and the dossiers."
    ),
    Role.ADMIN: _l("also manages the team, the panel settings, the koepel and the outbox."),
    Role.LANDLORD: _l(
        "the landlord's staff: only the dossiers shared with the landlord, to enter its reply; "
        "never members' data."
    ),
    Role.GROUP_MEMBER: _l(
        "a working group's member who is not on the board: only the pages of their own "
        "working groups."
    ),
}


class Invited(StrEnum):
    """What an invitation did."""

    NEW_ACCOUNT = "new_account"  #: an account was made; it gets a link to choose a password
    EXISTING_ACCOUNT = "existing_account"  #: the account got the role and a notice


def invitation_days() -> int:
    """How many days the link in an invitation works."""
    return current_app.config["ACCOUNT_INVITATION_VALID_FOR"].days


def team_of(organisation: Organisation) -> list[Membership]:
    """Everyone with a role in the organisation, with their account, by name and address."""
    return db.session.scalars(
        select(Membership)
        .join(Membership.user)
        .options(contains_eager(Membership.user))
        .where(Membership.organisation_id == organisation.id)
        .order_by(func.lower(func.coalesce(User.name, User.email)), User.email)
    ).all()


def membership_in(organisation: Organisation, membership_id: int) -> Membership | None:
    """The role with this id if it is one in ``organisation``, else None."""
    return db.session.scalar(
        select(Membership).where(
            Membership.id == membership_id, Membership.organisation_id == organisation.id
        )
    )


def invite(organisation: Organisation, email: str, name: str, role: Role, actor) -> Invited:
    """Give the person with this address ``role`` in the organisation, and mail them.

    :raises DomainError: when the address already has a role here (nothing is changed).
    """
    user = find_user(email) or _new_account(email, name, actor)
    if role_in(user, organisation) is not None:
        raise DomainError(
            _(
                "%(email)s already has a role in %(organisation)s; nothing was changed. "
                "Change the role in the list above.",
                email=user.email,
                organisation=organisation.name,
            )
        )
    membership = grant_role(user, organisation, role)
    if not user.has_password:
        _mail_invitation(membership, actor, "team.invited")
        return Invited.NEW_ACCOUNT
    entry = _record(membership, "team.added", actor, role=role)
    _mail("team_added", membership, entry.id, actor)
    return Invited.EXISTING_ACCOUNT


def _new_account(email: str, name: str, actor) -> User:
    """An account without a password for ``email``; the one another admin's invitation made
    at the same moment, if so (the address is unique, so the second insert fails)."""
    try:
        with db.session.begin_nested():
            user = User(email=normal_email(email), name=name.strip(), password_hash="")
            db.session.add(user)
    except IntegrityError:
        return find_user(email)
    current_app.logger.info("%s invited by %s", user, actor)
    return user


def invite_again(membership: Membership, actor) -> None:
    """Mail a new invitation link to someone who has not chosen a password yet.

    :raises DomainError: when they have one already (they sign in as usual).
    """
    if membership.user.has_password:
        raise DomainError(
            _("%(email)s has already chosen a password.", email=membership.user.email)
        )
    _mail_invitation(membership, actor, "team.reinvited")


def change_role(membership: Membership, role: Role, actor, keep: str | None = None) -> bool:
    """Give the person another role in the organisation; False when it is the same role.
    The person's sessions end, all but ``keep`` (the token of the admin's own session, which
    stays when admins change their own role).

    :raises DomainError: when this would leave the organisation without an admin.
    """
    if membership.role == role:
        return False
    if role != Role.ADMIN:
        _keep_an_admin(membership)
    _record(membership, "team.role_changed", actor, role=role, was=membership.role)
    membership.role = role
    sessions.end_all(membership.user, keep=keep)  # they sign in again with the new role
    if role not in EDITORS:
        _revoke_api_tokens(membership, actor)
    db.session.flush()
    return True


def remove(membership: Membership, actor, keep: str | None = None) -> None:
    """Take away the person's access to the organisation; their account stays, their sessions
    end (all but ``keep``, the token of an admin's own session).

    :raises DomainError: when this would leave the organisation without an admin.
    """
    _keep_an_admin(membership)
    _record(membership, "team.removed", actor, was=membership.role)
    _revoke_api_tokens(membership, actor)
    sessions.end_all(membership.user, keep=keep)
    db.session.delete(membership)
    db.session.flush()
    current_app.logger.info("%s removed by %s", membership, actor)


def _revoke_api_tokens(membership: Membership, actor) -> None:
    """Stop the API tokens the person made here: a token reads what its maker could read,
    so it goes with the right to make one (each revocation is in the audit log)."""
    made = select(ApiToken).where(
        ApiToken.organisation_id == membership.organisation_id,
        ApiToken.created_by_id == membership.user_id,
        ApiToken.revoked_at.is_(None),
    )
    for token in db.session.scalars(made):
        api_tokens.revoke(token, actor)


def _keep_an_admin(membership: Membership) -> None:
    """:raises DomainError: when ``membership`` is the last admin who can sign in.

    The organisation's row is locked first (PostgreSQL), so two admins who demote each
    other at the same moment cannot both succeed.
    """
    if membership.role != Role.ADMIN or not membership.user.has_password:
        return
    db.session.execute(
        select(Organisation.id)
        .where(Organisation.id == membership.organisation_id)
        .with_for_update()
    )
    admins = db.session.scalar(
        select(func.count())
        .select_from(Membership)
        .join(Membership.user)
        .where(
            Membership.organisation_id == membership.organisation_id,
            Membership.role == Role.ADMIN,
            User.password_hash != "",
        )
    )
    if admins <= 1:
        raise DomainError(
            _(
                "%(email)s is the last admin who can sign in. Make someone else admin first.",
                email=membership.user.email,
            )
        )


def _mail_invitation(membership: Membership, actor, action: str) -> None:
    """A new link to choose a password, in a mail naming the organisation and the role."""
    reset = new_reset(membership.user, current_app.config["ACCOUNT_INVITATION_VALID_FOR"])
    _record(membership, action, actor, role=membership.role)
    _mail("account_invitation", membership, reset.id, actor, reset_id=reset.id)


def _mail(kind: str, membership: Membership, cause_id: int, actor, **context) -> None:
    """Queue a mail about the role to its person; ``cause_id`` makes it one of a kind."""
    outbox.queue(
        kind,
        membership.user.email,
        f"{kind}:{cause_id}",
        organisation=membership.organisation,
        locale=membership.user.locale,
        priority=0,
        role=membership.role,
        inviter=actor.name or actor.email,
        **context,
    )


def _record(membership: Membership, action: str, actor, **details):
    return audit.record(
        membership.organisation, action, f"account {membership.user_id}", actor, **details
    )


def require_two_factor(organisation: Organisation, required: bool, actor) -> bool:
    """Require two-factor sign-in of everyone in the organisation, or make it optional again;
    False when nothing changes. Whoever has not turned it on sets it up on their next page."""
    if organisation.two_factor_required == required:
        return False
    organisation.two_factor_required = required
    action = "team.two_factor_required" if required else "team.two_factor_optional"
    audit.record(organisation, action, None, actor)
    return True
