"""A panel member's personal link to a members' meeting, and the board's button that sends
the links."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.limits import link_limits
from consult.core.policy import Action
from consult.core.saving import saving
from consult.meetings import bp, signup, signup_bp
from consult.meetings.forms import AttendanceForm
from consult.meetings.models.meetings import Meeting
from consult.organisations.access import organisation_required, scoped_or_404


@bp.route("/<int:meeting_id>/invite-panel", methods=["POST"])
@organisation_required(Action.EDIT)
def invite_panel(meeting_id):
    """Mail every reachable panel member not asked before a link to answer."""
    meeting = scoped_or_404(Meeting, meeting_id)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            count = signup.invite_panel(meeting, current_user)
        if saved:
            flash(
                ngettext("%(num)d mail is on its way.", "%(num)d mails are on their way.", count),
                "info",
            )
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@signup_bp.route("/vergadering/<token>", methods=["GET", "POST"])
@link_limits("LINK_RATE_LIMIT")
def answer(token):
    """The meeting and the member's answer; opening the link changes nothing."""
    registration = signup.find(token)
    if registration is None:
        abort(404)
    form = AttendanceForm()
    if form.validate_on_submit():
        with saving(form.attending.errors) as saved:
            signup.answer(registration, form.answer())
        if saved:
            flash(_("Thank you: your answer was saved."), "info")
            return redirect(url_for("meeting_signup.answer", token=token))
    return render_template(
        "meetings/signup.html",
        registration=registration,
        meeting=registration.meeting,
        association=registration.meeting.organisation,
        form=form,
    )
