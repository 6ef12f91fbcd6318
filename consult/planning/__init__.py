"""The participatiekalender: the organisation's year plan of topics on which advice will be
asked or given, linked to dossiers and consultations as they start; and (in ``agenda``) the
year agenda shared with and agreed by the landlord, published as the public jaaragenda."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("planning", __name__, url_prefix="/o/<org>/participatiekalender")
register_organisation_blueprint(bp)

#: The landlord's staff: the year plans shared with them, to read and propose items.
landlord_agenda_bp = Blueprint(
    "landlord_agenda", __name__, url_prefix="/o/<org>/verhuurder/jaaragenda"
)
register_organisation_blueprint(landlord_agenda_bp)

#: The public jaaragenda: the published agreed version, as a page, a PDF and a calendar.
jaaragenda_bp = Blueprint("jaaragenda", __name__, url_prefix="/h/<slug>")


def init_app(app: Flask) -> None:
    """The participatiekalender's pages, the agreed agenda's pages and the public jaaragenda."""
    from consult.planning import views
    from consult.planning.agenda import public_views
    from consult.planning.agenda import views as agenda_views

    register_views(app, views, agenda_views, public_views)
