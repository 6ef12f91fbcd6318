"""Meetings: the overleg with the landlord, a koepel's central meeting, the members' meeting
and the board meeting, with agenda terms, papers and minutes.

``models``, ``services`` (meetings, terms, agenda), ``papers``, ``minutes`` (decisions and
action points), ``views`` (the board's pages), ``landlord_views`` (the landlord's accounts:
only the meetings they are invited to), ``koepel_items`` (a koepel's member organisations
propose items for its central meetings, on their koepel page) and ``email`` (the final agenda
with its papers).
"""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("meetings", __name__, url_prefix="/o/<org>/vergaderingen")
register_organisation_blueprint(bp)

#: The landlord's accounts: the meetings they are invited to.
landlord_bp = Blueprint(
    "landlord_meetings", __name__, url_prefix="/o/<org>/verhuurder/vergaderingen"
)
register_organisation_blueprint(landlord_bp)

#: Panel members' personal links to a members' meeting: no account, the token decides.
signup_bp = Blueprint("meeting_signup", __name__)


def init_app(app: Flask) -> None:
    """The meetings' pages, the mail of the final agenda and the notices of agenda terms."""
    from consult.meetings import (
        email,
        landlord_views,
        minutes_views,
        notices,
        signup_views,
        views,
    )

    register_views(app, views, minutes_views, landlord_views, signup_views)
    register_mail(app, email.kinds)
    register_periodic(app, notices.check_agenda_terms)
