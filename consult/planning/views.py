"""The participatiekalender pages: a year as a list and as a calendar, its items, copying."""

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.agreements.models import RIGHT_LABELS, RIGHT_MARKS
from consult.agreements.services import choosable_topics
from consult.core.clock import today
from consult.core.forms import save_valid_form
from consult.core.policy import Action
from consult.core.saving import saving
from consult.dossiers.services import dossiers_of
from consult.events.services import events_between
from consult.extensions import db
from consult.meetings.queries import meetings_by_month
from consult.organisations.access import organisation_required, scoped_or_404
from consult.planning import bp, services
from consult.planning.forms import PlanItemForm, form_data, month_name, quarter_name
from consult.planning.models import FIRST_YEAR, LAST_YEAR, PlanItem
from consult.planning.suggestions import SUGGESTIONS
from consult.surveys.models.consultations import ConsultationStatus
from consult.surveys.services import consultations_of


def year_or_404(year: int | None) -> int:
    """The year asked for, this year by default; 404 outside the years a plan may have."""
    year = today().year if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    return year


def _render_year(template: str, year: int, **context):
    planned = services.years_of(g.organisation)
    return render_template(
        template,
        year=year,
        planned_years=planned,
        years=sorted(set(planned) | {year - 1, year, year + 1}),
        month_name=month_name,
        quarter_name=quarter_name,
        **context,
    )


@bp.route("/", defaults={"year": None})
@bp.route("/<int:year>")
@organisation_required(Action.VIEW)
def index(year):
    """The year plan as a list: per quarter, the months inside."""
    year = year_or_404(year)
    items = services.items_of(g.organisation, year)
    return _render_year(
        "planning/index.html",
        year,
        groups=services.by_quarter(items),
        has_items=bool(items),
        suggestions=SUGGESTIONS,
    )


@bp.route("/<int:year>/calendar")
@organisation_required(Action.VIEW)
def calendar(year):
    """The year plan as twelve months side by side (one below the other on a phone)."""
    year = year_or_404(year)
    months = services.calendar_months(services.items_of(g.organisation, year))
    legend = [(RIGHT_MARKS[right], label) for right, label in RIGHT_LABELS.items()]
    meetings = meetings_by_month(g.organisation, year)
    events = {}
    for event in events_between(g.organisation, date(year, 1, 1), date(year, 12, 31)):
        events.setdefault(event.starts_at.month, []).append(event)
    return _render_year(
        "planning/calendar.html", year, months=months, legend=legend, meetings=meetings,
        events=events,
    )


@bp.route("/<int:year>/themes")
@organisation_required(Action.VIEW)
def themes(year):
    """The year plan per year theme, the items without a theme under their own heading."""
    year = year_or_404(year)
    groups = services.by_theme(services.items_of(g.organisation, year))
    return _render_year("planning/themes.html", year, groups=groups)


def _item_form(item: PlanItem | None = None, year: int | None = None) -> PlanItemForm:
    topics = choosable_topics(g.organisation, item.topic if item else None)
    consultations = [
        c
        for c in consultations_of(g.organisation)
        if c.status != ConsultationStatus.ARCHIVED or (item and c.id == item.consultation_id)
    ]
    if request.method == "POST":
        data = None
    else:
        data = form_data(item) if item is not None else {"year": year}
    return PlanItemForm(
        organisation=g.organisation,
        topics=topics,
        dossiers=dossiers_of(g.organisation),
        consultations=consultations,
        data=data,
    )


@bp.route("/<int:year>/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create(year):
    """Add an item to the plan of a year."""
    form = _item_form(year=year_or_404(year))
    if item := save_valid_form(form, lambda d: services.add_item(g.organisation, d, current_user)):
        flash(_("“%(title)s” was added to the plan.", title=item.title), "info")
        return redirect(url_for("planning.index", year=item.year))
    return render_template("planning/form.html", form=form, item=None, year=year)


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit(item_id):
    """Change an item: its period, subject, note, or the dossier and consultation linked."""
    item = scoped_or_404(PlanItem, item_id)
    form = _item_form(item)

    def save(details):
        services.update_item(item, details, current_user)
        return item

    if save_valid_form(form, save):
        flash(_("“%(title)s” was saved.", title=item.title), "info")
        return redirect(url_for("planning.index", year=item.year))
    return render_template("planning/form.html", form=form, item=item, year=item.year)


@bp.route("/items/<int:item_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove(item_id):
    """Take an item off the plan."""
    item = scoped_or_404(PlanItem, item_id)
    year, title = item.year, item.title
    services.remove_item(item, current_user)
    db.session.commit()
    flash(_("“%(title)s” was removed from the plan.", title=title), "info")
    return redirect(url_for("planning.index", year=year))


@bp.route("/<int:year>/copy", methods=["POST"])
@organisation_required(Action.EDIT)
def copy(year):
    """Copy the year's items to the next year, without their dossiers and consultations."""
    year = year_or_404(year)
    with saving() as saved:
        count = services.copy_to_next_year(g.organisation, year, current_user)
    if not saved:
        return redirect(url_for("planning.index", year=year))
    if count:
        flash(
            ngettext(
                "%(num)d item was copied to %(year)d.",
                "%(num)d items were copied to %(year)d.",
                count,
                year=year + 1,
            ),
            "info",
        )
    else:
        flash(_("Every item of %(year)d is already in %(next)d.", year=year, next=year + 1))
    return redirect(url_for("planning.index", year=year + 1))


@bp.route("/<int:year>/suggestions", methods=["POST"])
@organisation_required(Action.EDIT)
def suggest(year):
    """Add the built-in recurring items to the year's plan."""
    year = year_or_404(year)
    count = services.add_suggestions(g.organisation, year, current_user)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d suggestion was added. Change or remove what does not fit.",
            "%(num)d suggestions were added. Change or remove what does not fit.",
            count,
        ),
        "info",
    )
    return redirect(url_for("planning.index", year=year))
