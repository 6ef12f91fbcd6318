"""The minutes of a meeting held: text per item, decisions, action points, approval."""

from flask import abort, flash, g, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.policy import Action
from consult.core.saving import saving
from consult.meetings import bp, minutes, queries
from consult.meetings.forms import ActionForm, ApproveForm, DecisionForm, MinutesForm
from consult.meetings.models.agenda import ActionPoint
from consult.meetings.models.meetings import Meeting
from consult.meetings.views import item_or_404
from consult.organisations.access import organisation_required, scoped_or_404


def _back(meeting_id, item_id=None):
    anchor = f"item-{item_id}" if item_id else "agenda"
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor=anchor))


def _valid(form) -> bool:
    """Whether the posted form is valid; otherwise its first message is flashed."""
    if form.validate_on_submit():
        return True
    for errors in form.errors.values():
        flash(str(errors[0]), "error")
        break
    return False


def _on_item(meeting_id, item_id, make_form, save):
    """Load the item, validate ``make_form(item)`` and ``save(item, form)``; back to the item."""
    item = item_or_404(meeting_id, item_id)
    form = make_form(item)
    if _valid(form):
        with saving():
            save(item, form)
    return _back(meeting_id, item.id)


@bp.route("/<int:meeting_id>/items/<int:item_id>/minutes", methods=["POST"])
@organisation_required(Action.EDIT)
def write_minutes(meeting_id, item_id):
    """Save the minutes of an agenda item."""
    return _on_item(
        meeting_id,
        item_id,
        lambda item: MinutesForm(prefix=f"minutes-{item.id}"),
        lambda item, form: minutes.write_minutes(item, form.text.data or "", current_user),
    )


@bp.route("/<int:meeting_id>/items/<int:item_id>/decisions", methods=["POST"])
@organisation_required(Action.EDIT)
def add_decision(meeting_id, item_id):
    """Add a decision to the besluitenlijst (and to the linked dossier's timeline)."""
    return _on_item(
        meeting_id,
        item_id,
        lambda item: DecisionForm(prefix=f"decision-{item.id}"),
        lambda item, form: minutes.add_decision(item, form.text.data, current_user),
    )


@bp.route("/<int:meeting_id>/items/<int:item_id>/actions", methods=["POST"])
@organisation_required(Action.EDIT)
def add_action(meeting_id, item_id):
    """Add an action point: who, what, by when."""
    people = queries.accounts_of(g.organisation)

    def save(item, form):
        owner, who = form.chosen_owner(), form.who.data or ""
        minutes.add_action(item, form.what.data, owner, who, form.due_on.data, current_user)

    return _on_item(
        meeting_id,
        item_id,
        lambda item: ActionForm(prefix=f"action-{item.id}", people=people),
        save,
    )


@bp.route("/<int:meeting_id>/actions/<int:action_id>/done", methods=["POST"])
@organisation_required(Action.EDIT)
def complete_action(meeting_id, action_id):
    """Mark an action point done; it leaves its owner's overview."""
    action = scoped_or_404(ActionPoint, action_id)
    if action.item.meeting_id != meeting_id:
        abort(404)
    if FlaskForm().validate_on_submit():
        with saving():
            minutes.complete_action(action, current_user)
    return _back(meeting_id, action.item_id)


@bp.route("/<int:meeting_id>/approve", methods=["POST"])
@organisation_required(Action.EDIT)
def approve(meeting_id):
    """Record at which later meeting the minutes were approved."""
    meeting = scoped_or_404(Meeting, meeting_id)
    form = ApproveForm(meetings=minutes.later_meetings(meeting))
    if _valid(form):
        with saving():
            minutes.approve_minutes(meeting, form.chosen(), current_user)
    return _back(meeting_id)
