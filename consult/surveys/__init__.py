"""Consultations: questionnaires, their lifecycle, and the responses they collect."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("surveys", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)

#: Open links: anyone with the link may answer, no account needed.
open_bp = Blueprint("open", __name__, url_prefix="/open")


def init_app(app: Flask) -> None:
    """Consultations: their pages, the builder and translations, paper forms, open links and
    their mail, the clean-up of answers that can no longer be sent, and the writing of
    anonymous responses held back once their consultation has closed."""
    from consult.surveys import (
        builder_views,
        closing_views,
        email,
        holding,
        open_views,
        paper_views,
        photo_views,
        segment_views,
        services,
        translation_views,
        views,
    )

    register_views(
        app, views, builder_views, closing_views, paper_views, open_views, segment_views,
        translation_views, photo_views,
    )
    register_mail(app, email.kinds)
    register_periodic(app, services.purge_closed_drafts, holding.settle_closed)
