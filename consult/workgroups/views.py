"""The working groups' pages: the list, a group with its work plan and progress, editing."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.forms import save_valid_form
from consult.core.policy import Action
from consult.core.saving import saving
from consult.dossiers.services import dossiers_of
from consult.meetings.queries import accounts_of
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys.services import consultations_of
from consult.workgroups import bp, services
from consult.workgroups.forms import GoalForm, GoalStateForm, GroupForm, NoteForm, group_data
from consult.workgroups.models import Goal, WorkingGroup


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The organisation's working groups."""
    return render_template("workgroups/index.html", groups=services.groups_of(g.organisation))


def _group_form(group=None) -> GroupForm:
    data = group_data(group) if group is not None and request.method == "GET" else None
    return GroupForm(
        people=accounts_of(g.organisation),
        dossiers=dossiers_of(g.organisation),
        consultations=consultations_of(g.organisation),
        data=data,
    )


@bp.route("/new", methods=["GET", "POST"], defaults={"group_id": None})
@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit(group_id):
    """Make a working group, or change its name, mandate, members and links."""
    group = scoped_or_404(WorkingGroup, group_id) if group_id else None
    form = _group_form(group)
    save = lambda details: services.save_group(g.organisation, details, group, current_user)  # noqa: E731
    if saved := save_valid_form(form, save):
        flash(_("“%(name)s” was saved.", name=saved.name), "info")
        return redirect(url_for("workgroups.show", group_id=saved.id))
    return render_template("workgroups/form.html", form=form, group=group)


@bp.route("/<int:group_id>")
@organisation_required(Action.VIEW)
def show(group_id):
    """A working group: mandate, members, work plan, progress, linked dossiers."""
    return render_template(
        "workgroups/show.html",
        group=scoped_or_404(WorkingGroup, group_id),
        goal_form=GoalForm(formdata=None),
        state_form=GoalStateForm(formdata=None),
        note_form=note_form(),
    )


def note_form() -> NoteForm:
    """An empty progress note for this quarter."""
    quarter = (today().month + 2) // 3
    return NoteForm(formdata=None, data={"year": today().year, "quarter": str(quarter)})


def _back(group_id):
    return redirect(url_for("workgroups.show", group_id=group_id))


@bp.route("/<int:group_id>/goals", methods=["POST"])
@organisation_required(Action.EDIT)
def add_goal(group_id):
    """Add a SMART goal to the work plan."""
    group = scoped_or_404(WorkingGroup, group_id)
    form = GoalForm()
    if not save_valid_form(form, lambda details: services.add_goal(group, details, current_user)):
        flash(_("A goal says what, how it is measured, who does it and by when."), "error")
    return _back(group.id)


@bp.route("/<int:group_id>/goals/<int:goal_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def goal_state(group_id, goal_id):
    """Mark a goal met, dropped or open again."""
    goal = scoped_or_404(Goal, goal_id)
    form = GoalStateForm()
    if goal.group_id == group_id and form.validate_on_submit():
        with saving():
            services.set_goal_state(goal, form.chosen(), current_user)
    return _back(group_id)


@bp.route("/<int:group_id>/notes", methods=["POST"])
@organisation_required(Action.EDIT)
def write_note(group_id):
    """Write the progress note of a quarter."""
    return save_note(scoped_or_404(WorkingGroup, group_id), NoteForm(), "workgroups.show")


def save_note(group, form: NoteForm, endpoint: str):
    """Save a posted progress note, or say what is missing; back to the group's page."""
    if form.validate_on_submit():
        with saving():
            services.write_note(
                group, form.year.data, int(form.quarter.data), form.text.data, current_user
            )
    else:
        flash(_("Write a few words on the progress."), "error")
    return redirect(url_for(endpoint, group_id=group.id))
