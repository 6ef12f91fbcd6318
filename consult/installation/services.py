"""What the installation's administrators do: create organisations with their first admin,
suspend them and lift the suspension. Nothing here deletes anything."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.accounts import team
from consult.accounts.models import User
from consult.accounts.services import create_user
from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.policy import Role
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.organisations.services import slugify


def create_installation_admin(email: str, password: str) -> User:
    """A new account that runs the installation (``consult create-admin``).

    :raises DomainError: when the address is taken or the password too short.
    """
    user = create_user(email, password)
    user.is_installation_admin = True
    current_app.logger.info("%s made installation administrator", user)
    return user


def create_organisation(name: str, admin_email: str, admin_name: str, actor) -> Organisation:
    """A new organisation and its first admin, who is mailed an invitation to choose a
    password (or, with an account already, a notice of the role) through the outbox.

    :raises DomainError: when an organisation with this name's web address exists already.
    """
    slug = slugify(name)
    if db.session.scalar(select(Organisation.id).where(Organisation.slug == slug)):
        raise DomainError(
            _(
                "An organisation with the web address /o/%(slug)s/ exists already. Choose a"
                " name that differs more.",
                slug=slug,
            )
        )
    organisation = Organisation(name=name.strip(), slug=slug)
    db.session.add(organisation)
    db.session.flush()
    audit.record(organisation, "organisation.created", None, actor)
    team.invite(organisation, admin_email, admin_name, Role.ADMIN, actor)
    current_app.logger.info("%s added by %s", organisation, actor)
    return organisation


def suspend(organisation: Organisation, actor) -> bool:
    """Suspend the organisation: its pages, links and API say so; False if it already was."""
    if organisation.suspended_at is not None:
        return False
    organisation.suspended_at = utcnow()
    audit.record(organisation, "organisation.suspended", None, actor)
    current_app.logger.info("%s suspended by %s", organisation, actor)
    return True


def lift_suspension(organisation: Organisation, actor) -> bool:
    """Make the organisation work again as before; False if it was not suspended."""
    if organisation.suspended_at is None:
        return False
    organisation.suspended_at = None
    audit.record(organisation, "organisation.reinstated", None, actor)
    current_app.logger.info("%s reinstated by %s", organisation, actor)
    return True
