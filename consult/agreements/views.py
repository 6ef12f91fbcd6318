"""The kruisjeslijst pages: the version in force (or an earlier one), start, change."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.agreements import bp, services
from consult.agreements.forms import StartForm, agreement_form
from consult.agreements.models import RIGHT_LABELS, RIGHT_MARKS
from consult.core.policy import EDITORS, Action
from consult.core.requests import whole_number
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required


@bp.route("/")
@organisation_required(Action.VIEW)
def show():
    """The kruisjeslijst in force, grouped by area; ?version= shows an earlier one."""
    versions = services.versions_of(g.organisation)
    chosen = request.args.get("version", type=whole_number)
    version = next((v for v in versions if v.id == chosen), None) if chosen else None
    if chosen and version is None:
        abort(404)
    version = version or (versions[0] if versions else None)
    return render_template(
        "agreements/show.html",
        version=version,
        versions=versions,
        groups=services.by_area(version.topics) if version else [],
        legend=[(RIGHT_MARKS[right], label) for right, label in RIGHT_LABELS.items()],
        start_form=StartForm(),
        may_edit=g.role in EDITORS,
    )


@bp.route("/start", methods=["POST"])
@organisation_required(Action.EDIT)
def start():
    """Copy the built-in kruisjeslijst as the organisation's first version."""
    form = StartForm()
    if services.current_version(g.organisation) is not None:
        flash(_("Your organisation already has a kruisjeslijst."), "error")
    elif not form.validate_on_submit():
        flash(_("Enter the date of your cooperation agreement."), "error")
    else:
        services.start_from_template(g.organisation, form.agreed_on.data, current_user)
        db.session.commit()
        flash(
            _("The kruisjeslijst was started from the template. Check it against your agreement.")
        )
    return redirect(url_for("agreements.show"))


@bp.route("/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit():
    """Change the list and its terms; saving adopts a new version with its date."""
    current = services.current_version(g.organisation)
    form = agreement_form(current, services.lines_of(current))
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            services.adopt(
                g.organisation,
                form.agreed_on.data,
                form.lines(),
                form.advice_term_weeks.data,
                form.note.data or "",
                actor=current_user,
                consent_term_weeks=form.consent_term_weeks.data,
            )
        if saved:
            flash(_("The new version of the kruisjeslijst was saved."), "info")
            return redirect(url_for("agreements.show"))
    return render_template("agreements/edit.html", form=form, current=current)
