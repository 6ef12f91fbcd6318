"""Koepel pages: the koepel's member organisations and joint dossiers, and, for a member
organisation, the joint dossiers of its koepels with its own position and the koepels' coming
central meetings, for which its board proposes agenda items."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.clock import today
from consult.core.forms import save_valid_form
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.extensions import db
from consult.koepel import bp, services
from consult.koepel.forms import MemberForm, PositionForm
from consult.meetings import koepel_items
from consult.meetings.forms import ItemForm
from consult.organisations.access import organisation_required
from consult.planning.agenda import services as agenda
from consult.planning.forms import month_name, quarter_name


def _item_form(meeting, posted=False) -> ItemForm:
    """The form to propose an item for one central meeting (its fields named apart)."""
    return ItemForm(
        formdata=None if not posted else request.form,
        prefix=f"meeting-{meeting.id}",
        organisation=g.organisation,
    )


def _index(posted: dict | None = None, status=200):
    """The koepel page; ``posted`` holds the form sent back for one meeting, by its id."""
    meetings = koepel_items.coming_central_meetings(g.organisation)
    forms = {m.id: _item_form(m) for m in meetings} | (posted or {})
    return render_template(
        "koepel/index.html",
        members=services.members_of(g.organisation),
        member_form=MemberForm(formdata=None),
        joint=services.joint_dossiers_for(g.organisation),
        invitations=services.invitations_for(g.organisation),
        koepel_plans=agenda.koepel_plans(g.organisation, today().year),
        central_meetings=meetings,
        item_forms=forms,
        month_name=month_name,
        quarter_name=quarter_name,
    ), status


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The koepel's member organisations, and the joint dossiers and coming central meetings
    of the koepels we are in."""
    return _index()


@bp.route("/meetings/<int:meeting_id>/items", methods=["POST"])
@organisation_required(Action.EDIT)
def propose_item(meeting_id):
    """Propose an item for a coming central meeting of one of our koepels."""
    meeting = koepel_items.coming_central_meeting(g.organisation, meeting_id)
    if meeting is None:
        abort(404)
    form = _item_form(meeting, posted=True)
    propose = lambda d: koepel_items.propose(meeting, g.organisation, d, current_user)  # noqa: E731
    if item := save_valid_form(form, propose):
        flash(
            _("“%(title)s” is proposed for %(meeting)s.", title=item.title, meeting=meeting.title),
            "info",
        )
        return redirect(url_for("koepel.index"))
    return _index({meeting.id: form}, status=400)


@bp.route("/members", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def invite_member():
    """Invite an organisation into this koepel; it joins when its admin accepts."""
    form = MemberForm()
    if form.validate_on_submit():
        with saving() as saved:
            services.invite_member(
                g.organisation, form.slug.data, form.recognised.data, current_user
            )
        if saved:
            flash(
                _(
                    "If an organisation with that address name uses Consult, it is invited: "
                    "it joins once its admin accepts."
                ),
                "info",
            )
    else:
        flash(_("Enter the address name of the organisation."), "error")
    return redirect(url_for("koepel.index"))


@bp.route(
    "/members/<int:membership_id>/<any(recognise, unrecognise, remove):change>", methods=["POST"]
)
@organisation_required(Action.ADMINISTER)
def change_member(membership_id, change):
    """Recognise a member organisation, stop recognising it, or remove it."""
    joined = services.membership(g.organisation, membership_id)
    if joined is None:
        abort(404)
    if FlaskForm().validate_on_submit():
        services.change_member(joined, change, current_user)
        db.session.commit()
        flash(_("The member organisations were saved."), "info")
    return redirect(url_for("koepel.index"))


def _joint_or_404(dossier_id: int):
    dossier = services.joint_dossier_for(g.organisation, dossier_id)
    if dossier is None:
        abort(404)
    return dossier


def _joint_page(dossier, form: PositionForm | None = None, status: int = 200):
    own = services.position_of(dossier, g.organisation)
    if form is None:
        form = PositionForm(formdata=None, obj=own, data=None if own else {"decided_on": today()})
    return render_template(
        "koepel/joint_dossier.html",
        dossier=dossier,
        positions=services.positions_of(dossier),
        count=services.consent_count(dossier),
        form=form,
        may_edit=g.role in EDITORS,
    ), status


@bp.route("/invitations/<int:membership_id>/<any(accept, decline):answer>", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def answer_invitation(membership_id, answer):
    """Accept or decline a koepel's invitation to join it."""
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            services.answer_invitation(
                g.organisation, membership_id, answer == "accept", current_user
            )
        if saved:
            flash(_("Your answer to the koepel was saved."), "info")
    return redirect(url_for("koepel.index"))


@bp.route("/joint/<int:dossier_id>")
@organisation_required(Action.VIEW)
def joint_dossier(dossier_id):
    """A joint dossier of our koepel: what it is about, every position, and ours."""
    return _joint_page(_joint_or_404(dossier_id))


@bp.route("/joint/<int:dossier_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def set_position(dossier_id):
    """Give or change our organisation's position on a joint dossier."""
    dossier = _joint_or_404(dossier_id)
    form = PositionForm()
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            services.record_position(
                dossier,
                g.organisation,
                form.chosen(),
                form.note.data or "",
                form.decided_on.data,
                current_user,
            )
        if saved:
            flash(_("Your organisation's position was saved."), "info")
            return redirect(url_for("koepel.joint_dossier", dossier_id=dossier.id))
    return _joint_page(dossier, form, 400)
