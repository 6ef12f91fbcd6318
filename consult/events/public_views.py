"""Signing up without an account, and the registration's personal link."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core.clock import utcnow
from consult.core.limits import link_limits, mail_request_limits
from consult.core.saving import saving
from consult.events import signup_bp as bp
from consult.events.forms import round_field, sign_up_details, sign_up_form
from consult.events.ics import registration_ics
from consult.events.models import PLACEMENT_LABELS, Event, local_now
from consult.events.panel import find_invitation, sign_up_invited
from consult.events.places import cancel as cancel_registration
from consult.events.places import find_registration, registration_token, sign_up
from consult.extensions import db


def _open_event_or_404(key: str) -> Event:
    event = db.session.scalar(select(Event).where(Event.public_key == key))
    if event is None or event.erased_at or event.cancelled_at or event.ends_at < local_now():
        abort(404)
    return event


@bp.route("/<key>", methods=["GET", "POST"])
@link_limits("OPEN_LINK_RATE_LIMIT")
@mail_request_limits
def signup(key):
    """The public sign-up page of an event: details, a session per round, remarks."""
    event = _open_event_or_404(key)
    form = sign_up_form(event)
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            registration = sign_up(event, *sign_up_details(form, event, str(get_locale())))
        if saved:
            return redirect(url_for(".mine", token=registration_token(registration)))
    rounds = [(form[round_field(group[0].round)], group) for group in event.rounds]
    return render_template("events/signup.html", event=event, form=form, rounds=rounds)


@bp.route("/p/<token>", methods=["GET", "POST"])
@link_limits()
def invited(token):
    """A panel member's one-time link: the sign-up form without name and address."""
    invitation = find_invitation(token)
    # A member erased since the invitation has no name or address to sign up with.
    if invitation is None or invitation.event.ends_at < local_now() or not invitation.member.email:
        abort(404)
    event, member = invitation.event, invitation.member
    if invitation.used_at is not None:
        return render_template("events/used.html", event=event), 410
    form = sign_up_form(event, member=member)
    if form.validate_on_submit():
        details, choices = sign_up_details(form, event, member.locale)
        with saving(form.form_errors) as saved:
            registration = sign_up_invited(invitation, details, choices)
        if saved:
            return redirect(url_for(".mine", token=registration_token(registration)))
    rounds = [(form[round_field(group[0].round)], group) for group in event.rounds]
    return render_template(
        "events/signup.html", event=event, form=form, rounds=rounds, member=member
    )


def _registration_or_404(token: str):
    registration = find_registration(token)
    if registration is None:
        abort(404)
    return registration


@bp.route("/r/<token>")
@link_limits()
def mine(token):
    """The person's own registration: where they are placed, the calendar, cancelling."""
    registration = _registration_or_404(token)
    return render_template(
        "events/mine.html",
        registration=registration,
        event=registration.event,
        token=token,
        labels=PLACEMENT_LABELS,
    )


@bp.route("/r/<token>/cancel", methods=["POST"])
@link_limits()
def cancel(token):
    """Cancel the registration; the seats go to the first on the waiting lists."""
    registration = _registration_or_404(token)
    if cancel_registration(registration):
        db.session.commit()
        flash(_("Your registration is cancelled."), "info")
    return redirect(url_for(".mine", token=token))


@bp.route("/r/<token>/event.ics")
@link_limits()
def ics(token):
    """The event as a calendar file."""
    registration = _registration_or_404(token)
    text = registration_ics(
        registration, stamp=utcnow(), url=url_for(".mine", token=token, _external=True)
    )
    return Response(
        text,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="event.ics"'},
    )
