"""The annual report: the board drafts, writes and publishes it; everyone reads it once
published."""

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from consult.annual import bp, public_bp, services
from consult.annual.forms import TextForm
from consult.annual.pdf import report_pdf
from consult.annual.text import sections
from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required
from consult.organisations.models import Organisation


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        abort(404)
    return year


@bp.route("/<int:year>")
@organisation_required(Action.VIEW)
def show(year):
    """The year's report as drafted, with the board's text and what can be done next."""
    report = services.report_of(g.organisation, _year(year))
    form = TextForm(
        formdata=None,
        data={"introduction": report.introduction, "conclusion": report.conclusion}
        if report
        else None,
    )
    return render_template(
        "annual/show.html",
        year=year,
        report=report,
        form=form,
        sections=sections(report.figures) if report else [],
    )


@bp.route("/<int:year>/draft", methods=["POST"])
@organisation_required(Action.EDIT)
def draft(year):
    """Draft the figures from what Consult holds now."""
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            services.draft(g.organisation, _year(year), current_user)
        if saved:
            flash(_("The figures were drafted from what Consult holds now."), "info")
    return redirect(url_for("annual.show", year=year))


def _report_or_404(year):
    report = services.report_of(g.organisation, _year(year))
    if report is None:
        abort(404)
    return report


@bp.route("/<int:year>/text", methods=["POST"])
@organisation_required(Action.EDIT)
def write(year):
    """Save the board's text around the figures."""
    report = _report_or_404(year)
    form = TextForm()
    if form.validate_on_submit():
        with saving() as saved:
            services.write(report, form.introduction.data or "", form.conclusion.data or "")
        if saved:
            flash(_("The text was saved."), "info")
    return redirect(url_for("annual.show", year=year))


@bp.route("/<int:year>/publish", methods=["POST"])
@organisation_required(Action.EDIT)
def publish(year):
    """Publish the report on the organisation's public page."""
    report = _report_or_404(year)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            services.publish(report, current_user)
        if saved:
            flash(_("The annual report is published."), "info")
    return redirect(url_for("annual.show", year=year))


@bp.route("/<int:year>/mail", methods=["POST"])
@organisation_required(Action.EDIT)
def mail_panel(year):
    """Mail the published report to the panel (each member once)."""
    report = _report_or_404(year)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            count = services.mail_panel(report, current_user)
        if saved:
            flash(
                ngettext("%(num)d mail is on its way.", "%(num)d mails are on their way.", count),
                "info",
            )
    return redirect(url_for("annual.show", year=year))


def _published_or_404(slug, year):
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    report = services.published(organisation, year) if organisation else None
    if report is None:
        abort(404)
    return organisation, report


@public_bp.route("/h/<slug>/jaarverslag/<int:year>")
def public(slug, year):
    """A published annual report, for everyone; 404 until it is published."""
    organisation, report = _published_or_404(slug, year)
    return render_template(
        "annual/public.html",
        association=organisation,
        report=report,
        sections=sections(report.figures),
    )


@public_bp.route("/h/<slug>/jaarverslag/<int:year>.pdf")
def public_pdf(slug, year):
    """A published annual report as PDF, for everyone; 404 until it is published."""
    organisation, report = _published_or_404(slug, year)
    response = make_response(report_pdf(report, organisation))
    response.mimetype = "application/pdf"
    name = f"jaarverslag-{organisation.slug}-{report.year}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response
