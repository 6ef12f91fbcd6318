"""Office files that hide macros or unpack out of proportion: refused, with nothing stored,
while ordinary Word, OpenDocument, Excel and PDF files still go in. Each file is built here,
one per trick, small on disk."""

import io
import struct
import zipfile

import pytest

from consult.core import office, uploads
from tests.conftest import login
from tests.dossiers.test_documents import (
    PDF,
    WORD_MAIN,
    document_count,
    english,
    office_open_xml,
    stored_files,
    upload,
    xlsx,
    zip_file,
)

ODT_TYPE = "application/vnd.oasis.opendocument.text"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACROS = "This file contains macros or scripts"
BOMB = "unpacks to far more than its own size"
NOT_ACCEPTED = "This kind of file cannot be added"


def odt(**parts: str) -> bytes:
    """An OpenDocument text with these parts besides its mimetype and content."""
    return zip_file({"mimetype": ODT_TYPE, "content.xml": "<office:document-content/>", **parts})


def decoy(main_type: str) -> bytes:
    """A Word file whose main part is of ``main_type``, with a decoy override declaring another,
    unused part as an ordinary .docx main part."""
    extra = f'<Override PartName="/decoy.xml" ContentType="{WORD_MAIN}"/>'
    return office_open_xml(main_type, extra_types=extra, **{"decoy.xml": "<document/>"})


def bomb(unpacked: int) -> bytes:
    """A .docx with one part of ``unpacked`` zeros, written a megabyte at a time."""
    buffer = io.BytesIO(office_open_xml(WORD_MAIN))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(unpacked // 2**20):
            part.write(bytes(2**20))
    return buffer.getvalue()


def xls(sheet_type: int) -> bytes:
    """An Excel 97-2003 workbook with one sheet of ``sheet_type`` (1: an Excel 4.0 macro
    sheet) and no class id: a Compound File with a 4 KB "Workbook" stream of BIFF8 records."""
    free, end = 0xFFFFFFFF, 0xFFFFFFFE

    def record(kind: int, data: bytes = b"") -> bytes:
        return struct.pack("<HH", kind, len(data)) + data

    sheet = struct.pack("<IBB", 0, 0, sheet_type) + bytes([6, 0]) + b"Macro1"
    stream = record(0x0809, struct.pack("<HHHHII", 0x600, 5, 0xDBB, 0x7CC, 0, 6))
    stream += record(0x0085, sheet)
    stream += record(0x0862, bytes(4096 - len(stream) - 8)) + record(0x000A)  # filler, EOF
    header = uploads.OLE_START + bytes(16)
    header += struct.pack("<HHHHH6x7I", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0)
    header += struct.pack("<II109I", end, 0, 0, *[free] * 108)
    # Sector 0 the FAT, 1 the directory, 2 to 9 the workbook stream.
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *range(3, 10), end, *[free] * 118)

    def entry(name, kind, child=free, start=end, size=0):
        encoded = (name + "\0").encode("utf-16-le")
        head = struct.pack("<HBBIII", len(encoded), kind, 1, free, free, child)
        return encoded.ljust(64, b"\0") + head + bytes(36) + struct.pack("<IQ", start, size)

    directory = entry("Root Entry", 5, child=1) + entry("Workbook", 2, start=2, size=4096)
    return header + fat + directory.ljust(512, b"\0") + stream


TRICKS = {
    "odt with Basic macros": (odt(**{"Basic/Standard/Module1.xml": "Sub Main\nEnd Sub"}), MACROS),
    "odt with a Python script": (odt(**{"Scripts/python/run.py": "import os"}), MACROS),
    "odt whose button runs a macro": (
        odt(**{"content.xml": '<x xlink:href="vnd.sun.star.script:Standard.Module1.Main"/>'}),
        MACROS,
    ),
    "docx holding word/vbaProject.bin": (
        office_open_xml(WORD_MAIN, **{"word/vbaProject.bin": "VBA"}),
        MACROS,
    ),
    "docm main part behind a decoy override": (decoy(DOCM_MAIN), MACROS),
    "Word template behind a decoy override": (decoy(DOTX_MAIN), NOT_ACCEPTED),
    "xlsx with an XLM macro sheet": (
        office_open_xml(
            XLSX_MAIN, "/xl/workbook.xml", **{"xl/macrosheets/sheet1.xml": "<xm:macrosheet/>"}
        ),
        MACROS,
    ),
    "xls with an XLM macro sheet and no class id": (xls(sheet_type=1), MACROS),
}


@pytest.mark.parametrize(("data", "message"), TRICKS.values(), ids=TRICKS.keys())
def test_a_file_hiding_macros_is_refused_and_nothing_stored(
    app, client, world, upload_folder, data, message
):
    """Is each way of hiding macros (or a main part of another type) refused with its reason?"""
    login(english(client), world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, data, "notulen.docx")
    assert response.status_code == 400 and message in response.text
    assert document_count(app) == 0 and stored_files(upload_folder) == []


def test_a_zip_bomb_is_refused_without_being_unpacked(
    app, client, world, upload_folder, monkeypatch
):
    """Is a small .docx that unpacks to 64 MB refused, with under a megabyte unpacked to see it?"""
    data = bomb(64 * 2**20)
    assert len(data) < 2**20 / 4
    unpacked = []
    read = zipfile.ZipExtFile.read

    def counted(self, n=-1):
        unpacked.append(read(self, n))
        return unpacked[-1]

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    login(english(client), world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, data, "verslag.docx")
    assert response.status_code == 400 and BOMB in response.text
    assert sum(map(len, unpacked)) < 2**20
    assert document_count(app) == 0 and stored_files(upload_folder) == []


def test_an_archive_over_the_unpacked_limit_is_refused(app_with, world, upload_folder):
    """Is a .docx unpacking to over UPLOAD_MAX_UNPACKED_BYTES refused, whatever its ratio?"""
    app = app_with(UPLOAD_MAX_UNPACKED_BYTES=2**20)
    client = english(app.test_client())
    login(english(client), world.a.board)
    data = office_open_xml(WORD_MAIN, **{"word/media/image1.bin": "x" * 2**20})
    response = upload(client, world.a.slug, world.a.dossier_id, data, "verslag.docx")
    assert response.status_code == 400 and BOMB in response.text
    assert document_count(app) == 0 and stored_files(upload_folder) == []


LEGITIMATE = {
    "docx": office_open_xml(WORD_MAIN, **{"word/styles.xml": "<w:styles/>" * 2000}),
    "odt": odt(**{"META-INF/manifest.xml": '<file-entry manifest:media-type="text/xml"/>'}),
    "xlsx": xlsx(),
    "xls": xls(sheet_type=0),
    "pdf": PDF,
}


@pytest.mark.parametrize(("data", "extension"), [(v, k) for k, v in LEGITIMATE.items()])
def test_ordinary_office_files_and_pdf_are_still_accepted(
    app, client, world, upload_folder, data, extension
):
    """Does an ordinary .docx, .odt, .xlsx or .pdf still go in and come back as it was?"""
    login(english(client), world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, data, f"stuk.{extension}")
    assert response.status_code == 302
    assert document_count(app) == 1 and stored_files(upload_folder)[0].read_bytes() == data


def test_the_refusals_are_translated(ctx):
    """Do the two refusals read in Dutch by default?"""
    from flask_babel import force_locale

    with force_locale("nl"):
        assert "macro" in str(office.MacrosRefused().message)
        assert "zipbom" in str(office.ArchiveRefused().message)
