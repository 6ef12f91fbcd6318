"""The board's panel pages: the member list and adding a member."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.errors import DomainError
from consult.core.policy import Action, organisation_required, scoped_or_404
from consult.extensions import db
from consult.panel import bp, services
from consult.panel.forms import member_form
from consult.panel.models import PanelMember


@bp.route("/")
@organisation_required(Action.VIEW)
def members():
    """The panel's members with their segments."""
    return render_template(
        "panel/members.html",
        members=services.members_of(g.organisation),
        dimensions=services.dimensions_of(g.organisation),
    )


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
        try:
            services.add_member(
                g.organisation,
                form.email.data,
                form.name.data,
                form.chosen_value_ids(),
                actor=current_user,
                locale=form.language.data,
                basis_note=form.basis_note.data,
            )
        except DomainError as error:
            db.session.rollback()
            form.email.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("%(email)s was added to the panel.", email=form.email.data), "info")
            return redirect(url_for("panel.members"))
    return render_template("panel/add_member.html", form=form)
