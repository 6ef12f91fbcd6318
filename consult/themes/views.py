"""The year themes: the year grouped by theme, adding a theme, letting something carry one."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.policy import Action
from consult.core.saving import saving
from consult.dossiers.services import dossiers_of
from consult.meetings.queries import meetings_of
from consult.organisations.access import organisation_required, scoped_or_404
from consult.planning.services import items_of
from consult.surveys.services import consultations_of
from consult.themes import bp, services
from consult.themes.forms import CarryForm, ThemeForm
from consult.themes.models import YearTheme
from consult.workgroups.services import groups_of


def _things(year: int) -> dict[str, list]:
    """What of the organisation can carry a theme of ``year``."""
    return {
        "dossier": dossiers_of(g.organisation),
        "consultation": consultations_of(g.organisation),
        "meeting": [m for m in meetings_of(g.organisation) if m.starts_at.year == year],
        "plan_item": items_of(g.organisation, year),
        "working_group": groups_of(g.organisation),
    }


@bp.route("/", defaults={"year": None})
@bp.route("/<int:year>")
@organisation_required(Action.VIEW)
def index(year):
    """The year's themes with their goals and everything that carries each."""
    year = year or today().year
    if not 2000 <= year <= 2100:
        abort(404)
    themes = services.themes_of(g.organisation, year)
    return render_template(
        "themes/index.html",
        year=year,
        themes=themes,
        carried=services.carried(themes),
        carriers=services.CARRIERS,
        label_of=services.label_of,
        theme_form=ThemeForm(formdata=None, data={"year": year}),
        carry_form=CarryForm(formdata=None, things=_things(year)),
    )


@bp.route("/new", methods=["POST"])
@organisation_required(Action.EDIT)
def add():
    """Add a theme to a year."""
    form = ThemeForm()
    if form.validate_on_submit():
        with saving():
            theme = services.add_theme(
                g.organisation, form.year.data, form.title.data, form.goals.data or "", current_user
            )
            flash(_("“%(title)s” was added.", title=theme.title), "info")
        return redirect(url_for("themes.index", year=form.year.data))
    flash(_("Give the theme a title."), "error")
    return redirect(url_for("themes.index"))


@bp.route("/<int:theme_id>/carry", methods=["POST"])
@organisation_required(Action.EDIT)
def carry(theme_id):
    """Let a dossier, consultation, meeting, plan item or working group carry the theme."""
    theme = scoped_or_404(YearTheme, theme_id)
    form = CarryForm(things=_things(theme.year))
    if form.validate_on_submit():
        kind, thing = form.chosen()
        with saving():
            services.carry(theme, kind, thing, current_user)
    return redirect(url_for("themes.index", year=theme.year))
