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
from consult.results import bp, running, themes, trends
from consult.results.charts import figure_json, split_json
from consult.results.crosstabs import by_segment
from consult.results.exports import headings, result_rows
from consult.results.page_query import ResultsQuery
from consult.results.queries import (
    consultation_results,
    respondents_per_channel,
    respondents_per_language,
    split_by_channel,
)
from consult.results.raw import export_raw
from consult.results.respondents import respondent_composition
from consult.results.weighting import weigh
from consult.surveys import holding
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import CHANNEL_LABELS

#: Open answers listed per question on the results page and in its print report; the rest
#: are counted. The API, the downloads and frozen evidence keep them all.
OPEN_ANSWERS_LISTED = 10


def settled_or_404(consultation_id):
    """The organisation's consultation (or 404), with any responses still held back written
    first if it has closed (``surveys.holding.settle``)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if holding.settle(consultation):
        db.session.commit()
    return consultation


@bp.route("/<int:consultation_id>/results")
@organisation_required(Action.VIEW)
def show(consultation_id):
    """Per question: chart, table with the same numbers, open answers; live while open.

    With ``print=1`` the same figures as a report to print: no charts, links or forms.
    """
    consultation = settled_or_404(consultation_id)
    held_back = running.holds_back_groups(consultation)
    query = ResultsQuery.from_args(
        request.args,
        respondents_per_channel(consultation),
        dimensions_of(g.organisation),
        held_back,
    )
    results = consultation_results(consultation, query.group, open_answers=OPEN_ANSWERS_LISTED)
    open_totals = themes.annotate(results)
    charts = {} if query.report else {q.question_id: figure_json(q) for q in results.questions}
    respondents = respondent_composition(consultation)
    tables = by_segment(consultation, query.dimension) if query.split else []
    split_charts = {} if query.report else _split_charts(tables, query.split_name())
    languages = respondents_per_language(consultation)
    return render_template(
        "results/show.html",
        languages=languages,
        languages_shown=split_by_channel(languages),  # the same rule as for channels
        consultation=consultation,
        results=results,
        charts=charts,
        group=query.group,
        group_label=query.group_label(),
        channels=query.channels,
        splittable=query.splittable,
        channel_labels=CHANNEL_LABELS,
        dimensions=query.dimensions,
        dimension=query.dimension,
        by_channel=query.by_channel,
        split_name=query.split_name(),
        show_intervals=query.show_intervals,
        report=query.report,
        open_totals=open_totals,
        may_edit=g.role in EDITORS,
        photos_link=g.role in EDITORS and not query.report,
        respondents=respondents,
        weighting=weigh(consultation, query.weighing, respondents) if query.weighing else None,
        comparable=trends.comparable(consultation),
        crosstabs={table.question_id: table for table in tables},
        split_charts=split_charts,
        published=running.published(consultation) if held_back else None,
    )


def _split_charts(tables, split_name) -> dict:
    """Per question split into groups: its grouped-bar chart as JSON (None: nothing shown)."""
    return {
        table.question_id: split_json(
            table, _("Per %(dimension)s: %(question)s", question=table.text, dimension=split_name)
        )
        for table in tables
    }


@bp.route("/<int:consultation_id>/compare")
@organisation_required(Action.VIEW)
def compare(consultation_id):
    """The shared questions of this consultation and another, earlier one first."""
    consultation = settled_or_404(consultation_id)
    other = settled_or_404(request.args.get("with"))
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
    consultation = settled_or_404(consultation_id)
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
    consultation = settled_or_404(consultation_id)
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
