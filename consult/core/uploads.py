"""Uploaded files: room in the request for them, their type judged by their content (never by
their name), and their storage outside the web root, in a folder per organisation.
"""

import io
import os
import secrets
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import olefile
from flask import current_app, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import event

from consult.core import office
from consult.core.errors import DomainError
from consult.extensions import db

#: Room for the rest of an upload form around the file itself.
FORM_OVERHEAD = 64 * 1024


def allow_upload(max_bytes: int) -> None:
    """Let this request carry a file of ``max_bytes``. Call it before any before_request
    (CSRF) reads the form, or the general MAX_CONTENT_LENGTH refuses the upload first."""
    request.max_content_length = max_bytes + FORM_OVERHEAD


@dataclass(frozen=True)
class FileType:
    content_type: str
    #: What the name may end in; the first is added to a name that ends in none of them.
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", ("pdf",))
PNG = FileType("image/png", ("png",))
JPEG = FileType("image/jpeg", ("jpg", "jpeg"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)
)
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)
)
ODT = FileType("application/vnd.oasis.opendocument.text", ("odt",))
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", ("ods",))
ODP = FileType("application/vnd.oasis.opendocument.presentation", ("odp",))
HEIC = FileType("image/heic", ("heic",))
DOC = FileType("application/msword", ("doc",))
XLS = FileType("application/vnd.ms-excel", ("xls",))

#: The first bytes of a file, and its type; zip and OLE files are looked into.
SIGNATURES = {b"%PDF-": PDF, b"\x89PNG\r\n\x1a\n": PNG, b"\xff\xd8\xff": JPEG}
ZIP_START = b"PK\x03\x04"
OLE_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: An ISO media file (HEIF) says what it holds in its "ftyp" box, at byte 4: these brands
#: are the still images of phone cameras (HEIC).
HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1")
#: Office Open XML by the type of the main part (see consult.core.office). Macro-enabled
#: files (docm, xlsm) and templates declare other types, so they are not accepted.
OOXML_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
#: OpenDocument by its "mimetype" entry.
ODF_TYPES = {kind.content_type: kind for kind in (ODT, ODS, ODP)}
#: Word and Excel 97-2003 by their main stream; such files holding macros are not accepted.
OLE_STREAMS = {"WordDocument": DOC, "Workbook": XLS, "Book": XLS}
OLE_MACROS = ("Macros", "_VBA_PROJECT_CUR")


def sniff(data: bytes) -> FileType | None:
    """The type of a file by its content; None when it is none of the types above.

    :raises office.MacrosRefused: for an office file with macros or scripts.
    :raises office.ArchiveRefused: for a zip that unpacks out of proportion to its size.
    """
    for start, kind in SIGNATURES.items():
        if data.startswith(start):
            return kind
    if data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS:
        return HEIC
    if data.startswith(ZIP_START):
        return _zip_type(data)
    if data.startswith(OLE_START):
        return _ole_type(data)
    return None


def _zip_type(data: bytes) -> FileType | None:
    try:
        kind = office.zip_content_type(data, OOXML_TYPES, ODF_TYPES)
    except DomainError:
        raise
    except Exception:  # a damaged or crafted archive fails in many ways: not accepted
        return None
    if kind in OOXML_TYPES.values() and _macros_found(data):
        raise office.MacrosRefused()
    return kind


def _ole_type(data: bytes) -> FileType | None:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if any(ole.exists(name) for name in OLE_MACROS):
                raise office.MacrosRefused()
            kind = next((kind for name, kind in OLE_STREAMS.items() if ole.exists(name)), None)
    except DomainError:
        raise
    except Exception:  # as for zip files: damaged means not accepted
        return None
    if kind and _macros_found(data):
        raise office.MacrosRefused()
    return kind


def _macros_found(data: bytes) -> bool:
    """What oletools finds (VBA anywhere, XLM macro sheets); a file it cannot read counts."""
    try:
        return office.has_macros(data)
    except Exception:  # noqa: BLE001 - oletools raises many kinds for odd files
        return True


def plain_name(name: str | None) -> str:
    """An uploaded file's name without folders and without control or direction characters
    (a NUL among them, which PostgreSQL cannot store)."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return "".join(c for c in name if not unicodedata.category(c).startswith("C"))


def clean_filename(name: str | None, kind: FileType, fallback: str = "document") -> str:
    """The name to show and offer on download: no folders, no control or direction characters,
    at most 200 characters, ending in an extension of its real type ("x.exe" -> "x.exe.pdf").
    """
    name = plain_name(name).strip(" .") or fallback
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() not in kind.extensions:
        stem, extension = name, kind.extensions[0]
    return f"{stem[: 199 - len(extension)]}.{extension}"


class StorageError(DomainError):
    """The upload folder could not be written: full, missing or not allowed."""

    def __init__(self):
        super().__init__(
            _l("The file could not be stored. Please try again later, or tell your administrator.")
        )


def new_name() -> str:
    """A random name for a stored file; the user's name never reaches the disk."""
    return secrets.token_hex(16)


def path_of(organisation_id: int, stored_name: str) -> Path:
    """Where a stored file is: UPLOAD_FOLDER/<organisation id>/<random name>."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / str(organisation_id) / stored_name


#: The times a file gets when its times must say nothing (2000-01-01 00:00 UTC).
FIXED_FILE_TIME = 946_684_800


def store(path: Path, data: bytes, fixed_time: bool = False) -> None:
    """Write a new file (never over another one), readable only by the app.

    :param fixed_time: give the file the same fixed times as every such file (an anonymous
        answer's), so its times cannot pair it with a respondent's visit.
    :raises StorageError: when the folder cannot be made or the file not written in full.
    """
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # a full disk shows here, before the row is committed
        if fixed_time:
            os.utime(path, (FIXED_FILE_TIME, FIXED_FILE_TIME))
    except OSError as error:
        with suppress(OSError):
            path.unlink()
        current_app.logger.error("Could not store an upload in %s: %s", path.parent, error)
        raise StorageError() from error


@dataclass(frozen=True)
class Accepted:
    """What an upload may be: its types (judged by content) and its largest size, with the
    messages that say so."""

    types: tuple[FileType, ...]
    max_bytes: Callable[[], int]
    too_large: Callable[[], str]
    refused: Callable[[], str]

    def check(self, data: bytes) -> FileType:
        """:raises DomainError: when ``data`` is too large or of a type not accepted."""
        if len(data) > self.max_bytes():
            raise DomainError(self.too_large())
        file_type = sniff(data)
        if file_type not in self.types:
            raise DomainError(self.refused())
        return file_type


@dataclass(frozen=True)
class StoredUpload:
    """A file as stored: its type, random name and size."""

    file_type: FileType
    stored_name: str
    size: int


def store_upload(
    organisation_id: int,
    data: bytes,
    accepted: Accepted,
    make_row: Callable[[StoredUpload], object] | None = None,
    fixed_time: bool = False,
):
    """Check an upload by its content and keep it under a random name in the organisation's
    folder: the one way every upload (dossier documents, meeting papers, photos) is stored.

    :param make_row: makes the row that records the file; it is added and flushed before the
        file is written, so a refused row leaves no file and a failed write no row.
    :param fixed_time: see ``store``.
    :returns: the row made, or the ``StoredUpload`` without ``make_row``.
    :raises DomainError: see ``Accepted.check``; ``StorageError`` when it cannot be written.
    """
    upload = StoredUpload(accepted.check(data), new_name(), len(data))
    row = make_row(upload) if make_row else upload
    if make_row:
        db.session.add(row)
        db.session.flush()
    store(path_of(organisation_id, upload.stored_name), data, fixed_time)
    return row


#: Files to remove once the transaction that dropped their rows is committed.
PENDING_KEY = "files_to_discard"


def discard_after_commit(path: Path) -> None:
    """Remove the file when the current transaction commits; a rollback keeps it."""
    db.session.info.setdefault(PENDING_KEY, []).append(path)


@event.listens_for(db.session, "after_commit")
def _discard_pending(session):
    if session.in_nested_transaction():  # a savepoint: wait for the real commit
        return
    for path in session.info.pop(PENDING_KEY, []):
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            current_app.logger.error("Could not remove %s: %s", path, error)


@event.listens_for(db.session, "after_soft_rollback")
def _keep_pending(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(PENDING_KEY, None)
