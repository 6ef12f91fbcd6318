"""The landlord's accounts: only the meetings they are invited to, where they read the agenda
and papers and propose items while the agenda is open."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.forms import save_valid_form
from consult.core.policy import Action
from consult.core.saving import saving
from consult.meetings import landlord_bp, queries, services
from consult.meetings.downloads import send_calendar, send_paper
from consult.meetings.forms import AttendanceForm, ItemForm
from consult.meetings.models.agenda import Paper
from consult.meetings.models.meetings import Meeting
from consult.organisations.access import organisation_required, scoped_or_404


def _invited_or_404(meeting_id) -> Meeting:
    """The meeting when the signed-in landlord account is invited; 404 otherwise."""
    meeting = scoped_or_404(Meeting, meeting_id)
    if not services.takes_part(current_user, meeting):
        abort(404)
    return meeting


@landlord_bp.route("/")
@organisation_required(Action.RESPOND)
def index():
    """The meetings this account is invited to."""
    meetings = queries.meetings_with(current_user, g.organisation)
    return render_template("meetings/landlord_index.html", meetings=meetings)


def _page(meeting, form=None, attendance_form=None, status=200):
    return render_template(
        "meetings/landlord_show.html",
        meeting=meeting,
        form=form or ItemForm(formdata=None, organisation=g.organisation),
        attendance_form=attendance_form or AttendanceForm(formdata=None),
    ), status


@landlord_bp.route("/<int:meeting_id>")
@organisation_required(Action.RESPOND)
def show(meeting_id):
    """A meeting's agenda and papers, and the form to propose an item."""
    return _page(_invited_or_404(meeting_id))


@landlord_bp.route("/<int:meeting_id>/items", methods=["POST"])
@organisation_required(Action.RESPOND)
def propose(meeting_id):
    """Propose an item for the agenda (without links: those are the board's)."""
    meeting = _invited_or_404(meeting_id)
    form = ItemForm(organisation=g.organisation)
    add = lambda details: services.add_item(meeting, details, current_user)  # noqa: E731
    if item := save_valid_form(form, add):
        flash(_("“%(title)s” is on the agenda.", title=item.title), "info")
        return redirect(url_for("landlord_meetings.show", meeting_id=meeting.id))
    return _page(meeting, form, status=400)


@landlord_bp.route("/<int:meeting_id>/attendance", methods=["POST"])
@organisation_required(Action.RESPOND)
def answer_attendance(meeting_id):
    """Say whether this account comes to the meeting."""
    meeting = _invited_or_404(meeting_id)
    form = AttendanceForm()
    if form.validate_on_submit():
        with saving(form.attending.errors) as saved:
            services.answer_attendance(meeting, current_user, form.answer())
        if saved:
            flash(_("Thank you: your answer was saved."), "info")
            return redirect(url_for("landlord_meetings.show", meeting_id=meeting.id))
    return _page(meeting, attendance_form=form, status=400)


@landlord_bp.route("/<int:meeting_id>/papers/<int:paper_id>")
@organisation_required(Action.RESPOND)
def download_paper(meeting_id, paper_id):
    """A paper of a meeting this account is invited to."""
    meeting = _invited_or_404(meeting_id)
    paper = scoped_or_404(Paper, paper_id)
    if paper.item.meeting_id != meeting.id:
        abort(404)
    return send_paper(paper)


@landlord_bp.route("/<int:meeting_id>/meeting.ics")
@organisation_required(Action.RESPOND)
def calendar_file(meeting_id):
    """A meeting this account is invited to, for its calendar app."""
    return send_calendar(_invited_or_404(meeting_id), "landlord_meetings.show")
