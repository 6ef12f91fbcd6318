"""The advice pages of a dossier: write the points with their evidence, enter the landlord's
reply per point, and the letter to print or download."""

from itertools import groupby

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.clock import today
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.dossiers import bp
from consult.dossiers.advice import services as advice
from consult.dossiers.advice.letter import letter_of
from consult.dossiers.advice.letter import letter_pdf as write_pdf
from consult.dossiers.advice.models import AdvicePoint
from consult.dossiers.forms import (
    BoardReplyForm,
    PointForm,
    ReplyForm,
    citation_value,
    reply_forms,
)
from consult.dossiers.models import REPLY_PHASES, WRITING_PHASES, Dossier, ReplyOutcome
from consult.organisations.access import organisation_required, scoped_or_404


def _evidence_groups(dossier: Dossier) -> list[tuple]:
    """Per snapshot: its source line and, per question, the (value, citable) pairs."""
    groups = []
    for snapshot in dossier.snapshots:
        items = [(citation_value(snapshot.id, c.key), c) for c in advice.citables(snapshot)]
        questions = [
            (question, list(pairs)) for question, pairs in groupby(items, lambda i: i[1].question)
        ]
        groups.append((snapshot, advice.source_line(snapshot), questions))
    return groups


def _point_form(dossier: Dossier, point: AdvicePoint | None = None) -> PointForm:
    pairs = [(s.id, c.key) for s in dossier.snapshots for c in advice.citables(s)]
    data = None
    if point is not None:
        data = {"cited_figures": [citation_value(c.snapshot_id, c.key) for c in point.citations]}
    return PointForm(obj=point, data=data, citable=pairs)


def _page(dossier: Dossier, point_form=None, status: int = 200, failed_reply=None):
    """The advice page; a form that failed is shown with its errors instead of a new one."""
    return render_template(
        "dossiers/advice.html",
        dossier=dossier,
        cited=advice.cited(dossier.points),
        groups=_evidence_groups(dossier),
        new_point_form=point_form or _point_form(dossier),
        reply_forms=reply_forms(dossier.points, failed_reply, BoardReplyForm),
        writable=dossier.phase in WRITING_PHASES,
        replying=dossier.phase in REPLY_PHASES,
        may_edit=g.role in EDITORS,
    ), status


@bp.route("/<int:dossier_id>/advice")
@organisation_required(Action.VIEW)
def advice_page(dossier_id):
    """The advice: its points, the evidence they cite, and the landlord's reply to each."""
    return _page(scoped_or_404(Dossier, dossier_id))


def point_of(dossier: Dossier, point_id: int) -> AdvicePoint:
    """The advice point with this id in this dossier; 404 elsewhere."""
    point = scoped_or_404(AdvicePoint, point_id)
    if point.dossier_id != dossier.id:
        abort(404)
    return point


def _saved(form: PointForm, dossier: Dossier, point: AdvicePoint | None) -> bool:
    if not form.validate_on_submit():
        return False
    with saving(form.form_errors) as saved:
        advice.save_point(
            dossier, form.advice.data, form.reasoning.data or "", form.chosen(), point, current_user
        )
    if not saved:
        return False
    flash(_("The point was saved."), "info")
    return True


@bp.route("/<int:dossier_id>/advice", methods=["POST"])
@organisation_required(Action.EDIT)
def add_point(dossier_id):
    """Add a point at the end of the advice."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = _point_form(dossier)
    if _saved(form, dossier, None):
        return redirect(url_for("dossiers.advice_page", dossier_id=dossier.id))
    return _page(dossier, form, 400)


@bp.route("/<int:dossier_id>/advice/<int:point_id>", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit_point(dossier_id, point_id):
    """Change a point of the advice and the evidence it cites."""
    dossier = scoped_or_404(Dossier, dossier_id)
    point = point_of(dossier, point_id)
    form = _point_form(dossier, point)
    if _saved(form, dossier, point):
        return redirect(url_for("dossiers.advice_page", dossier_id=dossier.id))
    return render_template(
        "dossiers/edit_point.html",
        dossier=dossier,
        point=point,
        form=form,
        groups=_evidence_groups(dossier),
    )


@bp.route("/<int:dossier_id>/advice/<int:point_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_point(dossier_id, point_id):
    """Remove a point; the others are numbered again."""
    dossier = scoped_or_404(Dossier, dossier_id)
    point = point_of(dossier, point_id)
    with saving() as saved:
        advice.remove_point(point, current_user)
    if saved:
        flash(_("The point was removed."), "info")
    return redirect(url_for("dossiers.advice_page", dossier_id=dossier.id))


def posted_reply(point: AdvicePoint, form_class=ReplyForm) -> ReplyForm | None:
    """Save the posted reply to ``point``: None when saved, else the form with its errors.
    The board's form also says when the reply came in, which completes it once every point
    has its answer."""
    form = form_class(prefix=f"reply-{point.id}")
    if not form.validate_on_submit():
        return form
    with saving(form.form_errors) as saved:
        advice.record_reply(
            point, ReplyOutcome(form.outcome.data), form.reasoning.data or "", current_user
        )
        if isinstance(form, BoardReplyForm):
            advice.complete_reply(point.dossier, current_user, form.received_on.data)
    if not saved:
        return form
    return None


@bp.route("/<int:dossier_id>/advice/<int:point_id>/reply", methods=["POST"])
@organisation_required(Action.EDIT)
def reply(dossier_id, point_id):
    """Enter the landlord's answer to one point."""
    dossier = scoped_or_404(Dossier, dossier_id)
    point = point_of(dossier, point_id)
    form = posted_reply(point, BoardReplyForm)
    if form is None:
        flash(_("The reply was saved."), "info")
        return redirect(url_for("dossiers.advice_page", dossier_id=dossier.id))
    return _page(dossier, status=400, failed_reply=(point.id, form))


@bp.route("/<int:dossier_id>/letter")
@organisation_required(Action.VIEW)
def letter(dossier_id):
    """The advice letter as a page to print, with the appendix of cited evidence."""
    dossier = scoped_or_404(Dossier, dossier_id)
    return render_template(
        "dossiers/letter.html",
        dossier=dossier,
        letter=letter_of(dossier, dossier.advice_given_on or today()),
    )


@bp.route("/<int:dossier_id>/letter.pdf")
@organisation_required(Action.VIEW)
def letter_pdf(dossier_id):
    """The advice letter as a PDF with the organisation's letterhead."""
    return pdf_response(scoped_or_404(Dossier, dossier_id))


def pdf_response(dossier: Dossier) -> Response:
    """The dossier's advice letter as a PDF download."""
    data = write_pdf(
        letter_of(dossier, dossier.advice_given_on or today()), dossier.organisation.logo
    )
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="advies-{dossier.code}.pdf"'},
    )
