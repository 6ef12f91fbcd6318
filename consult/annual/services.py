"""Annual-report rules: draft (and redraft) the figures, the board's text, publishing."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.annual.figures import draft_figures
from consult.annual.models import AnnualReport
from consult.core.clock import today, utcnow
from consult.core.errors import DomainError
from consult.dossiers.services import content_hash
from consult.extensions import db
from consult.mail import outbox
from consult.panel.models import PanelMember


def report_of(organisation, year: int) -> AnnualReport | None:
    return db.session.scalar(
        select(AnnualReport).where(
            AnnualReport.organisation_id == organisation.id, AnnualReport.year == year
        )
    )


def published(organisation, year: int) -> AnnualReport | None:
    """The year's report if it is published, else None (the public page's 404)."""
    report = report_of(organisation, year)
    return report if report is not None and report.published_at is not None else None


def _unpublished(report: AnnualReport) -> None:
    if report.published_at is not None:
        raise DomainError(_("This annual report is published and no longer changes."))


def draft(organisation, year: int, actor=None) -> AnnualReport:
    """Draft the year's figures, or draft them again from what Consult holds now; they are
    frozen with their fingerprint until the next redraft.

    :raises DomainError: once the report is published, or for a year out of range.
    """
    if not 2000 <= year <= 2100:
        raise DomainError(_("Enter a year from %(first)d to %(last)d.", first=2000, last=2100))
    report = report_of(organisation, year)
    if report is not None:
        _unpublished(report)
    figures = draft_figures(organisation, year)
    if report is None:
        report = AnnualReport(organisation_id=organisation.id, year=year)
        db.session.add(report)
    report.figures, report.content_hash = figures, content_hash(figures)
    report.drafted_at = utcnow()
    db.session.flush()
    current_app.logger.info("%s drafted by %s", report, actor)
    return report


def write(report: AnnualReport, introduction: str, conclusion: str, actor=None) -> None:
    """The board's text around the figures.

    :raises DomainError: once the report is published.
    """
    _unpublished(report)
    report.introduction, report.conclusion = introduction.strip(), conclusion.strip()
    current_app.logger.info("%s written by %s", report, actor)


def publish(report: AnnualReport, actor=None) -> None:
    """Publish the report on the organisation's public page; from then on it is fixed.

    :raises DomainError: when it is already published.
    """
    _unpublished(report)
    report.published_at = utcnow()
    current_app.logger.info("%s published by %s", report, actor)


def mail_panel(report: AnnualReport, actor=None) -> int:
    """Queue the published report's mail to every panel member who may get mail and did not
    get it yet; the number queued.

    :raises DomainError: while the report is not published (the mail links to it).
    """
    if report.published_at is None:
        raise DomainError(_("Publish the annual report first, then mail it to the panel."))
    members = db.session.scalars(
        select(PanelMember)
        .where(
            PanelMember.organisation_id == report.organisation_id,
            PanelMember.mailable_on(today()),
        )
        .order_by(PanelMember.id)
    ).all()
    keys = {f"annual_report:{report.id}:{member.id}": member for member in members}
    queued = sum(
        outbox.queue_once(
            "annual_report",
            keys[key].email,
            key,
            organisation=report.organisation,
            locale=keys[key].locale,
            report_id=report.id,
            member_id=keys[key].id,
        )
        for key in outbox.unqueued(list(keys))
    )
    current_app.logger.info("%d mails of %s queued by %s", queued, report, actor)
    return queued
