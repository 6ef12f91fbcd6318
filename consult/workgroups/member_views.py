"""A working group's own members who are not on the board: their groups' pages, and the
quarterly progress note; nothing else of the organisation."""

from flask import abort, g, render_template
from flask_login import current_user

from consult.core.policy import Action
from consult.organisations.access import organisation_required, scoped_or_404
from consult.workgroups import member_bp, services
from consult.workgroups.forms import NoteForm
from consult.workgroups.models import WorkingGroup
from consult.workgroups.views import note_form, save_note


def _mine_or_404(group_id) -> WorkingGroup:
    """The group when the signed-in account is a member; 404 otherwise."""
    group = scoped_or_404(WorkingGroup, group_id)
    if current_user not in group.members:
        abort(404)
    return group


@member_bp.route("/")
@organisation_required(Action.WORK)
def index():
    """The working groups this account is a member of."""
    groups = services.groups_with(current_user, g.organisation)
    return render_template("workgroups/member_index.html", groups=groups)


@member_bp.route("/<int:group_id>")
@organisation_required(Action.WORK)
def show(group_id):
    """One of the account's working groups: mandate, members, work plan, progress."""
    return render_template(
        "workgroups/show.html", group=_mine_or_404(group_id), note_form=note_form()
    )


@member_bp.route("/<int:group_id>/notes", methods=["POST"])
@organisation_required(Action.WORK)
def write_note(group_id):
    """Write the progress note of a quarter."""
    return save_note(_mine_or_404(group_id), NoteForm(), "group_pages.show")
