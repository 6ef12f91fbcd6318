"""The advice letter: built once from the dossier, then shown as a page to print and written
as a PDF with the organisation's letterhead and an appendix of the cited evidence."""

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from fpdf import FPDF

from consult.core.templating import long_date
from consult.dossiers.advice import services as advice
from consult.dossiers.models import AdviceKind, Dossier


@dataclass
class LetterPoint:
    number: int
    advice: str
    reasoning: str
    #: Numbers of the appendix items this point cites.
    references: list[int] = field(default_factory=list)


@dataclass
class AppendixItem:
    number: int
    text: str
    question: str
    source: str
    quote: bool


@dataclass
class Letter:
    organisation: str
    written_on: date
    recipient: str
    subject: str
    opening: str
    points: list[LetterPoint]
    closing: str
    signature: str
    appendix: list[AppendixItem]
    #: (consultation title, SHA-256) of every snapshot cited, so the figures can be checked.
    fingerprints: list[tuple[str, str]]


def _opening(dossier: Dossier) -> str:
    if dossier.kind == AdviceKind.REQUESTED and dossier.requested_on:
        return _(
            "On %(date)s you asked for our advice on “%(title)s”. Below you find our advice, "
            "point by point, with the reasons and what our members told us.",
            date=long_date(dossier.requested_on),
            title=dossier.title,
        )
    return _(
        "We give you our advice on “%(title)s” on our own initiative. Below you find it point "
        "by point, with the reasons and what our members told us.",
        title=dossier.title,
    )


def build_letter(dossier: Dossier, written_on: date) -> Letter:
    """The letter as it stands: the points, numbered references, and the appendix."""
    appendix: dict[tuple[int, str], AppendixItem] = {}
    fingerprints: dict[int, tuple[str, str]] = {}
    points = []
    cited = advice.cited(dossier.points)
    for point in dossier.points:
        references = []
        for item in cited[point.id]:
            if item.citable is None:
                continue
            key = (item.citation.snapshot_id, item.citation.key)
            if key not in appendix:
                appendix[key] = AppendixItem(
                    len(appendix) + 1,
                    item.citable.text,
                    item.citable.question,
                    item.source,
                    item.citable.quote,
                )
            references.append(appendix[key].number)
            snapshot = item.citation.snapshot
            fingerprints[snapshot.id] = (snapshot.figures.get("title", ""), snapshot.content_hash)
        points.append(LetterPoint(point.position, point.advice, point.reasoning, references))
    organisation = dossier.organisation.name
    return Letter(
        organisation=organisation,
        written_on=written_on,
        recipient=dossier.landlord_contact,
        subject=_("Advice on %(title)s (%(code)s)", title=dossier.title, code=dossier.code),
        opening=_opening(dossier),
        points=points,
        closing=_(
            "We ask you to reply in writing within 14 days of receiving this advice. If you do "
            "not follow it, or not fully, please give your reasons (Overlegwet, article 5)."
        ),
        signature=_("On behalf of the board of %(name)s", name=organisation),
        appendix=list(appendix.values()),
        fingerprints=list(fingerprints.values()),
    )


#: Characters the PDF's built-in font lacks, written the nearest way it has.
PLAIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "€": "EUR"})


class LetterPDF(FPDF):
    """A4 with the letter's margins and font; ``block`` writes a paragraph."""

    def __init__(self, font_path: Path | None):
        super().__init__(format="A4")
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)
        if font_path:
            self.add_font("letter", "", str(font_path))
            bold = font_path.with_name(font_path.stem + "-Bold" + font_path.suffix)
            self.add_font("letter", "B", str(bold if bold.exists() else font_path))
            self.letter_font, self.has_unicode_font = "letter", True
        else:
            self.letter_font, self.has_unicode_font = "helvetica", False

    def block(self, words: str, size: float = 11, style: str = "", gap: float = 2) -> None:
        if not self.has_unicode_font:
            words = words.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")
        self.set_font(self.letter_font, style, size)
        self.multi_cell(0, size * 0.5, words, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def font_path() -> Path | None:
    configured = current_app.config.get("PDF_FONT")
    return Path(configured) if configured and Path(configured).is_file() else None


def letter_pdf(letter: Letter, logo: bytes | None = None) -> bytes:
    """The letter as an A4 PDF: letterhead, the points, and the appendix on its own page."""
    pdf = LetterPDF(font_path())
    pdf.add_page()
    if logo:
        pdf.image(io.BytesIO(logo), h=16)
        pdf.ln(2)
    pdf.block(letter.organisation, 15, "B", 6)
    if letter.recipient:
        pdf.block(letter.recipient)
    pdf.block(long_date(letter.written_on), gap=4)
    pdf.block(letter.subject, 12, "B", 4)
    pdf.block(letter.opening, gap=4)
    for point in letter.points:
        heading = _("Point %(n)d", n=point.number)
        if point.references:
            heading += " [" + ", ".join(str(n) for n in point.references) + "]"
        pdf.block(heading, 12, "B")
        pdf.block(point.advice)
        if point.reasoning:
            pdf.block(_("Why") + ": " + point.reasoning, gap=4)
    pdf.block(letter.closing, gap=6)
    pdf.block(letter.signature, style="B")
    if letter.appendix:
        pdf.add_page()
        pdf.block(_("Appendix: what our members said"), 13, "B", 4)
        for item in letter.appendix:
            shown = f"“{item.text}”" if item.quote else item.text
            pdf.block(f"[{item.number}] {shown}", style="B", gap=0)
            pdf.block(f"{item.question}. {_('Source')}: {item.source}", 9)
        for title, fingerprint in letter.fingerprints:
            pdf.block(f"{title}: SHA-256 {fingerprint}", 8, gap=0)
    return bytes(pdf.output())
