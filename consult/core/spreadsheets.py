"""CSV and XLSX files for exports, safe to open in a spreadsheet program.

A cell that starts with = + - @ (or a tab or carriage return) would be read as a formula:
such text gets a leading apostrophe (OWASP's advice on CSV injection), and XLSX cells are
written as text, never as formulas. Numbers stay numbers (a number is never read as a formula),
so that a spreadsheet can add them up; in CSV a negative number keeps its minus sign.

A CSV file follows the language of the interface, so that a spreadsheet program set to that
language reads the numbers as numbers: in Dutch ";" between cells and a decimal comma (43,3),
in English "," and a decimal point (43.3). XLSX cells hold real numbers either way.
"""

import csv
import io
from datetime import date

from flask_babel import get_locale
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The content type of each kind of export file.
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


#: Per language: (the separator between cells, the decimal sign) of a CSV file.
CSV_DIALECTS = {"nl": (";", ","), "en": (",", ".")}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def safe_cell(value, decimal: str = ".") -> str:
    """The value as text that no spreadsheet program evaluates; a fraction with ``decimal``
    as its decimal sign."""
    text = "" if value is None else str(value)
    if isinstance(value, float):
        return text.replace(".", decimal)
    if _is_number(value):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_language() -> str:
    """The language whose CSV dialect to write: the interface's, Dutch outside a request."""
    language = getattr(get_locale(), "language", "nl")
    return language if language in CSV_DIALECTS else "nl"


def csv_bytes(header: list[str], rows, language: str | None = None) -> bytes:
    """UTF-8 with a byte order mark, in the dialect of ``language`` (None: the interface's):
    Dutch Excel expects ";" between cells and a decimal comma.
    """
    separator, decimal = CSV_DIALECTS[language or csv_language()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell, decimal) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _kept_as_is(cell) -> bool:
    """Numbers and dates are their own cell type, never read as a formula."""
    return _is_number(cell) or isinstance(cell, date)


def xlsx_bytes(header: list[str], rows, sheet_title: str) -> bytes:
    """One sheet with a header row; every cell is a text, number or date cell."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in [header, *rows]:
        sheet.append([cell if _kept_as_is(cell) else safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet(kind: str, header: list[str], rows, sheet_title: str) -> bytes:
    """The rows as a CSV or XLSX file (``kind`` one of EXPORT_TYPES)."""
    return csv_bytes(header, rows) if kind == "csv" else xlsx_bytes(header, rows, sheet_title)
