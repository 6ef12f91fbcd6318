"""The organiser's event pages: the list, a new event, its sessions, the named lists (board
only), the printable presence list, check-in at the door and payments."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.core.errors import DomainError
from consult.core.forms import save_valid_form
from consult.core.policy import Action
from consult.events import bp, changes, panel, services
from consult.events.forms import EventForm, PaymentForm, edit_form
from consult.events.models import PAYMENT_LABELS, PLACEMENT_LABELS, Event, Payment, Registration
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The organisation's events, soonest first."""
    return render_template("events/index.html", events=services.events_of(g.organisation))


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create():
    """Make an event with its sessions and prices."""
    form = EventForm()

    def save(details):
        return services.create_event(
            g.organisation, details["event"], details["sessions"], details["prices"], current_user
        )

    if event := save_valid_form(form, save):
        flash(_("“%(title)s” was added.", title=event.title), "info")
        return redirect(url_for(".show", event_id=event.id))
    return render_template("events/form.html", form=form)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit(event_id):
    """Change an event's details; its sessions and prices stay."""
    event = scoped_or_404(Event, event_id)
    form = edit_form(event)  # a posted form's values come before the stored ones

    def save(details):
        services.update_event(event, details["event"], current_user)
        return event

    if save_valid_form(form, save):
        flash(_("“%(title)s” was saved.", title=event.title), "info")
        return redirect(url_for(".show", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.route("/<int:event_id>")
@organisation_required(Action.VIEW)
def show(event_id):
    """An event: when and where, the sessions with their seats and waiting lists."""
    event = scoped_or_404(Event, event_id)
    return render_template("events/show.html", event=event, waiting=services.waiting_counts(event))


@bp.route("/<int:event_id>/invite-panel", methods=["POST"])
@organisation_required(Action.EDIT)
def invite_panel(event_id):
    """Send every reachable panel member a one-time link to sign up."""
    event = scoped_or_404(Event, event_id)
    invited = panel.invite_panel(event, current_user)
    db.session.commit()
    flash(
        ngettext("%(num)d panel member invited.", "%(num)d panel members invited.", invited),
        "info",
    )
    return redirect(url_for(".show", event_id=event.id))


@bp.route("/<int:event_id>/cancel", methods=["POST"])
@organisation_required(Action.EDIT)
def cancel(event_id):
    """Cancel the event; everyone signed up gets a mail that takes it out of their calendar."""
    event = scoped_or_404(Event, event_id)
    try:
        mailed = changes.cancel_event(event, current_user)
    except DomainError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(
            ngettext(
                "The event is cancelled; %(num)d person was mailed.",
                "The event is cancelled; %(num)d people were mailed.",
                mailed,
            ),
            "info",
        )
    return redirect(url_for(".show", event_id=event.id))


@bp.route("/<int:event_id>/registrations")
@organisation_required(Action.EDIT)
def registrations(event_id):
    """The named lists per session, with remarks and payments: for the board only."""
    event = scoped_or_404(Event, event_id)
    lists = [(session, services.placements_of(session)) for session in event.sessions]
    return render_template(
        "events/registrations.html",
        event=event,
        lists=lists,
        labels=PLACEMENT_LABELS,
        payments=PAYMENT_LABELS,
        form=PaymentForm(),
    )


def _attendees_page(template: str, event_id: int):
    event = scoped_or_404(Event, event_id)
    return render_template(template, event=event, people=services.attendees_of(event))


@bp.route("/<int:event_id>/presence")
@organisation_required(Action.EDIT)
def presence(event_id):
    """The presence list to print, with a column to sign."""
    return _attendees_page("events/presence.html", event_id)


@bp.route("/<int:event_id>/check-in")
@organisation_required(Action.EDIT)
def check_in_list(event_id):
    """Check-in at the door on a phone: one big button per person."""
    return _attendees_page("events/check_in.html", event_id)


def _registration_of(event_id: int, registration_id: int) -> Registration:
    registration = scoped_or_404(Registration, registration_id)
    if registration.event_id != event_id:
        abort(404)  # the person is on another event's list
    return registration


@bp.route("/<int:event_id>/check-in/<int:registration_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def check_in(event_id, registration_id):
    """Mark one person present."""
    registration = _registration_of(event_id, registration_id)
    if services.check_in(registration):
        db.session.commit()
        flash(_("%(name)s is present.", name=registration.name), "info")
    return redirect(url_for(".check_in_list", event_id=event_id, _anchor=f"r{registration_id}"))


@bp.route("/<int:event_id>/payment/<int:registration_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def payment(event_id, registration_id):
    """Keep the payment status of one registration."""
    registration = _registration_of(event_id, registration_id)
    form = PaymentForm()
    if form.validate_on_submit():
        services.set_payment(registration, Payment(form.payment.data), form.reference.data)
        db.session.commit()
        flash(_("The payment of %(name)s was saved.", name=registration.name), "info")
    else:
        flash(_("Choose a payment status."), "error")
    return redirect(url_for(".registrations", event_id=event_id))
