"""The board's results page of a consultation and its downloads."""

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.audit import services as audit
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.core.policy import EDITORS, Action
from consult.core.spreadsheets import EXPORT_TYPES, spreadsheet
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel.services import dimensions_of
from consult.results import bp, themes, trends
from consult.results.charts import figure_json
from consult.results.crosstabs import by_segment
from consult.results.exports import headings, result_rows
from consult.results.groups import CHANNEL, Group
from consult.results.queries import (
    consultation_results,
    respondents_per_channel,
    split_by_channel,
)
from consult.results.raw import export_raw
from consult.results.respondents import respondent_composition
from consult.results.weighting import weigh
from consult.surveys.models import CHANNEL_LABELS, Consultation

#: Open answers listed per question on the results page and in its print report; the rest
#: are counted. The API, the downloads and frozen evidence keep them all.
OPEN_ANSWERS_LISTED = 10


@bp.route("/<int:consultation_id>/results")
@organisation_required(Action.VIEW)
def show(consultation_id):
    """Per question: chart, table with the same numbers, open answers; live while open.

    With ``print=1`` the same figures as a report to print: no charts, links or forms.
    """
    consultation = scoped_or_404(Consultation, consultation_id)
    channels = respondents_per_channel(consultation)
    dimensions = dimensions_of(g.organisation)
    group = _chosen_group(request.args, channels, dimensions)
    by_channel = request.args.get("by") == CHANNEL and split_by_channel(channels)
    dimension = next((d for d in dimensions if str(d.id) == request.args.get("by")), None)
    weighing = next((d for d in dimensions if str(d.id) == request.args.get("weigh")), None)
    if group is not None:  # splits and weights are over all respondents: see disclosure
        by_channel, dimension, weighing = False, None, None
    results = consultation_results(consultation, group, open_answers=OPEN_ANSWERS_LISTED)
    open_totals = themes.annotate(results)
    report = request.args.get("print") == "1"
    charts = {} if report else {q.question_id: figure_json(q) for q in results.questions}
    show_intervals = request.args.get("intervals") == "1"
    split = dimension is not None or by_channel
    respondents = respondent_composition(consultation)
    return render_template(
        "results/show.html",
        consultation=consultation,
        results=results,
        charts=charts,
        group=group,
        group_label=_group_label(group, dimensions),
        channels=channels,
        splittable=split_by_channel(channels),
        channel_labels=CHANNEL_LABELS,
        dimensions=dimensions,
        dimension=dimension,
        by_channel=by_channel,
        split_name=dimension.name if dimension else _("channel") if by_channel else None,
        show_intervals=show_intervals,
        report=report,
        open_totals=open_totals,
        may_edit=g.role in EDITORS,
        respondents=respondents,
        weighting=weigh(consultation, weighing, respondents) if weighing else None,
        comparable=trends.comparable(consultation),
        crosstabs={t.question_id: t for t in by_segment(consultation, dimension)} if split else {},
    )


def _chosen_group(args, channels: dict[str, int], dimensions) -> Group | None:
    """The group the results are narrowed to (``channel`` or ``segment``), if it is one of
    this organisation's; channels only when they may be shown apart at all."""
    if args.get("channel") in channels and split_by_channel(channels):
        return Group(CHANNEL, args["channel"])
    for dimension in dimensions:
        for value in dimension.values:
            if str(value.id) == args.get("segment"):
                return Group(dimension.id, value.id)
    return None


def _group_label(group: Group | None, dimensions) -> str | None:
    if group is None:
        return None
    if group.attribute == CHANNEL:
        return str(CHANNEL_LABELS[group.value])
    dimension = next(d for d in dimensions if d.id == group.attribute)
    value = next(v for v in dimension.values if v.id == group.value)
    return f"{dimension.name}: {value.label}"


@bp.route("/<int:consultation_id>/compare")
@organisation_required(Action.VIEW)
def compare(consultation_id):
    """The shared questions of this consultation and another, earlier one first."""
    consultation = scoped_or_404(Consultation, consultation_id)
    other = scoped_or_404(Consultation, request.args.get("with"))
    if other not in trends.comparable(consultation):
        abort(404)
    earlier, later = sorted((consultation, other), key=lambda c: (c.opens_on, c.id))
    return render_template(
        "results/compare.html",
        consultation=consultation,
        earlier=earlier,
        later=later,
        questions=trends.trend(earlier, later),
    )


@bp.route("/<int:consultation_id>/results.<any(csv, xlsx):kind>")
@organisation_required(Action.VIEW)
def export(consultation_id, kind):
    """The aggregated results as CSV or Excel (small groups left out); the audit log notes it."""
    consultation = scoped_or_404(Consultation, consultation_id)
    results = consultation_results(consultation)
    data = spreadsheet(kind, headings(), result_rows(results), _("Results"))
    audit.record(
        g.organisation,
        "results.exported",
        f"consultation {consultation.id}",
        actor=current_user,
        kind=kind,
    )
    db.session.commit()
    name = f"results-{consultation.id}-{results.computed_at.date().isoformat()}.{kind}"
    return _download(data, name, kind)


@bp.route("/<int:consultation_id>/responses.<any(csv, xlsx):kind>")
@organisation_required(Action.EDIT)
def export_responses(consultation_id, kind):
    """The answers per respondent, anonymised, as CSV or Excel; the audit log notes it.

    Board members only: rows per person say more than figures, even without names.
    """
    consultation = scoped_or_404(Consultation, consultation_id)
    try:
        data = export_raw(consultation, kind, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("results.show", consultation_id=consultation.id))
    db.session.commit()
    return _download(data, f"responses-{consultation.id}-{today().isoformat()}.{kind}", kind)


def _download(data: bytes, name: str, kind: str) -> Response:
    return Response(
        data,
        mimetype=EXPORT_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
