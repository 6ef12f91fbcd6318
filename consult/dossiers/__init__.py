"""Advice dossiers: the formal advice work with the landlord and the evidence behind it."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("dossiers", __name__, url_prefix="/o/<org>/dossiers")
register_organisation_blueprint(bp)

#: The calendar feeds behind personal links: calendar apps fetch them without signing in.
calendar_bp = Blueprint("calendar", __name__)

#: The feedback pages for members or the public ("u zei, wij deden").
feedback_bp = Blueprint("feedback", __name__)

#: The landlord's staff: only the dossiers shared with them.
landlord_bp = Blueprint("landlord", __name__, url_prefix="/o/<org>/verhuurder")
register_organisation_blueprint(landlord_bp)


def init_app(app: Flask) -> None:
    """Dossiers: the board's pages, the calendar feeds, the feedback pages, the landlord's
    pages, their mail and the deadline notices."""
    from consult.dossiers import (
        advice_views,
        calendar_views,
        deadline_mail,
        document_views,
        email,
        feedback_views,
        landlord_views,
        views,
    )

    register_views(
        app, views, advice_views, document_views, calendar_views, feedback_views, landlord_views
    )
    register_mail(app, email.kinds)
    register_periodic(app, deadline_mail.check_deadlines)
