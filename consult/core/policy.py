"""The one access policy: who may do what in which organisation.

Every organisation route goes through ``organisation_required``: it resolves the organisation
from the URL, checks the signed-in user's membership and role, and exposes the organisation
as ``g.organisation``. Objects are then loaded with ``scoped_or_404``, never by id alone.
"""

from enum import StrEnum
from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user
from sqlalchemy import select

from consult.extensions import db


class Role(StrEnum):
    ADMIN = "admin"
    BOARD = "board"
    VIEWER = "viewer"
    #: The landlord's staff: only the dossiers shared with them, never members' data.
    LANDLORD = "landlord"


class Action(StrEnum):
    VIEW = "view"  #: read results, members, dossiers
    EDIT = "edit"  #: create and change consultations, members, dossiers, send invitations
    ADMINISTER = "administer"  #: read the outbox, manage the organisation
    RESPOND = "respond"  #: the landlord: read shared dossiers, enter its reply to the advice


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.BOARD: frozenset({Action.VIEW, Action.EDIT}),
    Role.ADMIN: frozenset({Action.VIEW, Action.EDIT, Action.ADMINISTER}),
    Role.LANDLORD: frozenset({Action.RESPOND}),
}

#: Roles that may change things; templates use it to show or hide edit controls.
EDITORS = frozenset(role for role, actions in PERMISSIONS.items() if Action.EDIT in actions)


def role_in(user, organisation) -> Role | None:
    """The user's role in the organisation, or None when they are not a member."""
    from consult.organisations.models import Membership

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
            if action not in PERMISSIONS[role]:
                abort(403)
            g.role = role
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
    from consult.organisations.models import Organisation

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
