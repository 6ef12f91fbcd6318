"""The board's meeting pages: the list with the coming terms, a meeting with its agenda and
papers, planning and moving it, the agenda terms, and the steps of its state."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.forms import save_valid_form
from consult.core.policy import Action
from consult.core.saving import saving
from consult.core.uploads import allow_upload
from consult.dossiers.services import dossiers_of
from consult.meetings import bp, minutes, papers, queries, services, signup
from consult.meetings.downloads import send_calendar, send_paper
from consult.meetings.forms import (
    ApproveForm,
    AttendanceForm,
    ItemForm,
    MeetingForm,
    PaperForm,
    StateForm,
    TermsForm,
    meeting_data,
    minutes_forms,
)
from consult.meetings.models.agenda import AgendaItem, Paper
from consult.meetings.models.meetings import KIND_LABELS, Meeting, MeetingKind, MeetingState
from consult.organisations.access import organisation_required, scoped_or_404
from consult.planning.services import items_of
from consult.surveys.services import consultations_of
from consult.workgroups.services import groups_of


@bp.url_value_preprocessor
def allow_a_paper(endpoint, values):
    """A paper may be larger than other requests."""
    if endpoint == "meetings.upload_paper":
        allow_upload(current_app.config["MAX_DOCUMENT_BYTES"])


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The meetings, and the agenda terms coming up."""
    return render_template(
        "meetings/index.html",
        meetings=queries.meetings_of(g.organisation),
        terms=queries.upcoming_terms(g.organisation),
        actions=minutes.open_actions_of(current_user, g.organisation),
        today=today(),
    )


def _meeting_form(meeting=None, **kwargs) -> MeetingForm:
    data = meeting_data(meeting) if meeting is not None and request.method == "GET" else None
    return MeetingForm(
        people=queries.accounts_of(g.organisation),
        member_organisations=queries.member_organisations_of(g.organisation),
        data=data,
        **kwargs,
    )


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create():
    """Plan a meeting; its agenda terms follow from its date."""
    form = _meeting_form()
    plan = lambda details: services.plan_meeting(g.organisation, details, current_user)  # noqa: E731
    if meeting := save_valid_form(form, plan):
        flash(_("“%(title)s” was planned.", title=meeting.title), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit(meeting_id):
    """Change or move a meeting; a new date moves its agenda terms."""
    meeting = scoped_or_404(Meeting, meeting_id)
    form = _meeting_form(meeting)
    day = meeting.starts_at.date()
    if save_valid_form(
        form, lambda details: services.update_meeting(meeting, details, current_user) or meeting
    ):
        if meeting.starts_at.date() != day:
            flash(_("The meeting was moved; its agenda terms moved with it."), "info")
        flash(_("“%(title)s” was saved.", title=meeting.title), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting)


def _item_form(**kwargs) -> ItemForm:
    return ItemForm(
        organisation=g.organisation,
        member_organisations=queries.member_organisations_of(g.organisation),
        dossiers=dossiers_of(g.organisation),
        consultations=consultations_of(g.organisation),
        plan_items=items_of(g.organisation, today().year),
        working_groups=groups_of(g.organisation),
        **kwargs,
    )


@bp.route("/<int:meeting_id>")
@organisation_required(Action.VIEW)
def show(meeting_id):
    """A meeting: when and where, who is invited, its terms, agenda and papers."""
    return show_page(scoped_or_404(Meeting, meeting_id))


def show_page(meeting, item_form=None, paper_form=None, state_form=None, status=200):
    """The meeting page, with the form the board last sent where given."""
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        item_form=item_form or _item_form(formdata=None),
        paper_form=paper_form or PaperForm(formdata=None),
        state_form=state_form or StateForm(formdata=None, next_states=meeting.next_states),
        minutes_forms=minutes_forms(meeting, queries.accounts_of(g.organisation)),
        approve_form=ApproveForm(formdata=None, meetings=minutes.later_meetings(meeting)),
        attendance_form=AttendanceForm(formdata=None),
        counts=queries.attendance_counts(meeting),
        signups=signup.signup_counts(meeting),
        today=today(),
    ), status


@bp.route("/<int:meeting_id>/items", methods=["POST"])
@organisation_required(Action.EDIT)
def add_item(meeting_id):
    """Put an item on the agenda, proposed by the board or a member organisation."""
    meeting = scoped_or_404(Meeting, meeting_id)
    form = _item_form()

    def add(details):
        proposer = form.proposing_organisation() or current_user
        return services.add_item(meeting, details, proposer, current_user)

    if item := save_valid_form(form, add):
        flash(_("“%(title)s” is on the agenda.", title=item.title), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))
    return show_page(meeting, item_form=form, status=400)


def item_or_404(meeting_id, item_id) -> AgendaItem:
    """The agenda item of the organisation's meeting; 404 for another meeting's."""
    item = scoped_or_404(AgendaItem, item_id)
    if item.meeting_id != meeting_id:
        abort(404)
    return item


@bp.route("/<int:meeting_id>/items/<int:item_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_item(meeting_id, item_id):
    """Take an item off the agenda while it is open."""
    item = item_or_404(meeting_id, item_id)
    title = item.title
    with saving() as saved:
        services.remove_item(item, current_user)
    if saved:
        flash(_("“%(title)s” was taken off the agenda.", title=title), "info")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="agenda"))


@bp.route("/<int:meeting_id>/items/<int:item_id>/papers", methods=["POST"])
@organisation_required(Action.EDIT)
def upload_paper(meeting_id, item_id):
    """Add a paper to an agenda item; after the term it is marked late."""
    item = item_or_404(meeting_id, item_id)
    form = PaperForm()
    if form.validate_on_submit():
        data = form.file.data.read(current_app.config["MAX_DOCUMENT_BYTES"] + 1)
        with saving(form.file.errors) as saved:
            paper = papers.add_paper(item, form.file.data.filename, data, current_user)
        if saved:
            flash(_("“%(name)s” was added to the agenda item.", name=paper.filename), "info")
            return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="agenda"))
    return show_page(item.meeting, paper_form=form, status=400)


@bp.route("/<int:meeting_id>/papers/<int:paper_id>")
@organisation_required(Action.VIEW)
def download_paper(meeting_id, paper_id):
    """A paper's file as a download."""
    paper = scoped_or_404(Paper, paper_id)
    if paper.item.meeting_id != meeting_id:
        abort(404)
    return send_paper(paper)


@bp.route("/<int:meeting_id>/meeting.ics")
@organisation_required(Action.VIEW)
def calendar_file(meeting_id):
    """The meeting for a calendar app, at its time in Europe/Amsterdam."""
    return send_calendar(scoped_or_404(Meeting, meeting_id), "meetings.show")


@bp.route("/<int:meeting_id>/attendance", methods=["POST"])
@organisation_required(Action.VIEW)
def answer_attendance(meeting_id):
    """The signed-in invitee says whether they come."""
    meeting = scoped_or_404(Meeting, meeting_id)
    form = AttendanceForm()
    if form.validate_on_submit():
        with saving() as saved:
            services.answer_attendance(meeting, current_user, form.answer())
        if saved:
            flash(_("Thank you: your answer was saved."), "info")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/presence")
@organisation_required(Action.VIEW)
def presence(meeting_id):
    """A presence list to print, with everyone invited and their answer."""
    meeting = scoped_or_404(Meeting, meeting_id)
    return render_template(
        "meetings/presence.html",
        meeting=meeting,
        counts=queries.attendance_counts(meeting),
        registrations=signup.registrations_of(meeting),
    )


@bp.route("/<int:meeting_id>/state", methods=["POST"])
@organisation_required(Action.EDIT)
def change_state(meeting_id):
    """Fix the agenda (mailing it), reopen it, record that the meeting was held or cancel it."""
    meeting = scoped_or_404(Meeting, meeting_id)
    form = StateForm(next_states=meeting.next_states)
    if form.validate_on_submit():
        with saving(form.state.errors) as saved:
            services.move(meeting, form.chosen(), current_user)
        if saved:
            if meeting.state == MeetingState.FIXED:
                flash(_("The agenda is fixed and was sent to the participants."), "info")
            else:
                flash(_("The meeting is now “%(state)s”.", state=meeting.state_label), "info")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return show_page(meeting, state_form=form, status=400)


@bp.route("/terms", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def terms():
    """The agreed agenda terms per kind of meeting."""
    form = TermsForm()
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            services.set_terms(
                g.organisation,
                MeetingKind(form.kind.data),
                form.concept_weeks.data,
                form.final_weeks.data,
                current_user,
            )
        if saved:
            flash(
                _("The agenda terms were saved; meetings planned from now on follow them."), "info"
            )
            return redirect(url_for("meetings.terms"))
    return render_template(
        "meetings/terms.html",
        form=form,
        current=services.all_terms(g.organisation),
        kind_labels=KIND_LABELS,
    )
