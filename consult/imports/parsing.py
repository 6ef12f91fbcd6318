"""Reading an uploaded member list (CSV or XLSX) into headings and rows of plain text.

Every cell is kept as the text it holds, trimmed: nothing is evaluated, so a cell such as
``=HYPERLINK("http://x","y")`` stays that text. XLSX formulas give their cached value (what
Excel showed), never the formula's result computed here. The table is stored as UTF-8 JSON
(``Table.to_bytes``), so every step reads the same rows and an erasure can find an address
in it whatever the file's format or encoding was.
"""

import csv
import io
import json
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _

from consult.core import uploads
from consult.core.errors import DomainError

#: At most this many rows (after the heading row) and columns are read.
MAX_ROWS = 50_000
MAX_COLUMNS = 100
#: What CSV files from Dutch Excel (";"), elsewhere (",") and "text" exports (tab) use.
DELIMITERS = (";", ",", "\t", "|")
#: What looks like an e-mail address (to recognise a first row that is not headings).
ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class Table:
    """The list as read: unique headings, and per row its number in the file and its cells."""

    headings: list[str]
    rows: list[tuple[int, list[str]]]

    def to_bytes(self) -> bytes:
        return json.dumps(
            {"headings": self.headings, "rows": self.rows}, ensure_ascii=False
        ).encode()

    @classmethod
    def from_bytes(cls, content: bytes) -> "Table":
        data = json.loads(content)
        return cls(data["headings"], [(number, cells) for number, cells in data["rows"]])


def read_table(data: bytes, filename: str) -> Table:
    """Read an uploaded CSV or XLSX file, recognised by its content rather than its name.

    :raises DomainError: for an empty, binary, malformed or too large list, or one without a
        heading row or without rows, with a message for the board.
    """
    if not data.strip():
        raise DomainError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DomainError(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV and upload that.")
        )
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise DomainError(_("This file is not a readable Excel file (.xlsx)."))
    else:
        rows = _csv_rows(_decode(data))
    return _table(rows)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV" in Windows-1252; its five unused bytes only occur
            # in Latin-1 files, which then decode as Latin-1.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if "\x00" in text:
        raise DomainError(
            _("This file is not a CSV or Excel file. Upload a list saved as CSV or .xlsx.")
        )
    return text


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the heading row most often (one column: any will do)."""
    return max(DELIMITERS, key=first_line.count)


def _csv_rows(text: str):
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise DomainError(
            _(
                "The file could not be read as CSV near line %(line)d (a quote or separator"
                " is out of place). Save it again from Excel as CSV, or upload the .xlsx file.",
                line=reader.line_num,
            )
        ) from error


def _xlsx_rows(data: bytes):
    """The rows of the first sheet, with cached values instead of formulas."""
    import openpyxl

    unreadable = _("This file is not a readable Excel file (.xlsx).")
    # A zip bomb or a workbook with macros is refused with its own message, before openpyxl.
    if uploads.sniff(data) is not uploads.XLSX:
        raise DomainError(unreadable)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some programs write wrong dimensions
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            for number, row in enumerate(rows, start=1):
                yield number, [_cell_text(value) for value in row]
        finally:
            workbook.close()
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        raise DomainError(unreadable) from error


def _cell_text(value) -> str:
    """A spreadsheet value as the text a person reads in the cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(numbered_rows) -> Table:
    """Headings from the first row that is not empty, then every row that is not empty."""
    headings, rows = None, []
    for number, raw in numbered_rows:
        cells = [cell.strip() for cell in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise DomainError(
                _(
                    "The list has more than %(num)d columns. Remove the columns you do not need.",
                    num=MAX_COLUMNS,
                )
            )
        if headings is None:
            headings = _headings(cells)
            continue
        if len(rows) == MAX_ROWS:
            raise DomainError(
                _(
                    "The list has more than %(num)d rows."
                    " Split it and import the parts one by one.",
                    num=MAX_ROWS,
                )
            )
        rows.append((number, cells))
    if headings is None:
        raise DomainError(_("The file is empty."))
    if not rows:
        raise DomainError(_("The list has a heading row but no rows below it."))
    return Table(headings, rows)


def _headings(cells: list[str]) -> list[str]:
    """The column headings, each unique: "#3" for an empty one, "Naam #4" for a repeat.

    :raises DomainError: when the first row holds an e-mail address instead of headings.
    """
    if any(ADDRESS.fullmatch(cell) for cell in cells):
        raise DomainError(
            _(
                "The first row must hold the column headings (for example E-mail, Naam, Wijk),"
                " but it holds an e-mail address. Add a heading row at the top and upload the"
                " file again."
            )
        )
    headings: list[str] = []
    for index, cell in enumerate(cells, start=1):
        heading = cell or f"#{index}"
        headings.append(f"{heading} #{index}" if heading in headings else heading)
    return headings
