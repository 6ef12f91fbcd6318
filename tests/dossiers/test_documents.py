"""Documents on a dossier: upload, download, remove, and what is refused."""

import errno
import io
import re
import struct
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.http import parse_options_header
from werkzeug.test import encode_multipart

from consult.core import office, uploads
from consult.dossiers.documents import services as documents
from consult.dossiers.models import DocumentKind, Dossier, DossierDocument, DossierEvent
from consult.extensions import db
from tests import factories
from tests.conftest import login

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + bytes(64)
    + b"This program cannot be run"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def zip_file(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def office_open_xml(
    main_type: str, part: str = "/word/document.xml", extra_types: str = "", **parts: str
) -> bytes:
    """A zip with the [Content_Types].xml and _rels/.rels of a Word, Excel or PowerPoint file
    whose main part is ``part`` of ``main_type``; ``parts`` are more entries (name: text)."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'{extra_types}<Override PartName="{part}" ContentType="{main_type}"/></Types>'
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
        f' Target="{part.lstrip("/")}"/></Relationships>'
    )
    entries = {"[Content_Types].xml": types, "_rels/.rels": relationships}
    return zip_file({**entries, part.lstrip("/"): "<document/>", **parts})


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def ole_file(*names: str) -> bytes:
    """A minimal Compound File (the container of Word and Excel 97-2003) with these streams."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = uploads.OLE_START + bytes(16)
    header += struct.pack("<HHHHH6x7I", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0)
    header += struct.pack("<II109I", end, 0, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name, kind, child=none, right=none):
        encoded = (name + "\0").encode("utf-16-le")
        head = struct.pack("<HBBIII", len(encoded), kind, 1, none, right, child)
        return encoded.ljust(64, b"\0") + head + bytes(36) + struct.pack("<IQ", end, 0)

    entries = [entry("Root Entry", 5, child=1 if names else none)]
    for index, name in enumerate(names, start=1):
        entries.append(entry(name, 2, right=index + 1 if index < len(names) else none))
    return header + fat + b"".join(entries).ljust(512, b"\0")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (office_open_xml(WORD_MAIN), uploads.DOCX.content_type),
        (xlsx(), uploads.XLSX.content_type),
        (
            office_open_xml(
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                ".main+xml",
                "/ppt/presentation.xml",
            ),
            uploads.PPTX.content_type,
        ),
        (zip_file({"mimetype": uploads.ODT.content_type}), uploads.ODT.content_type),
        (zip_file({"mimetype": uploads.ODS.content_type}), uploads.ODS.content_type),
        (ole_file("WordDocument"), "application/msword"),
        (ole_file("Workbook"), "application/vnd.ms-excel"),
    ],
)
def test_each_accepted_kind_is_known_by_its_content(ctx, data, content_type):
    """Is a PDF, image, office or OpenDocument file recognised from its bytes alone?"""
    assert uploads.sniff(data).content_type == content_type


@pytest.mark.parametrize(
    "data",
    [
        EXE,
        HTML,
        b"",
        b"%PD",
        zip_file({"readme.txt": "not an office file"}),
        ole_file("SummaryInformation"),
        b"PK\x03\x04 a broken zip",
        uploads.OLE_START + b"a broken compound file",
    ],
)
def test_other_files_are_not_accepted(ctx, data):
    """Are programs, web pages, other zips and broken files all refused?"""
    assert uploads.sniff(data) is None


@pytest.mark.parametrize(
    "data",
    [
        office_open_xml("application/vnd.ms-word.document.macroEnabled.main+xml"),
        ole_file("WordDocument", "Macros"),
        ole_file("Book", "_VBA_PROJECT_CUR"),
    ],
)
def test_files_with_macros_are_refused_as_such(ctx, data):
    """Is a macro-enabled Word file, or a Word or Excel 97-2003 file with macros, refused?"""
    with pytest.raises(office.MacrosRefused):
        uploads.sniff(data)


@pytest.mark.parametrize(
    ("name", "kind", "cleaned"),
    [
        ("../../etc/passwd.pdf", uploads.PDF, "passwd.pdf"),
        ("C:\\Users\\bestuur\\Aanvraag.PDF", uploads.PDF, "Aanvraag.PDF"),
        ("setup.exe", uploads.PDF, "setup.exe.pdf"),
        ("foto.jpeg", uploads.JPEG, "foto.jpeg"),
        ("rapport\u202efdp.exe", uploads.PDF, "rapportfdp.exe.pdf"),
        ("regel\r\nSet-Cookie: x.pdf", uploads.PDF, "regelSet-Cookie: x.pdf"),
        ("..", uploads.PDF, "document.pdf"),
        ("x" * 300 + ".pdf", uploads.PDF, "x" * 196 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(name, kind, cleaned):
    """Are folders, control and direction characters dropped, and the real type's extension
    added where the name hides it?"""
    assert uploads.clean_filename(name, kind) == cleaned


@pytest.fixture
def client(app):
    """A browser that asks for English pages (the texts the tests read)."""
    return english(app.test_client())


def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def upload(client, slug, dossier_id, data, name="aanvraag.pdf", kind="request", **fields):
    """Post the upload form, encoded in memory (the test client would spool a large body to a
    temporary file that nobody closes when the app refuses it unread)."""
    form = {"file": FileStorage(io.BytesIO(data), name), "kind": kind, **fields}
    boundary, body = encode_multipart(form)
    return client.post(
        f"/o/{slug}/dossiers/{dossier_id}/documents",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def document_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(DossierDocument.id)))


def only_document(app) -> DossierDocument:
    with app.app_context():
        return db.session.scalars(select(DossierDocument)).one()


def page_of(client, world):
    return client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}").text


def test_a_board_member_uploads_a_document_and_gets_the_same_bytes_back(
    app, client, world, upload_folder
):
    """Does a board member's PDF come back byte for byte, as a download with safe headers?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, PDF, kind="request")
    assert response.status_code == 302
    page = page_of(client, world)
    assert "aanvraag.pdf" in page and "Request for advice" in page and world.a.board in page
    document = only_document(app)
    [stored] = stored_files(upload_folder)
    assert stored.parent == upload_folder / str(world.a.id)
    assert re.fullmatch(r"[0-9a-f]{32}", stored.name) and stored.read_bytes() == PDF

    download = client.get(
        f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/documents/{document.id}", buffered=True
    )
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename=aanvraag.pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download.headers["Cache-Control"]
    assert "sandbox" in download.headers["Content-Security-Policy"]


@pytest.mark.parametrize(("data", "name"), [(EXE, "aanvraag.pdf"), (HTML, "brief.html")])
def test_a_program_or_web_page_is_refused_whatever_its_name(
    app, client, world, upload_folder, data, name
):
    """Is an .exe renamed to .pdf, or an HTML file, refused with a message and nothing kept?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, data, name)
    assert response.status_code == 400
    assert "This kind of file cannot be added" in response.text
    assert 'aria-invalid="true"' in response.text
    assert document_count(app) == 0 and stored_files(upload_folder) == []


def test_a_document_over_the_limit_is_refused_next_to_the_field(app_with, world, upload_folder):
    """Is a file over MAX_DOCUMENT_BYTES refused on the dossier page, nothing stored?"""
    app = app_with(MAX_DOCUMENT_BYTES=1024 * 1024)
    client = english(app.test_client())
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, PDF + bytes(1024 * 1024))
    assert response.status_code == 400 and "larger than 1 MB" in response.text
    assert document_count(app) == 0 and stored_files(upload_folder) == []


def test_a_request_far_over_the_limit_gets_a_clear_page(app_with, world, upload_folder):
    """Does a body far over the limit get the dossier page saying why (413), not a crash?"""
    app = app_with(MAX_DOCUMENT_BYTES=1024 * 1024)
    client = english(app.test_client())
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, PDF + bytes(3 * 1024 * 1024))
    assert response.status_code == 413
    assert "larger than 1 MB" in response.text and "Traceback" not in response.text
    assert document_count(app) == 0 and stored_files(upload_folder) == []


@pytest.mark.slow
def test_a_document_over_the_general_request_limit_passes_with_csrf_on(app_with, world):
    """Does a 3 MB scan (over MAX_CONTENT_LENGTH) get through, with CSRF protection on?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    client = english(app.test_client())
    token = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
    login_token = token.search(client.get("/login").text).group(1)
    client.post(
        "/login",
        data={"email": world.a.board, "password": factories.PASSWORD, "csrf_token": login_token},
    )
    data = PDF + bytes(3 * 1024 * 1024)
    assert len(data) > app.config["MAX_CONTENT_LENGTH"]
    csrf_token = token.search(page_of(client, world)).group(1)
    response = upload(client, world.a.slug, world.a.dossier_id, data, csrf_token=csrf_token)
    assert response.status_code == 302
    assert only_document(app).size == len(data)


@pytest.fixture
def their_document(app, world):
    """A document on organisation B's dossier."""
    with app.app_context():
        dossier = db.session.get(Dossier, world.b.dossier_id)
        document = documents.add_document(dossier, "geheim.pdf", PDF, DocumentKind.OTHER)
        db.session.commit()
        return document.id


def test_another_organisation_cannot_reach_our_documents(
    app, client, world, their_document, upload_folder
):
    """Does A's board get 404 for B's document, and fail to add to or remove from B's dossier?"""
    login(client, world.a.board)
    base = f"/o/{world.b.slug}/dossiers/{world.b.dossier_id}/documents"
    assert client.get(f"{base}/{their_document}").status_code == 404
    assert upload(client, world.b.slug, world.b.dossier_id, PDF).status_code == 404
    assert client.post(f"{base}/{their_document}/remove").status_code == 404
    # Nor through their own organisation's address with B's ids.
    own = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/documents/{their_document}"
    assert client.get(own).status_code == 404
    assert client.post(f"{own}/remove").status_code == 404
    assert document_count(app) == 1 and len(stored_files(upload_folder)) == 1


def test_a_viewer_can_download_but_not_add_or_remove(app, client, world, upload_folder):
    """May a viewer download a document, and is adding or removing one refused (403)?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        document_id = documents.add_document(dossier, "a.pdf", PDF, DocumentKind.ADVICE).id
        db.session.commit()
    login(client, world.a.viewer)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/documents/{document_id}"
    assert client.get(url, buffered=True).data == PDF
    assert "Add a document" not in page_of(client, world)
    assert upload(client, world.a.slug, world.a.dossier_id, PDF).status_code == 403
    assert client.post(f"{url}/remove").status_code == 403
    assert document_count(app) == 1 and len(stored_files(upload_folder)) == 1


def test_a_path_in_the_file_name_stays_a_name(app, client, world, upload_folder, tmp_path):
    """Is "../../etc/passwd.pdf" stored under a random name in the organisation's folder?"""
    login(client, world.a.board)
    upload(client, world.a.slug, world.a.dossier_id, PDF, "../../etc/passwd.pdf")
    [stored] = stored_files(upload_folder)
    assert stored.parent == upload_folder / str(world.a.id) and "passwd" not in stored.name
    assert not (tmp_path / "etc").exists()
    assert only_document(app).filename == "passwd.pdf"


def test_a_unicode_file_name_downloads_under_its_own_name(app, client, world):
    """Does "Reactie café – ‘Zonnehof’.pdf" come back with an RFC 6266 filename* header?"""
    login(client, world.a.board)
    name = "Reactie café – ‘Zonnehof’.pdf"
    upload(client, world.a.slug, world.a.dossier_id, PDF, name)
    document = only_document(app)
    response = client.get(
        f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/documents/{document.id}", buffered=True
    )
    disposition = response.headers["Content-Disposition"]
    assert disposition.isascii() and disposition.startswith("attachment;")
    _value, options = parse_options_header(disposition)
    assert options["filename"] == name  # werkzeug reads filename* first, as browsers do
    assert "filename=" in disposition.replace("filename*=", "")  # a fallback for old clients


def test_markup_in_a_file_name_is_shown_as_text(app, client, world):
    """Is a file named like an HTML tag shown escaped in the list and the timeline?"""
    login(client, world.a.board)
    upload(client, world.a.slug, world.a.dossier_id, PDF, "<img src=x onerror=alert(1)>.pdf")
    page = page_of(client, world)
    assert "<img src=x" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;.pdf") >= 2


def test_an_unwritable_upload_folder_gives_a_clear_message_and_no_row(app_with, world, tmp_path):
    """When the file cannot be written, does the board see why, with no document kept and the
    rest of the app still working?"""
    (tmp_path / "file.txt").write_text("a file, not a folder")
    app = app_with(UPLOAD_FOLDER=str(tmp_path / "file.txt" / "sub"))
    client = english(app.test_client())
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, PDF)
    assert response.status_code == 400
    assert "The file could not be stored. Please try again later" in response.text
    assert document_count(app) == 0
    with app.app_context():
        actions = db.session.scalars(select(DossierEvent.action)).all()
    assert "document_added" not in actions
    assert client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}").status_code == 200
    assert client.get(f"/o/{world.a.slug}/dossiers/").status_code == 200


def test_a_full_disk_leaves_no_half_file_and_no_row(app, client, world, upload_folder, monkeypatch):
    """When the disk fills up while the file is written, does the board see why, with no
    partial file and no document left behind, and can it add the file once there is room?"""

    def disk_full(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(uploads.os, "fsync", disk_full)
    english(client)
    login(client, world.a.board)
    response = upload(client, world.a.slug, world.a.dossier_id, PDF)
    assert response.status_code == 400
    assert "The file could not be stored. Please try again later" in response.text
    assert document_count(app) == 0
    assert not [path for path in upload_folder.rglob("*") if path.is_file()]
    monkeypatch.undo()
    assert upload(client, world.a.slug, world.a.dossier_id, PDF).status_code == 302
    assert document_count(app) == 1


def test_removing_a_document_deletes_its_file_and_the_timeline_keeps_it(
    app, client, world, upload_folder
):
    """Is the file gone from disk after removal, with its addition and removal on the timeline?"""
    login(client, world.a.board)
    upload(client, world.a.slug, world.a.dossier_id, PDF, "advies.pdf", kind="advice")
    document = only_document(app)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/documents/{document.id}"
    assert client.post(f"{url}/remove").status_code == 302
    assert stored_files(upload_folder) == [] and document_count(app) == 0
    assert client.get(url).status_code == 404
    timeline = page_of(client, world).split('<h2 id="timeline">')[1]
    assert "removed a document: “advies.pdf”" in timeline
    assert "added a document: “advies.pdf”" in timeline


def test_a_removal_that_is_rolled_back_keeps_the_file(ctx, upload_folder):
    """If the removal is not committed, does the file stay on disk with its row?"""
    dossier = factories.dossier(factories.organisation())
    document = documents.add_document(dossier, "a.pdf", PDF, DocumentKind.OTHER)
    db.session.commit()
    documents.remove_document(document)
    db.session.rollback()
    assert documents.path_of(document).read_bytes() == PDF
    documents.remove_document(document)
    db.session.commit()
    assert stored_files(upload_folder) == []
