"""Advice dossiers: the formal advice work with the landlord and the evidence behind it.

The dossier itself (``models``, ``services``, ``views``, ``forms``) is here; its parts have
packages of their own: ``advice`` (points, reply, letter), ``consent`` (the decision on a
request for consent, its letter), ``documents``, ``deadlines``
(terms and the board's notices), ``calendar`` (feeds), ``feedback`` (to the members),
``landlord`` (the landlord's own view) and ``news`` (the board's dated updates).
"""

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
    from consult.dossiers import views
    from consult.dossiers.advice import views as advice_views
    from consult.dossiers.calendar import views as calendar_views
    from consult.dossiers.consent import views as consent_views
    from consult.dossiers.deadlines import email as deadline_email
    from consult.dossiers.deadlines import notices as deadline_notices
    from consult.dossiers.documents import views as document_views
    from consult.dossiers.feedback import email as feedback_email
    from consult.dossiers.feedback import views as feedback_views
    from consult.dossiers.landlord import views as landlord_views
    from consult.dossiers.news import email as news_email
    from consult.dossiers.news import views as news_views

    register_views(
        app,
        views,
        advice_views,
        consent_views,
        document_views,
        calendar_views,
        feedback_views,
        landlord_views,
        news_views,
    )
    register_mail(app, deadline_email.kinds)
    register_mail(app, feedback_email.kinds)
    register_mail(app, news_email.kinds)
    register_periodic(app, deadline_notices.check_deadlines)
