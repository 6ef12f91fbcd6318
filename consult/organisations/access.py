"""The access policy applied: who may do what in which organisation, looked up per request.

Every organisation route goes through ``organisation_required``: it resolves the organisation
from the URL, checks the signed-in user's membership and role, and exposes the organisation
as ``g.organisation``. Objects are then loaded with ``scoped_or_404``, never by id alone.
The roles and what each may do are in ``consult.core.policy``.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort, current_app, g, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from consult.core.errors import json_error, wants_json
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


#: What a suspended organisation's pages, links and API answer.
SUSPENDED = _l(
    "%(organisation)s is suspended for now by the administrator of this Consult installation."
    " Nothing has been deleted: everything is back as it was once the suspension is lifted."
)


class OrganisationSuspended(HTTPException):
    """The organisation is suspended: a calm page (or JSON) saying so, status 403."""

    code = 403

    def __init__(self, name: str):
        super().__init__()
        self.organisation_name = name

    def get_response(self, environ=None, scope=None):
        message = SUSPENDED % {"organisation": self.organisation_name}
        if wants_json():
            return json_error(403, message)
        page = render_template("organisations/suspended.html", message=message)
        return current_app.make_response((page, 403))


def refuse_if_suspended(organisation: Organisation | None) -> None:
    """:raises OrganisationSuspended: when ``organisation`` is suspended; None passes, so that a
    caller's own "not found" answer stays the same."""
    if organisation is not None and organisation.suspended_at is not None:
        raise OrganisationSuspended(organisation.name)


def unless_suspended(organisation_of: Callable[..., Organisation | None]):
    """Decorate a view behind a link: the suspended organisation's page instead of the view.

    :param organisation_of: the organisation behind the view's arguments; None when the link
        is unknown, which the view then answers as before.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(**kwargs):
            refuse_if_suspended(organisation_of(**kwargs))
            return view(**kwargs)

        return wrapper

    return decorator


def organisation_required(action: Action):
    """Decorate a view under ``/o/<org>/``: 404 for non-members, 403 for a too-small role or a
    suspended organisation (a page that says so).

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
            refuse_if_suspended(g.organisation)
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
