"""The board chooses which segments an anonymous consultation's responses keep, seeing how
many members would sit in groups too small to keep (see ``consult.surveys.segment_privacy``)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel.services import dimensions_of
from consult.surveys import bp, segment_privacy
from consult.surveys.forms import kept_dimensions_form
from consult.surveys.models.consultations import Consultation


@bp.route("/<int:consultation_id>/segments", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def kept_segments(consultation_id):
    """Members in small groups per chosen dimension and combined, and the choice of fewer
    dimensions; anonymous consultations only (404 otherwise)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if not consultation.anonymous:
        abort(404)
    dimensions = dimensions_of(consultation.organisation)
    chosen = segment_privacy.kept_dimensions(consultation)
    form = kept_dimensions_form(dimensions, chosen)
    if form.validate_on_submit():
        with saving(form.dimensions.errors) as saved:
            segment_privacy.choose_dimensions(consultation, form.dimensions.data, current_user)
        if saved:
            flash(_("The segments to keep are saved."), "info")
            return redirect(url_for("surveys.kept_segments", consultation_id=consultation.id))
    return render_template(
        "surveys/kept_segments.html",
        consultation=consultation,
        form=form,
        report=segment_privacy.small_groups(consultation),
    ), 400 if form.errors else 200
