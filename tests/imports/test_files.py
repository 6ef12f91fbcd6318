"""Whatever file the board uploads, it gets a clear message and nothing is stored, or the
list is read right: CSV with ; or , in UTF-8, UTF-8 with BOM or Latin-1, and XLSX."""

import io
import re
import zipfile

import openpyxl
import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from consult.core.errors import DomainError
from consult.imports import parsing
from consult.imports.parsing import read_table
from tests.conftest import login
from tests.factories import PASSWORD
from tests.imports.helpers import import_count, upload


def xlsx(rows, formula_cells=()) -> bytes:
    """An Excel file with these rows; ``formula_cells`` are (row, column, formula)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:  # typed-in text that starts with "=" is text, not a formula
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for row, column, formula in formula_cells:
        sheet.cell(row=row, column=column, value=formula)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        ("E-mail;Naam\nzoë@example.org;Zoë Müller\n".encode(), "utf-8 ;"),
        ("\ufeffE-mail,Naam\nzoë@example.org,Zoë Müller\n".encode(), "utf-8 with BOM ,"),
        ("E-mail;Naam\r\nzoë@example.org;Zoë Müller\r\n".encode("latin-1"), "latin-1 ;"),
        ("E-mail;Naam\r\nzoë@example.org;Zoë Müller €\r\n".encode("cp1252"), "windows-1252 ;"),
        ("E-mail\tNaam\nzoë@example.org\tZoë Müller\n".encode("utf-16"), "utf-16 tab"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_csv_in_each_encoding_and_separator_is_read_the_same(ctx, data, delimiter):
    """Is "Zoë Müller" read right from UTF-8, UTF-8 with BOM, Latin-1 and Windows-1252?"""
    table = read_table(data, "huurders.csv")
    assert table.headings == ["E-mail", "Naam"]
    assert table.rows[0][1][0] == "zoë@example.org"
    assert table.rows[0][1][1].startswith("Zoë Müller")


def test_quoted_cells_keep_their_separators_and_line_breaks(ctx):
    """Does a quoted cell keep its ; and line break, and are blank lines skipped?"""
    table = read_table(b'E-mail;Naam\n\n"a@example.org";"Jansen; Piet\nen Marie"\n', "x.csv")
    assert table.rows == [(4, ["a@example.org", "Jansen; Piet\nen Marie"])]


def test_xlsx_first_sheet_is_read_as_text(ctx):
    """Are numbers and dates in an .xlsx read as the text a person sees?"""
    from datetime import date

    table = read_table(
        xlsx([["E-mail", "Huisnummer", "Sinds"], ["a@example.org", 12, date(2020, 5, 1)]]), "x.xlsx"
    )
    assert table.rows == [(2, ["a@example.org", "12", "2020-05-01"])]


def test_xlsx_formulas_are_never_evaluated(ctx):
    """Does a formula give its stored value (here none), and text like =HYPERLINK stay text?"""
    data = xlsx(
        [["E-mail", "Naam"], ["a@example.org", '=HYPERLINK("http://x","y")'], ["b@example.org"]],
        formula_cells=[(3, 2, "=1+1")],
    )
    table = read_table(data, "x.xlsx")
    assert table.rows[0][1][1] == '=HYPERLINK("http://x","y")'
    assert table.rows[1][1] == ["b@example.org"]  # no cached value: empty, never "2"


BAD_FILES = [
    (b"", "The file is empty."),
    (b"\n ;;\n", "The file is empty."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "This file is not a CSV or Excel file."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "This is an old Excel file (.xls)."),
    (b"PK\x03\x04 this is no zip", "This file is not a readable Excel file (.xlsx)."),
    (b"E-mail;Naam\nthis is no xlsx", "This file is not a readable Excel file (.xlsx)."),
    (b'E-mail;Naam\na@example.org;"Jansen\n', "could not be read as CSV near line 2"),
    (
        b"jan@example.org;Jan\npiet@example.org;Piet\n",
        "The first row must hold the column headings",
    ),
    (b"E-mail;Naam\n", "The list has a heading row but no rows below it."),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_a_bad_file_is_refused_with_a_clear_message(ctx, data, message):
    """Is each kind of garbage refused with a message that says what to do?"""
    name = "huurders.xlsx" if data.startswith(b"E-mail;Naam\nthis") else "huurders.csv"
    with pytest.raises(DomainError) as refused:
        read_table(data, name)
    assert message in refused.value.message


def test_a_zip_that_is_not_an_excel_file_is_refused(ctx):
    """Is a .zip renamed to .xlsx refused as unreadable?"""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("hello.txt", "hallo")
    with pytest.raises(DomainError, match="not a readable Excel file"):
        read_table(data.getvalue(), "huurders.xlsx")


def test_too_many_rows_are_refused(ctx, monkeypatch):
    """Is a list longer than the row limit refused as a whole?"""
    monkeypatch.setattr(parsing, "MAX_ROWS", 3)
    text = "E-mail\n" + "".join(f"h{n}@example.org\n" for n in range(4))
    with pytest.raises(DomainError, match="more than 3 rows"):
        read_table(text.encode(), "x.csv")


@pytest.mark.parametrize(("data", "message"), BAD_FILES[:4])
def test_a_bad_upload_gets_the_message_and_stores_nothing(app, client, world, data, message):
    """Through the upload page: is garbage refused next to the field, with nothing stored?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, data)
    assert response.status_code == 200
    assert message in response.text and 'aria-invalid="true"' in response.text
    assert import_count(app) == 0


@pytest.mark.slow
def test_a_50_megabyte_upload_gets_a_clear_page_in_the_users_language(app, client, world):
    """Is a 50 MB upload refused (413) with a page that says the limit, in English and Dutch?"""
    login(client, world.a.board)
    big = b"E-mail\n" + b"x" * (50 * 1024 * 1024)
    response = upload(client, world.a.slug, big)
    assert response.status_code == 413
    assert "The file is larger than 10 MB" in response.text
    assert "Traceback" not in response.text
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nl"
    dutch = upload(client, world.a.slug, big)
    assert dutch.status_code == 413 and '<html lang="nl">' in dutch.text and "10 MB" in dutch.text
    assert import_count(app) == 0


def test_a_file_over_the_import_limit_is_refused_by_the_form(app_with, world):
    """Is a file over IMPORT_MAX_BYTES but within the request limit refused next to the field?"""
    app = app_with(IMPORT_MAX_BYTES=1024 * 1024)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(client, world.a.board)
    response = upload(client, world.a.slug, b"E-mail\n" + b"a@example.org\n" * 75_000)
    assert response.status_code == 200 and "larger than 1 MB" in response.text
    assert import_count(app) == 0


def test_other_pages_keep_the_general_limit(app, client, world):
    """Do pages other than the import still refuse a body over MAX_CONTENT_LENGTH?"""
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/panel/new", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


@pytest.mark.slow
def test_a_list_over_the_general_limit_passes_with_csrf_protection_on(app_with, world):
    """With CSRF on (it reads the form before any view), does a 3 MB list still get through?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    login_page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"email": world.a.board, "password": PASSWORD, "csrf_token": token})
    page = client.get(f"/o/{world.a.slug}/panel/import/").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    rows = "".join(f"huurder{n}@example.org;Huurder {n}, Voorbeeldstraat\n" for n in range(45_000))
    data = ("E-mail;Naam\n" + rows).encode()
    assert len(data) > app.config["MAX_CONTENT_LENGTH"]
    boundary, body = encode_multipart(
        {
            "file": FileStorage(io.BytesIO(data), "groot.csv"),
            "basis": "consent",
            "csrf_token": token,
        }
    )
    response = client.post(
        f"/o/{world.a.slug}/panel/import/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302 and "/columns" in response.headers["Location"]


def test_a_member_list_with_macros_or_a_zip_bomb_is_refused_and_nothing_stored(app, client, world):
    """Is an .xlsx with an XLM macro sheet, or one that unpacks to 64 MB, refused with its
    reason and no import kept?"""
    from tests.dossiers.test_document_tricks import BOMB, MACROS, TRICKS, bomb

    macro_sheet, _message = TRICKS["xlsx with an XLM macro sheet"]
    login(client, world.a.board)
    for data, message in ((macro_sheet, MACROS), (bomb(64 * 2**20), BOMB)):
        response = upload(client, world.a.slug, data, "huurders.xlsx")
        assert response.status_code == 200 and message in response.text
    assert import_count(app) == 0
