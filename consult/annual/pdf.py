"""The published annual report as an A4 PDF, in the advice letter's layout."""

from flask_babel import format_datetime
from flask_babel import gettext as _

from consult.annual.text import sections
from consult.dossiers.advice.letter import LetterPDF, font_path


def report_pdf(report, organisation) -> bytes:
    """Title, the board's introduction, the figures by section, the closing words and the
    fingerprint of the figures."""
    pdf = LetterPDF(font_path())
    pdf.add_page()
    pdf.block(organisation.name, 15, "B", 4)
    pdf.block(_("Annual report %(year)d", year=report.year), 13, "B", 4)
    if report.introduction:
        pdf.block(report.introduction, gap=4)
    for section in sections(report.figures):
        pdf.block(section.title, 12, "B", 1)
        for line in section.lines:
            pdf.block(f"- {line}", gap=0)
        pdf.ln(3)
    if report.conclusion:
        pdf.block(report.conclusion, gap=4)
    pdf.block(
        _(
            "Figures drafted on %(date)s; fingerprint (SHA-256): %(hash)s",
            date=format_datetime(report.drafted_at),
            hash=report.content_hash,
        ),
        8,
    )
    return bytes(pdf.output())
