"""The paper questionnaire as an A4 PDF: boxes to tick, lines to write on, and no question
split over two pages: each is first laid out on a scratch page to measure it, and one that
would cross the page starts on the next. (fpdf2's own ``unbreakable`` copies the whole
document, fonts included, for every block: ten times slower.) The words come from
``printing``; this module only places them."""

import io
from pathlib import Path

import segno

from consult.dossiers.advice.letter import PLAIN, LetterPDF, font_path
from consult.surveys.printing import PrintedQuestion, PrintedQuestionnaire

#: Font sizes (pt) of the ordinary and the large-print form.
SIZES = {False: 11, True: 15}
#: No text of the large-print form is smaller than this (notes and legends included).
LARGE_PRINT = 14
#: Millimetres per point.
MM = 0.3528


class QuestionnairePDF(LetterPDF):
    """A letter PDF that also draws tick boxes and writing lines, in one font size."""

    def __init__(self, size: float, font: Path | None = None):
        super().__init__(font)
        self.size = size
        self.leading = size * 0.55  # line height in mm
        self.box = max(4.0, size * MM * 1.1)  # side of a tick box in mm

    def scratch(self) -> "QuestionnairePDF":
        """A document to measure on, sharing this one's loaded fonts (loading one takes long)."""
        scratch = QuestionnairePDF(self.size)
        scratch.fonts.update(self.fonts)
        scratch.letter_font, scratch.has_unicode_font = self.letter_font, self.has_unicode_font
        return scratch

    def sized(self, scale: float) -> float:
        """The font size ``scale`` times the form's, never under 14 pt in large print."""
        smallest = LARGE_PRINT if self.size >= LARGE_PRINT else 0
        return max(self.size * scale, smallest)

    def say(self, words: str, style: str = "", gap: float = 1.5, scale: float = 1) -> None:
        self.block(words, self.sized(scale), style, gap)

    def tick_line(self, label: str) -> None:
        """A box to tick with its label beside it (the label wraps beside the box)."""
        y = self.get_y()
        self.rect(self.l_margin, y + 0.4, self.box, self.box)
        self.set_x(self.l_margin + self.box + 3)
        self.set_font(self.letter_font, "", self.size)
        self.multi_cell(0, self.leading, self._plain(label), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def box_row(self, columns: list[str]) -> None:
        """A row of numbered boxes (a rating or a matrix line)."""
        step = min(self.box + 8, self.epw / max(len(columns), 1))
        y = self.get_y()
        self.set_font(self.letter_font, "", self.sized(0.8))
        for index, column in enumerate(columns):
            x = self.l_margin + index * step
            self.set_xy(x, y)
            self.cell(self.box, self.leading * 0.8, column, align="C")
            self.rect(x, y + self.leading * 0.8, self.box, self.box)
        self.set_xy(self.l_margin, y + self.leading * 0.8 + self.box + 2)

    def writing_lines(self, count: int, before: str = "") -> None:
        """``count`` lines to write on, the first after ``before``."""
        for index in range(count):
            self.ln(self.leading * 1.4)
            start = self.l_margin
            if index == 0 and before:
                self.set_font(self.letter_font, "", self.size)
                self.cell(self.get_string_width(self._plain(before)) + 2, 0, self._plain(before))
                start = self.get_x()
            self.line(start, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def _plain(self, words: str) -> str:
        if self.has_unicode_font:
            return words
        return words.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def questionnaire_pdf(
    printed: PrintedQuestionnaire, large: bool = False, logo: bytes | None = None
) -> bytes:
    """The questionnaire as an A4 PDF; ``large``: in large print (15 pt)."""
    pdf = QuestionnairePDF(SIZES[large], font_path())
    pdf.set_title(printed.title)
    pdf.set_author(printed.organisation)
    pdf.set_lang(printed.language)
    pdf.set_creator("Consult")
    pdf.add_page()
    _front(pdf, printed, logo)
    scratch = pdf.scratch()
    for question in printed.questions:
        _keep_together(pdf, scratch, _question, question)
        _question(pdf, question)
    pdf.say(printed.the_end, "B", gap=4)
    if printed.return_address:
        _keep_together(pdf, scratch, _return_address, printed)
        _return_address(pdf, printed)
    return bytes(pdf.output())


def _keep_together(pdf: QuestionnairePDF, scratch: QuestionnairePDF, draw, item) -> None:
    """Start a new page unless what ``draw(pdf, item)`` lays out fits on this one (measured on
    a page of ``scratch``); something taller than a page starts at the top of one."""
    scratch.add_page()
    first_page = scratch.page
    draw(scratch, item)
    too_tall = scratch.page != first_page
    height = scratch.get_y() - scratch.t_margin
    at_top = pdf.get_y() <= pdf.t_margin + 1
    if not at_top and (too_tall or pdf.get_y() + height > pdf.page_break_trigger):
        pdf.add_page()


def _front(pdf: QuestionnairePDF, printed: PrintedQuestionnaire, logo: bytes | None) -> None:
    """Logo, organisation, the QR code (top right, with the code under the words beside it),
    title, introduction and how to fill in."""
    margin = pdf.r_margin
    side = 36 if pdf.size >= LARGE_PRINT else 30  # the QR code's side in mm
    if printed.link:
        qr = io.BytesIO()
        segno.make(printed.link, error="m").save(qr, kind="png", scale=8, border=2)
        pdf.image(qr, x=pdf.w - margin - side, y=pdf.t_margin, w=side, h=side)
        pdf.set_right_margin(margin + side + 4)  # the words beside the code, not under it
    if logo:
        pdf.image(io.BytesIO(logo), h=14)
        pdf.ln(2)
    pdf.say(printed.organisation, "B", 3)
    if printed.link:
        pdf.say(printed.link_note, gap=1, scale=0.85)
        if printed.code:
            pdf.say(printed.code, "B", 1)
        pdf.set_y(max(pdf.get_y(), pdf.t_margin + side + 2))
        pdf.set_right_margin(margin)
    pdf.say(printed.title, "B", 3, scale=1.35)
    if printed.introduction:
        pdf.say(printed.introduction, gap=3)
    pdf.say(printed.how_to, "B", 6)


def _question(pdf: QuestionnairePDF, question: PrintedQuestion) -> None:
    if question.number is None:
        pdf.say(question.text, gap=5)
        return
    if question.instruction:
        pdf.say(question.instruction, "B", 1, scale=0.9)
    pdf.say(f"{question.number}. {question.text}", "B", 1)
    if question.help:
        pdf.say(question.help, gap=1, scale=0.9)
    if question.note:
        pdf.say(question.note, gap=2, scale=0.9)
    _answer(pdf, question)
    pdf.ln(pdf.leading)


def _answer(pdf: QuestionnairePDF, question: PrintedQuestion) -> None:
    """Boxes, rows of boxes or lines, by the kind of question."""
    if question.columns and question.choices:  # a matrix: one row of boxes per statement
        pdf.say(question.legend, gap=2, scale=0.8)
        for statement in question.choices:
            pdf.say(statement, gap=0.5)
            pdf.box_row(question.columns)
    elif question.columns:  # a rating
        pdf.box_row(question.columns)
        pdf.say(question.legend, gap=1, scale=0.8)
    elif question.choices:
        for choice in question.choices:
            pdf.tick_line(choice)
        if question.other:
            pdf.tick_line(question.other)
            pdf.writing_lines(1)
    elif question.kind == "number":
        pdf.writing_lines(1)
    elif question.kind == "date":
        pdf.say("__ - __ - ____", gap=2, scale=1.4)
    pdf.writing_lines(question.writing_lines)


def _return_address(pdf: QuestionnairePDF, printed: PrintedQuestionnaire) -> None:
    """Who the form goes back to."""
    pdf.say(printed.return_heading, "B", 1)
    pdf.say(printed.organisation, gap=0)
    pdf.say(printed.return_address)


def download(content: bytes, name: str, consultation) -> tuple[bytes, dict]:
    """``content`` as a PDF download named after the consultation (a view's return value)."""
    return content, {
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="{name}-{consultation.id}.pdf"',
    }
