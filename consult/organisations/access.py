"""The access policy applied: who may do what in which organisation, looked up per request.

Every organisation route goes through ``organisation_required``: it resolves the organisation
from the URL, checks the signed-in user's membership and role, and exposes the organisation
as ``g.organisation``. Objects are then loaded with ``scoped_or_404``, never by id alone.
The roles and what each may do are in ``consult.core.policy``.
"""

from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user
from sqlalchemy import select

from consult.core.policy import PERMISSIONS, Action, Role
from consult.extensions import db
from consult.organisations.models import Membership, Organisation


def role_in(user, organisation) -> Role | None:
    """The user's role in the organisation, or None when they are not a member."""
    if not user.is_authenticated:
        return None
    role = db.session.scalar(
        select(Membership.role).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    )
    return Role(role) if role else None


def may(user, organisation, action: Action) -> bool:
    """Whether the user may perform ``action`` in the organisation."""
    role = role_in(user, organisation)
    return role is not None and action in PERMISSIONS[role]


def organisation_required(action: Action):
    """Decorate a view under ``/o/<org>/``: 404 for non-members, 403 for a too-small role.

    Anonymous visitors are sent to the login page whether or not the organisation exists, and
    non-members get 404, so that the existence of another organisation is not revealed.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                from consult.extensions import login_manager

                return login_manager.unauthorized()
            role = role_in(current_user, g.organisation) if g.organisation else None
            if role is None:
                abort(404)
            # Known before a refusal too: the 403 page shows the menu of the user's own role
            # (a landlord's leads back to its shared dossiers).
            g.role = role
            if action not in PERMISSIONS[role]:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def scoped_or_404(model, object_id):
    """Load ``model`` by id within ``g.organisation``; 404 when it is elsewhere or missing."""
    found = model.get_for(g.organisation, object_id)
    if found is None:
        abort(404)
    return found


def register_organisation_blueprint(bp) -> None:
    """Make every route of ``bp`` take the organisation slug from the URL and put it in ``g``."""

    @bp.url_value_preprocessor
    def pull_organisation(endpoint, values):
        slug = (values or {}).pop("org", None)
        g.organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))

    @bp.url_defaults
    def add_organisation(endpoint, values):
        if (
            "org" not in values
            and getattr(g, "organisation", None) is not None
            and current_app.url_map.is_endpoint_expecting(endpoint, "org")
        ):
            values["org"] = g.organisation.slug
