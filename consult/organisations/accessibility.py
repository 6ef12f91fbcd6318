"""The accessibility statement (toegankelijkheidsverklaring), after the Dutch government's
model: the standard, how it was checked, what is known not to work yet, and whom to write."""

from datetime import date

from flask import current_app, render_template
from sqlalchemy import select

from consult.extensions import db
from consult.organisations import bp
from consult.organisations.models import Organisation

#: When the statement was last reviewed against the checks it names.
REVIEWED_ON = date(2026, 12, 7)


def contact_for(organisation: Organisation | None) -> str:
    """The organisation's contact address, or else the installation's (may be empty)."""
    if organisation is not None and organisation.contact_email:
        return organisation.contact_email
    return current_app.config.get("CONTACT_EMAIL", "")


@bp.route("/toegankelijkheid", endpoint="accessibility")
@bp.route("/toegankelijkheid/<slug>", endpoint="accessibility")
def accessibility(slug=None):
    """The accessibility statement, with the organisation's contact when ``slug`` names one."""
    organisation = None
    if slug is not None:
        organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    return render_template(
        "organisations/accessibility.html",
        about=organisation,
        contact=contact_for(organisation),
        reviewed_on=REVIEWED_ON,
    )
