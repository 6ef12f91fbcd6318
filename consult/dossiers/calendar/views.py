"""The personal calendar link to the dossier deadlines: made on a page, fetched by apps."""

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.limits import link_limits
from consult.core.policy import Action
from consult.dossiers import bp, calendar_bp
from consult.dossiers.calendar import subscriptions
from consult.extensions import db
from consult.mail.outbox import external_url
from consult.organisations.access import organisation_required, refuse_if_suspended
from consult.organisations.models import Organisation


def _page(token: str | None = None):
    feed_url = external_url("calendar.feed", token=token) if token else None
    return render_template(
        "dossiers/calendar.html",
        subscription=subscriptions.subscription_of(current_user, g.organisation),
        feed_url=feed_url,
        webcal_url=feed_url and "webcal://" + feed_url.split("://", 1)[1],
    )


@bp.route("/calendar")
@organisation_required(Action.VIEW)
def calendar():
    """The signed-in user's calendar link: what it is, make, renew or stop it."""
    return _page()


@bp.route("/calendar/link", methods=["POST"])
@organisation_required(Action.VIEW)
def new_calendar_link():
    """Make or replace the calendar link and show it this once (it is not stored)."""
    token = subscriptions.new_link(current_user, g.organisation)
    db.session.commit()
    return _page(token)


@bp.route("/calendar/stop", methods=["POST"])
@organisation_required(Action.VIEW)
def stop_calendar_link():
    """Stop the calendar link: calendar apps get nothing from it any more."""
    if subscriptions.stop_link(current_user, g.organisation):
        db.session.commit()
        flash(_("Your calendar link has stopped working."), "info")
    return redirect(url_for("dossiers.calendar"))


@calendar_bp.route("/calendar/<token>.ics")
@link_limits("CALENDAR_RATE_LIMIT")
def feed(token):
    """The deadlines as iCalendar; an unknown, stopped or orphaned link is 404 alike."""
    subscription = subscriptions.find(token)
    if subscription is None:
        abort(404)
    refuse_if_suspended(db.session.get(Organisation, subscription.organisation_id))
    response = make_response(subscriptions.feed(subscription))
    response.mimetype = "text/calendar"
    return response
