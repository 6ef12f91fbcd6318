"""The advice letter: built once from the dossier, then shown as a page to print and written
as a PDF with the organisation's letterhead and an appendix of the cited evidence.

The letter is written in the organisation's letter language (``Organisation.letter_language``),
whatever language the board member's screen uses: every fixed word of it is chosen while
the letter is built, so the page and the PDF only lay it out.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from consult.core.i18n import parsed_locale
from consult.core.templating import long_date
from consult.dossiers.advice import services as advice
from consult.dossiers.models import AdviceKind, Dossier


@dataclass
class LetterPoint:
    number: int
    #: "Punt 1", in the letter's language.
    heading: str
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
    #: The question and the source as one line: "Is het duidelijk? Bron: ...".
    note: str


@dataclass
class Letter:
    #: The language the letter is written in ("nl", "en").
    language: str
    organisation: str
    written_on: date
    #: The date as written in the letter's language.
    date_text: str
    recipient: str
    subject: str
    opening: str
    points: list[LetterPoint]
    closing: str
    signature: str
    #: "Why" before each point's reasoning, and the appendix's heading.
    why: str
    appendix_heading: str
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


#: What ends a sentence already; the appendix adds no full stop after these.
SENTENCE_ENDS = ".?!:;…"


def sentence(text: str) -> str:
    """``text`` ending with one full stop, or with the punctuation it already has."""
    text = text.strip()
    return text if not text or text.endswith(tuple(SENTENCE_ENDS)) else text + "."


def _note(question: str, source: str) -> str:
    """The appendix line under a cited figure, such as "Is het duidelijk? Bron: ..."."""
    source_line = _("Source: %(source)s", source=source)
    return f"{sentence(question)} {source_line}".strip()


def letter_of(dossier: Dossier, written_on: date) -> Letter:
    """The letter in the organisation's letter language (see the module's docstring)."""
    with force_locale(parsed_locale(dossier.organisation.letter_language)):
        return build_letter(dossier, written_on)


def build_letter(dossier: Dossier, written_on: date) -> Letter:
    """The letter as it stands, in the current language: the points, numbered references,
    and the appendix."""
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
                    _note(item.citable.question, item.source),
                )
            references.append(appendix[key].number)
            snapshot = item.citation.snapshot
            fingerprints[snapshot.id] = (snapshot.figures.get("title", ""), snapshot.content_hash)
        heading = _("Point %(n)d", n=point.position)
        points.append(
            LetterPoint(point.position, heading, point.advice, point.reasoning, references)
        )
    organisation = dossier.organisation.name
    return Letter(
        language=dossier.organisation.letter_language,
        organisation=organisation,
        written_on=written_on,
        date_text=long_date(written_on),
        recipient=dossier.landlord_contact,
        subject=_("Advice on %(title)s (%(code)s)", title=dossier.title, code=dossier.code),
        opening=_opening(dossier),
        points=points,
        closing=_(
            "We ask you to reply in writing within 14 days of receiving this advice. If you do "
            "not follow it, or not fully, please give your reasons (Overlegwet, article 5)."
        ),
        signature=_("On behalf of the board of %(name)s", name=organisation),
        why=_("Why"),
        appendix_heading=_("Appendix: what our members said"),
        appendix=list(appendix.values()),
        fingerprints=list(fingerprints.values()),
    )


#: Characters the PDF's built-in font lacks, written the nearest way it has.
PLAIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "€": "EUR"})


class LetterPDF(FPDF):
    """An A4 letter in the configured font (or Helvetica), written block by block."""

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
        # Ragged right: justified lines open wide gaps in a narrow column of long words.
        self.multi_cell(0, size * 0.5, words, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def font_path() -> Path | None:
    configured = current_app.config.get("PDF_FONT")
    return Path(configured) if configured and Path(configured).is_file() else None


def start_letter(letter, logo: bytes | None) -> LetterPDF:
    """A PDF with the letter's properties (title, author, language) and its first lines: the
    logo as letterhead, the organisation, the recipient, the date, the subject and the
    opening (any letter with those fields)."""
    pdf = LetterPDF(font_path())
    pdf.set_title(letter.subject)
    pdf.set_author(letter.organisation)
    pdf.set_lang(letter.language)
    pdf.set_creator("Consult")
    pdf.add_page()
    if logo:
        pdf.image(io.BytesIO(logo), h=16)
        pdf.ln(2)
    pdf.block(letter.organisation, 15, "B", 6)
    if letter.recipient:
        pdf.block(letter.recipient)
    pdf.block(letter.date_text, gap=4)
    pdf.block(letter.subject, 12, "B", 4)
    pdf.block(letter.opening, gap=4)
    return pdf


def letter_pdf(letter: Letter, logo: bytes | None = None) -> bytes:
    """The letter as an A4 PDF: letterhead, the points, and the appendix on its own page;
    its title, author and language are in the file's properties."""
    pdf = start_letter(letter, logo)
    for point in letter.points:
        heading = point.heading
        if point.references:
            heading += " [" + ", ".join(str(n) for n in point.references) + "]"
        pdf.block(heading, 12, "B")
        pdf.block(point.advice)
        if point.reasoning:
            pdf.block(f"{letter.why}: {point.reasoning}", gap=4)
    pdf.block(letter.closing, gap=6)
    pdf.block(letter.signature, style="B")
    if letter.appendix:
        pdf.add_page()
        pdf.block(letter.appendix_heading, 13, "B", 4)
        for item in letter.appendix:
            shown = f"“{item.text}”" if item.quote else item.text
            pdf.block(f"[{item.number}] {shown}", style="B", gap=0)
            pdf.block(item.note, 9)
        for title, fingerprint in letter.fingerprints:
            pdf.block(f"{title}: SHA-256 {fingerprint}", 8, gap=0)
    return bytes(pdf.output())
