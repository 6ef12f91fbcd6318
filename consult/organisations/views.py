"""Start pages: the choice of organisation and its overview."""

from datetime import timedelta

from flask import g, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.core.clock import today
from consult.core.policy import Action, Role, may_run_installation
from consult.dossiers.services import upcoming_deadlines
from consult.invitations import queries as funnel
from consult.meetings.minutes import open_actions_of
from consult.membership.services import current_privacy
from consult.organisations import bp
from consult.organisations.access import organisation_required, role_in
from consult.organisations.attention import attention_today
from consult.organisations.services import organisations_of
from consult.panel.services import active_member_count
from consult.panel.statistics import representativeness_over_time
from consult.surveys.services import consultations_of

#: Where a role starts that may not read the organisation's overview.
START_PAGES = {Role.LANDLORD: "landlord.index", Role.GROUP_MEMBER: "group_pages.index"}


@bp.route("/")
@login_required
def home():
    """Go straight to the user's organisation, or let them choose one."""
    organisations = organisations_of(current_user)
    if not organisations and may_run_installation(current_user):
        return redirect(url_for("installation.index"))
    starts = {
        org.id: START_PAGES.get(role_in(current_user, org), "organisations.overview")
        for org in organisations
    }
    if len(organisations) == 1:
        only = organisations[0]
        return redirect(url_for(starts[only.id], org=only.slug))
    return render_template("organisations/choose.html", organisations=organisations, starts=starts)


@bp.route("/o/<org>/")
@organisation_required(Action.VIEW)
def overview():
    """The organisation's start page: panel, consultations and dossiers at a glance."""
    return render_template(
        "organisations/overview.html",
        member_count=active_member_count(g.organisation),
        trend=representativeness_over_time(g.organisation, today(), months=13),
        consultations=consultations_of(g.organisation),
        response=funnel.response_by_consultation(g.organisation),
        recent_bounces=funnel.bounced_since(g.organisation, today() - timedelta(days=30)),
        deadlines=upcoming_deadlines(g.organisation),
        join_closed=current_privacy(g.organisation) is None,
        attention=attention_today(g.organisation, today()),
        actions=open_actions_of(current_user, g.organisation),
        today=today(),
    )
