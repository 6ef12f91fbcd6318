"""Creating organisations and giving people a role in them."""

import re
import unicodedata

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.audit import services as audit
from consult.core import uploads
from consult.core.errors import DomainError
from consult.core.policy import Role
from consult.extensions import db
from consult.organisations.models import Membership, Organisation


def slugify(name: str) -> str:
    """A URL-safe slug from a name: "Huurders De Voorbeeld" -> "huurders-de-voorbeeld"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or "organisatie"


def find_or_create_organisation(name: str, slug: str | None = None) -> Organisation:
    """The organisation with this slug, created with ``name`` if it does not exist yet."""
    slug = slug or slugify(name)
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        organisation = Organisation(name=name, slug=slug)
        db.session.add(organisation)
        db.session.flush()
        current_app.logger.info("%s added", organisation)
    return organisation


def grant_role(user, organisation: Organisation, role: Role) -> Membership:
    """Give ``user`` ``role`` in the organisation, replacing an earlier role."""
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    )
    if membership is None:
        membership = Membership(user_id=user.id, organisation_id=organisation.id)
        db.session.add(membership)
    membership.role = role
    db.session.flush()
    return membership


def organisations_of(user) -> list[Organisation]:
    """The organisations in which the user has any role, by name."""
    return db.session.scalars(
        select(Organisation)
        .join(Membership)
        .where(Membership.user_id == user.id)
        .order_by(Organisation.name)
    ).all()


#: The largest logo accepted: it travels inside every mail of the organisation.
MAX_LOGO_BYTES = 100_000
#: The kinds of image accepted as a logo.
LOGO_TYPES = (uploads.PNG, uploads.JPEG)


def set_logo(organisation: Organisation, data: bytes) -> None:
    """Keep a PNG or JPEG logo for the top of the organisation's e-mails.

    :raises DomainError: for another kind of file, or one over MAX_LOGO_BYTES.
    """
    kind = uploads.sniff(data)
    if kind not in LOGO_TYPES:
        raise DomainError(_("Choose a PNG or JPEG image."))
    if len(data) > MAX_LOGO_BYTES:
        raise DomainError(
            _("The logo may be at most %(kb)d KB; make it smaller.", kb=MAX_LOGO_BYTES // 1000)
        )
    organisation.logo, organisation.logo_type = data, kind.content_type


def remove_logo(organisation: Organisation) -> None:
    organisation.logo = organisation.logo_type = None


def save_settings(
    organisation: Organisation,
    letter_language: str,
    response_target: int,
    actor=None,
    *,
    return_address: str | None = None,
    contact_email: str | None = None,
) -> None:
    """Store the organisation's settings.

    :param response_target: the response rate aimed for, in percent (1 to 100).
    :param return_address: and ``contact_email``: None leaves them as they are.
    :raises DomainError: for a language the app does not speak, or a target out of range.
    """
    if letter_language not in current_app.config["LANGUAGES"]:
        raise DomainError(_("Choose a language."))
    if not 1 <= response_target <= 100:
        raise DomainError(_("Enter a whole number from 1 to 100."))
    organisation.letter_language = letter_language
    organisation.response_target = response_target
    if return_address is not None:
        organisation.return_address = return_address.strip()
    if contact_email is not None:
        organisation.contact_email = contact_email.strip()
    audit.record(organisation, "organisation.settings_changed", actor=actor)
