"""The board's page of a year's agreed agenda: sharing, agreeing, publishing, proposals."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.organisations.access import organisation_required, scoped_or_404
from consult.planning import bp
from consult.planning.agenda import services as agenda
from consult.planning.agenda.forms import AgreeForm, PublishForm
from consult.planning.agenda.models import ItemProposal
from consult.planning.forms import quarter_name
from consult.planning.views import year_or_404


def _publish_form(plan, **kwargs) -> PublishForm:
    form = PublishForm([v.number for v in plan.versions], **kwargs)
    form.number.data = plan.published_number or 0
    return form


def _page(plan, agree_form=None, status=200):
    return render_template(
        "planning/agenda/board.html",
        plan=plan,
        changed=agenda.changed_since_agreed(plan),
        proposals=agenda.proposals_of(plan),
        agree_form=agree_form or AgreeForm(formdata=None),
        publish_form=_publish_form(plan, formdata=None),
        quarter_name=quarter_name,
        may_edit=g.role in EDITORS,
    ), status


@bp.route("/<int:year>/afspraken")
@organisation_required(Action.VIEW)
def agenda_page(year):
    """The year's plan as shared with and agreed by the landlord: versions and proposals."""
    return _page(agenda.plan_of(g.organisation, year_or_404(year)))


def _back(year):
    return redirect(url_for("planning.agenda_page", year=year))


@bp.route("/<int:year>/afspraken/<any(share, unshare):change>", methods=["POST"])
@organisation_required(Action.EDIT)
def share_agenda(year, change):
    """Let the landlord's accounts read the plan and propose items, or stop that."""
    plan = agenda.plan_of(g.organisation, year_or_404(year))
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            agenda.share_with_landlord(plan, change == "share", current_user)
        if saved:
            flash(_("Saved who may read the plan."), "info")
    return _back(year)


@bp.route("/<int:year>/afspraken/agree", methods=["POST"])
@organisation_required(Action.EDIT)
def agree_agenda(year):
    """Freeze the plan as it is now as the next version agreed with the landlord."""
    plan = agenda.plan_of(g.organisation, year_or_404(year))
    form = AgreeForm()
    if form.validate_on_submit():
        with saving(form.agreed_on.errors) as saved:
            version = agenda.agree(plan, form.agreed_on.data, form.note.data or "", current_user)
        if saved:
            flash(_("Version %(number)d is agreed.", number=version.number), "info")
            return _back(year)
    return _page(plan, agree_form=form, status=400)


@bp.route("/<int:year>/afspraken/publish", methods=["POST"])
@organisation_required(Action.EDIT)
def publish_agenda(year):
    """Choose the agreed version shown as the public jaaragenda, or none."""
    plan = agenda.plan_of(g.organisation, year_or_404(year))
    form = PublishForm([v.number for v in plan.versions])
    if form.validate_on_submit():
        with saving() as saved:
            agenda.publish(plan, form.number.data or None, current_user)
        if saved:
            flash(_("The public jaaragenda is saved."), "info")
    return _back(year)


@bp.route("/proposals/<int:proposal_id>/<any(accept, decline):answer>", methods=["POST"])
@organisation_required(Action.EDIT)
def answer_proposal(proposal_id, answer):
    """Take the landlord's proposal into the plan, or not."""
    proposal = scoped_or_404(ItemProposal, proposal_id)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            agenda.answer_proposal(proposal, answer == "accept", current_user)
        if saved:
            flash(_("The proposal is answered."), "info")
    return _back(proposal.plan.year)
