"""The board's panel dashboard: size over time, composition against the tenants, activity."""

from flask import g, render_template
from flask_babel import gettext as _

from consult.core.clock import today
from consult.core.policy import Action
from consult.organisations.access import organisation_required
from consult.panel import bp, statistics
from consult.results.charts import composition_figure, panel_size_figure


@bp.route("/dashboard")
@organisation_required(Action.VIEW)
def dashboard():
    """How large, how representative and how active the panel is."""
    months = statistics.size_over_time(g.organisation, today())
    dimensions = statistics.composition(g.organisation)
    names = {"panel": _("panel"), "tenants": _("tenants")}
    charts = {
        index: figure.to_json()
        for index, figure in enumerate(composition_figure(d, names) for d in dimensions)
        if figure is not None
    }
    return render_template(
        "panel/dashboard.html",
        months=months,
        dimensions=dimensions,
        activity=statistics.activity(g.organisation),
        trend=statistics.representativeness_over_time(g.organisation, today()),
        never_after=statistics.NEVER_RESPONDS_AFTER,
        charts=charts,
        size_chart=panel_size_figure(months, _("Active members")).to_json(),
    )
