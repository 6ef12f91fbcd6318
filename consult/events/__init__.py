"""Events with sessions: the organiser's pages (``bp``), the public sign-up and the personal
link of a registration (``signup_bp``), their mail, and the jobs that remind before an event,
fill seats from waiting lists and erase the named lists after the retention period."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("events", __name__, url_prefix="/o/<org>/evenementen")
register_organisation_blueprint(bp)

#: Without an account: signing up through the event's public link, and the registration's
#: own link to see, cancel and add to a calendar.
signup_bp = Blueprint("event_signup", __name__, url_prefix="/e")


def init_app(app: Flask) -> None:
    """The event pages, their mail and their periodic jobs."""
    from consult.events import email, places, public_views, services, views

    register_views(app, views, public_views)
    register_mail(app, email.kinds)
    register_periodic(
        app, services.queue_reminders, places.fill_free_seats, services.erase_past_events
    )
