"""The board's panel pages: the member list, its export, adding, editing and erasing."""

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.clock import today
from consult.core.policy import Action
from consult.core.requests import whole_number
from consult.core.saving import saving
from consult.core.spreadsheets import EXPORT_TYPES
from consult.extensions import db
from consult.membership import services as membership
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel import bp, queries, services
from consult.panel.forms import edit_member_form, filter_form, member_form
from consult.panel.models import STATUS_LABELS, MemberStatus, PanelMember
from consult.panel.queries import MemberFilter


def _filtered():
    """The filter form from the query string and the filters it gives (none when invalid)."""
    form = filter_form(services.dimensions_of(g.organisation), request.args)
    return form, (form.filters() if form.validate() else MemberFilter())


@bp.route("/")
@organisation_required(Action.VIEW)
def members():
    """The panel's members with their segments: filtered, searched, a page at a time."""
    form, filters = _filtered()
    requested = request.args.get("page", 1, type=whole_number)
    found, total, page = queries.page_of(g.organisation, filters, today(), requested)
    return render_template(
        "panel/members.html",
        members=found,
        total=total,
        page=page,
        pages=max(1, -(-total // queries.PER_PAGE)),
        form=form,
        dimensions=form.dimensions,
        export_form=FlaskForm(),
        today=today(),
    )


@bp.route("/export.<any(csv, xlsx):kind>", methods=["POST"])
@organisation_required(Action.EDIT)
def export(kind):
    """Download the filtered member list (personal data: board only, and audited)."""
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("panel.members"))
    _form, filters = _filtered()
    data = services.export_members(g.organisation, filters, kind, actor=current_user)
    db.session.commit()
    return Response(
        data,
        mimetype=EXPORT_TYPES[kind],
        headers={
            "Content-Disposition": f'attachment; filename="panel-{g.organisation.slug}-'
            f'{today().isoformat()}.{kind}"'
        },
    )


@bp.route("/<int:member_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit_member(member_id):
    """Change a member's name, language, segments, pause, postal address or channel."""
    member = scoped_or_404(PanelMember, member_id)
    if member.status == MemberStatus.ERASED:
        abort(404)
    form = edit_member_form(services.dimensions_of(g.organisation), member)
    if form.validate_on_submit():
        with saving(form.paused_until.errors) as saved:
            services.update_member(
                member,
                form.name.data,
                form.language.data,
                form.chosen_value_ids(),
                form.paused_until.data,
                actor=current_user,
            )
            services.set_post_details(
                member, form.postal_address.data, form.channel.data, actor=current_user
            )
        if saved:
            flash(_("The member's details have been saved."), "info")
            return redirect(url_for("panel.members"))
    return render_template("panel/edit_member.html", member=member, form=form)


@bp.route("/<int:member_id>/erase", methods=["POST"])
@organisation_required(Action.EDIT)
def erase_member(member_id):
    """Erase a member on their request (by phone or letter): the same as erasing themselves."""
    member = scoped_or_404(PanelMember, member_id)
    if member.status != MemberStatus.ERASED and FlaskForm().validate_on_submit():
        membership.erase(member, actor=current_user)
        db.session.commit()
        flash(_("The member's data has been erased."), "info")
    return redirect(url_for("panel.members"))


@bp.app_template_global()
def member_status_label(status: str) -> str:
    return STATUS_LABELS[MemberStatus(status)]


@bp.route("/<int:member_id>/address-works", methods=["POST"])
@organisation_required(Action.EDIT)
def clear_bounce(member_id):
    """Mark a refused address as working again."""
    member = scoped_or_404(PanelMember, member_id)
    if FlaskForm().validate_on_submit():
        services.clear_bounce(member, actor=current_user)
        db.session.commit()
        flash(_("Mail will go to %(email)s again.", email=member.email), "info")
    return redirect(url_for("panel.members"))


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def add_member():
    """Add one member by hand."""
    form = member_form(services.dimensions_of(g.organisation))
    if form.validate_on_submit():
        with saving(form.email.errors) as saved:
            membership.add_member(
                g.organisation,
                form.email.data,
                form.name.data,
                form.chosen_value_ids(),
                actor=current_user,
                locale=form.language.data,
                basis_note=form.basis_note.data,
            )
        if saved:
            flash(_("%(email)s was added to the panel.", email=form.email.data), "info")
            return redirect(url_for("panel.members"))
    return render_template("panel/add_member.html", form=form)
