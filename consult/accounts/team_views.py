"""The team page: who has which role in the organisation; admins invite and change them."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.accounts import team, team_bp
from consult.accounts.forms import InviteForm, RequireTwoFactorForm, RoleForm
from consult.accounts.sessions import own_session
from consult.core.errors import DomainError
from consult.core.policy import Action, Role
from consult.core.saving import saving
from consult.extensions import db, limiter
from consult.mail import worker
from consult.organisations.access import organisation_required


def _person(membership) -> str:
    return membership.user.name or membership.user.email


def _page(invite_form=None, failed=None, status=200):
    """The page; ``failed`` maps a role's id to its row's form that comes back with an error
    (a refused role change or removal), shown in that person's row."""
    failed = failed or {}
    rows = [
        (m, failed.get(m.id) or RoleForm(_person(m), formdata=None, prefix=f"m{m.id}", role=m.role))
        for m in team.team_of(g.organisation)
    ]
    return render_template(
        "accounts/team.html",
        rows=rows,
        form=invite_form or InviteForm(formdata=None),
        labels=team.ROLE_LABELS,
        days=team.invitation_days(),
        require_form=RequireTwoFactorForm(
            formdata=None, required=g.organisation.two_factor_required
        ),
    ), status


def _member_or_404(membership_id):
    return team.membership_in(g.organisation, membership_id) or abort(404)


def _done(message: str, to: str = "team.index"):
    """Commit, hand new mail to the worker, say what happened and go ``to`` that page."""
    db.session.commit()
    worker.dispatch()
    flash(message, "info")
    return redirect(url_for(to))


def _invite_limit() -> str:
    return current_app.config["TEAM_INVITE_RATE_LIMIT"]


def _admin() -> str:
    return f"user:{current_user.id}"


#: New invitations and invitations sent again count together, per admin.
invitations_limited = limiter.shared_limit(_invite_limit, scope="team-invite", key_func=_admin)


@team_bp.route("")
@organisation_required(Action.ADMINISTER)
def index():
    """Everyone with a role in the organisation, and the form to invite someone."""
    return _page()


@team_bp.route("", methods=["POST"])
@organisation_required(Action.ADMINISTER)
@invitations_limited
def invite():
    """Invite someone by e-mail address with a role."""
    form = InviteForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    with saving(form.email.errors) as saved:
        invited = team.invite(g.organisation, **form.details(), actor=current_user)
    if not saved:
        return _page(form, status=400)
    if invited == team.Invited.NEW_ACCOUNT:
        return _done(
            _(
                "%(email)s is invited: a link to choose a password is on its way.",
                email=form.email.data,
            )
        )
    return _done(
        _(
            "%(email)s already had an account and now has this role; they got a short e-mail.",
            email=form.email.data,
        )
    )


@team_bp.route("/<int:membership_id>/role", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def change_role(membership_id):
    """Give someone another role in the organisation."""
    membership = _member_or_404(membership_id)
    form = RoleForm(_person(membership), prefix=f"m{membership.id}")
    if not form.validate_on_submit():
        return _page(failed={membership.id: form}, status=400)
    with saving(form.role.errors) as saved:
        changed = team.change_role(
            membership, Role(form.role.data), current_user, keep=own_session()
        )
    if not saved:
        return _page(failed={membership.id: form}, status=400)
    if not changed:
        return redirect(url_for("team.index"))
    message = _(
        "%(person)s now has the role %(role)s.",
        person=_person(membership),
        role=team.ROLE_LABELS[Role(form.role.data)],
    )
    # An admin who gave up the role has no team page any more.
    own = membership.user_id == current_user.id
    return _done(message, "organisations.home" if own else "team.index")


@team_bp.route("/<int:membership_id>/invite", methods=["POST"])
@organisation_required(Action.ADMINISTER)
@invitations_limited
def invite_again(membership_id):
    """Send the invitation again to someone who has not chosen a password yet."""
    membership = _member_or_404(membership_id)
    try:
        team.invite_again(membership, current_user)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for("team.index"))
    return _done(_("A new invitation is on its way to %(email)s.", email=membership.user.email))


@team_bp.route("/<int:membership_id>/remove", methods=["GET", "POST"])
@organisation_required(Action.ADMINISTER)
def remove(membership_id):
    """Take away someone's access to the organisation (their account stays), after a page
    that asks whether to: one tap on a phone should not remove a colleague."""
    membership = _member_or_404(membership_id)
    person, own = _person(membership), membership.user_id == current_user.id
    if request.method == "GET":
        return render_template(
            "accounts/team_remove.html",
            membership=membership,
            person=person,
            own=own,
            role=team.ROLE_LABELS[membership.role],
        )
    form = RoleForm(person, formdata=None, prefix=f"m{membership.id}", role=membership.role)
    with saving(form.form_errors) as saved:
        team.remove(membership, current_user, keep=own_session())
    if not saved:
        return _page(failed={membership.id: form}, status=400)
    message = _(
        "%(person)s no longer has access to %(organisation)s.",
        person=person,
        organisation=g.organisation.name,
    )
    return _done(message, "organisations.home" if own else "team.index")


@team_bp.route("/two-factor", methods=["POST"])
@organisation_required(Action.ADMINISTER)
def require_two_factor():
    """Require two-factor sign-in of everyone in the team, or make it optional."""
    form = RequireTwoFactorForm()
    if not form.validate_on_submit():
        return _page(status=400)
    team.require_two_factor(g.organisation, form.required.data, current_user)
    if form.required.data:
        return _done(_("Everyone in the team now signs in with two-factor sign-in."))
    return _done(_("Two-factor sign-in is now optional in the team."))
