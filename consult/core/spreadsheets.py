"""CSV and XLSX files for exports, safe to open in a spreadsheet program.

A cell that starts with = + - @ (or a tab or carriage return) would be read as a formula:
such text gets a leading apostrophe (OWASP's advice on CSV injection), and XLSX cells are
written as text, never as formulas. Numbers stay numbers (a number is never read as a formula),
so that a spreadsheet can add them up; in CSV a negative number keeps its minus sign.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The content type of each kind of export file.
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def safe_cell(value) -> str:
    """The value as text that no spreadsheet program evaluates."""
    text = "" if value is None else str(value)
    if _is_number(value):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: list[str], rows) -> bytes:
    """UTF-8 with a byte order mark and ";" between cells, as Dutch Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header: list[str], rows, sheet_title: str) -> bytes:
    """One sheet with a header row; every cell is a text cell or a number cell."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in [header, *rows]:
        sheet.append([cell if _is_number(cell) else safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet(kind: str, header: list[str], rows, sheet_title: str) -> bytes:
    """The rows as a CSV or XLSX file (``kind`` one of EXPORT_TYPES)."""
    return csv_bytes(header, rows) if kind == "csv" else xlsx_bytes(header, rows, sheet_title)
