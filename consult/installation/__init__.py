"""The installation: its administrators create organisations and their first admin, see every
organisation's size and last activity, and suspend or reinstate one. A role above the
organisations, which sees none of their data without a role in one."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views

bp = Blueprint("installation", __name__, url_prefix="/installation")


def init_app(app: Flask) -> None:
    """The installation's pages."""
    from consult.installation import views

    register_views(app, views)
