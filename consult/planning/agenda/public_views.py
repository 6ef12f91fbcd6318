"""The landlord's view of a shared year plan (read, propose), and the public jaaragenda."""

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from consult.core.policy import Action
from consult.core.requests import whole_number
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required
from consult.organisations.models import Organisation
from consult.planning import jaaragenda_bp, landlord_agenda_bp
from consult.planning.agenda import export
from consult.planning.agenda import services as agenda
from consult.planning.agenda.forms import ProposalForm
from consult.planning.forms import month_name, quarter_name
from consult.planning.services import by_quarter, items_of
from consult.planning.views import year_or_404


def _shared_or_404(year: int):
    plan = agenda.find_plan(g.organisation, year_or_404(year))
    if plan is None or not plan.shared_with_landlord:
        abort(404)
    return plan


def _landlord_page(plan, form, status=200):
    return render_template(
        "planning/agenda/landlord.html",
        plan=plan,
        groups=by_quarter(items_of(g.organisation, plan.year)),
        proposals=agenda.proposals_of(plan),
        form=form,
        month_name=month_name,
        quarter_name=quarter_name,
    ), status


@landlord_agenda_bp.route("/")
@organisation_required(Action.RESPOND)
def index():
    """The year plans the organisation shares with the landlord."""
    return render_template(
        "planning/agenda/landlord_index.html", plans=agenda.shared_plans(g.organisation)
    )


@landlord_agenda_bp.route("/<int:year>")
@organisation_required(Action.RESPOND)
def plan(year):
    """The year plan the organisation shares with the landlord, read-only, and proposals."""
    return _landlord_page(_shared_or_404(year), ProposalForm(formdata=None))


@landlord_agenda_bp.route("/<int:year>", methods=["POST"])
@organisation_required(Action.RESPOND)
def propose(year):
    """Propose an item for the shared plan; the board takes it in or not."""
    shared = _shared_or_404(year)
    form = ProposalForm()
    if form.validate_on_submit():
        with saving(form.title.errors) as saved:
            agenda.propose(
                shared, form.quarter.data, form.title.data, form.note.data or "", current_user
            )
        if saved:
            flash(_("Your proposal went to the board."), "info")
            return redirect(url_for("landlord_agenda.plan", year=year))
    return _landlord_page(shared, form, 400)


def _published_or_404(slug: str):
    """The organisation and its published plan of the year asked (?jaar=), else the latest."""
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    plans = agenda.published_plans(organisation) if organisation else []
    year = request.args.get("jaar", type=whole_number)
    chosen = [plan for plan in plans if plan.year == year] if year else plans
    if not chosen:
        abort(404)
    return organisation, chosen[0], plans


@jaaragenda_bp.route("/jaaragenda")
def page(slug):
    """The organisation's public jaaragenda: the published version agreed with the landlord."""
    organisation, shown, plans = _published_or_404(slug)
    return render_template(
        "planning/agenda/public.html",
        association=organisation,
        plan=shown,
        version=shown.published,
        groups=by_quarter(agenda.as_items(shown.published)),
        years=[p.year for p in plans],
        month_name=month_name,
        quarter_name=quarter_name,
    )


def _download(data, mimetype: str, name: str) -> Response:
    return Response(
        data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@jaaragenda_bp.route("/jaaragenda.pdf")
def pdf(slug):
    """The published jaaragenda as a PDF."""
    organisation, shown, _plans = _published_or_404(slug)
    data = export.agenda_pdf(organisation, shown.published)
    return _download(data, "application/pdf", f"jaaragenda-{shown.year}.pdf")


@jaaragenda_bp.route("/jaaragenda.ics")
def ics(slug):
    """The published jaaragenda as a calendar file."""
    organisation, shown, _plans = _published_or_404(slug)
    data = export.agenda_ics(organisation, shown.published)
    return _download(data, "text/calendar; charset=utf-8", f"jaaragenda-{shown.year}.ics")
