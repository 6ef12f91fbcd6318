"""The board's read-only audit log page."""

from flask import g, render_template

from consult.audit import bp, services
from consult.core.policy import Action
from consult.organisations.access import organisation_required


@bp.route("/")
@organisation_required(Action.VIEW)
def log():
    """Who did what with the panel's data, newest first."""
    return render_template(
        "audit/log.html",
        entries=services.entries_of(g.organisation),
        labels=services.ACTION_LABELS,
    )
