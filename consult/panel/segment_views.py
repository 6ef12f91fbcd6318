"""The board's page for its segment dimensions, their values and the tenants they stand for."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel import bp, segments
from consult.panel.models import SegmentDimension
from consult.panel.segment_forms import DimensionForm, ValuesForm, populations_form
from consult.panel.services import dimensions_of


def _page(**forms):
    dimensions = dimensions_of(g.organisation)
    return render_template(
        "panel/segments.html",
        dimensions=dimensions,
        in_use=segments.member_counts(g.organisation),
        new_dimension=forms.get("new_dimension", DimensionForm(formdata=None)),
        values_forms={
            d.id: forms.get(f"values_{d.id}", ValuesForm(formdata=None, prefix=f"v{d.id}"))
            for d in dimensions
        },
        population_forms={
            d.id: forms.get(f"populations_{d.id}", populations_form(d)) for d in dimensions
        },
    )


def _saved(message: str):
    db.session.commit()
    flash(message, "info")
    return redirect(url_for("panel.segments"))


@bp.route("/segments", endpoint="segments")
@organisation_required(Action.VIEW)
def segments_page():
    """The dimensions with their values, member counts and numbers of tenants."""
    return _page()


@bp.route("/segments", methods=["POST"])
@organisation_required(Action.EDIT)
def add_dimension():
    """Add a dimension with its values."""
    form = DimensionForm()
    if form.validate_on_submit():
        with saving(form.values.errors) as saved:
            segments.add_dimension(g.organisation, form.name.data, form.values.data, current_user)
        if saved:
            return _saved(_("The dimension has been added."))
    return _page(new_dimension=form), 400


@bp.route("/segments/<int:dimension_id>/values", methods=["POST"])
@organisation_required(Action.EDIT)
def add_values(dimension_id):
    """Add values to a dimension."""
    dimension = scoped_or_404(SegmentDimension, dimension_id)
    form = ValuesForm(prefix=f"v{dimension.id}")
    if form.validate_on_submit():
        with saving(form.values.errors) as saved:
            segments.add_values(dimension, form.values.data, current_user)
        if saved:
            return _saved(_("The values have been added."))
    return _page(**{f"values_{dimension_id}": form}), 400


@bp.route("/segments/<int:dimension_id>/populations", methods=["POST"])
@organisation_required(Action.EDIT)
def set_populations(dimension_id):
    """Enter how many tenant households each value stands for."""
    dimension = scoped_or_404(SegmentDimension, dimension_id)
    form = populations_form(dimension)
    if form.validate_on_submit():
        segments.set_populations(dimension, form.populations(), current_user)
        return _saved(_("The numbers of tenants have been saved."))
    return _page(**{f"populations_{dimension_id}": form}), 400
