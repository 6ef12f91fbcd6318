"""The board's panel dashboard: size over time, composition against the tenants, activity."""

from flask import g, render_template

from consult.core.policy import Action, organisation_required
from consult.panel import bp, statistics
from consult.surveys.services import today


@bp.route("/dashboard")
@organisation_required(Action.VIEW)
def dashboard():
    """How large, how representative and how active the panel is."""
    return render_template(
        "panel/dashboard.html",
        months=statistics.size_over_time(g.organisation, today()),
        dimensions=statistics.composition(g.organisation),
        activity=statistics.activity(g.organisation),
        never_after=statistics.NEVER_RESPONDS_AFTER,
    )
