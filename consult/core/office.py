"""Office files looked into: the type from the main part, no macros, no zip bombs.

What it keeps: an OOXML file's type is the content type of the part that ``_rels/.rels``
names as the office document, never whatever [Content_Types].xml mentions first (a decoy
override); an OpenDocument file's type is its ``mimetype`` entry. A file holding a VBA project,
Basic or script parts, an XLM macro sheet or a script link is refused whatever its type says.
A zip is judged by the sizes its central directory declares before any entry is read; the
entries are then read through ``zipfile``, which stops at the declared size, so an archive
that lies about its sizes cannot unpack further than it declared. Settings:
``UPLOAD_MAX_UNPACKED_BYTES`` and ``UPLOAD_MAX_COMPRESSION_RATIO`` (docs/configuration.md).
"""

import io
import posixpath
import re
import warnings
import zipfile
from xml.etree import ElementTree

from flask import current_app
from flask_babel import lazy_gettext as _l

from consult.core.errors import DomainError

#: As much of an entry as is read to recognise the file (the XML that names its parts).
ENTRY_READ_LIMIT = 256 * 1024
#: Below this many unpacked bytes the ratio is not judged: small files may pack very well.
RATIO_FROM_BYTES = 1024 * 1024
OFFICE_DOCUMENT = "/officeDocument"
#: Parts (lower case) that hold macros or scripts: VBA projects, XLM macro sheets (OOXML),
#: Basic and script folders (OpenDocument).
MACRO_PARTS = re.compile(
    r"(^|/)(vbaproject\.bin|vbaprojectsignature\w*\.bin|vbadata\.xml)$"
    r"|(^|/)(macrosheets|intlmacrosheets)/|^(basic|scripts)/"
)
#: Content types (lower case) that mark macros, in [Content_Types].xml or an ODF manifest.
MACRO_TYPES = re.compile(r"macroenabled|vbaproject|macrosheet|vbadata|basic|script")
#: A link from a document's events or buttons to a macro or script (OpenDocument).
SCRIPT_LINK = re.compile(rb"vnd\.sun\.star\.script:|script:event-listener|macro:///", re.I)
ODF_XML_PARTS = ("content.xml", "styles.xml", "META-INF/manifest.xml")


class MacrosRefused(DomainError):
    """The file holds macros or scripts."""

    def __init__(self):
        super().__init__(
            _l(
                "This file contains macros or scripts, which are not accepted: they can run"
                " programs on the computer of whoever opens the file. Save it without macros"
                " (for example as .docx, .xlsx or .odt, or as PDF) and try again."
            )
        )


class ArchiveRefused(DomainError):
    """The file unpacks to far more than its size: a zip bomb or something like it."""

    def __init__(self):
        super().__init__(
            _l(
                "This file unpacks to far more than its own size, as a zip bomb does, and is"
                " not accepted. If it is a real document, save it again or as PDF and try again."
            )
        )


def check_proportions(archive: zipfile.ZipFile, packed_bytes: int) -> None:
    """Refuse an archive whose declared unpacked size is out of proportion, before reading it.

    :raises ArchiveRefused: over UPLOAD_MAX_UNPACKED_BYTES in total, or over
        UPLOAD_MAX_COMPRESSION_RATIO times its packed size (from RATIO_FROM_BYTES unpacked).
    """
    unpacked = sum(info.file_size for info in archive.infolist())
    ratio = current_app.config["UPLOAD_MAX_COMPRESSION_RATIO"]
    if unpacked > current_app.config["UPLOAD_MAX_UNPACKED_BYTES"] or (
        unpacked > RATIO_FROM_BYTES and unpacked > ratio * max(packed_bytes, 1)
    ):
        raise ArchiveRefused()


def zip_content_type(data: bytes, ooxml_types: dict, odf_types: dict):
    """The type of an OOXML or OpenDocument file by its main part; None for another zip.

    :raises ArchiveRefused: see ``check_proportions``.
    :raises MacrosRefused: for a VBA, Basic or script part, an XLM macro sheet or script link.
    :raises zipfile.BadZipFile: and others for a damaged archive (the caller refuses it).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_proportions(archive, len(data))
        names = archive.namelist()
        if any(MACRO_PARTS.search(name.lower()) for name in names):
            raise MacrosRefused()
        if "mimetype" in names:
            _refuse_odf_scripts(archive, names)
            return odf_types.get(_read(archive, "mimetype").decode("ascii", "replace").strip())
        if "[Content_Types].xml" in names and "_rels/.rels" in names:
            return ooxml_types.get(_main_part_type(archive, names))
    return None


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as entry:
        return entry.read(ENTRY_READ_LIMIT)


def _refuse_odf_scripts(archive: zipfile.ZipFile, names: list[str]) -> None:
    for name in ODF_XML_PARTS:
        if name in names:
            text = _read(archive, name)
            if SCRIPT_LINK.search(text) or (
                name.startswith("META-INF") and MACRO_TYPES.search(_media_types(text))
            ):
                raise MacrosRefused()


def _media_types(manifest: bytes) -> str:
    found = re.findall(rb"media-type\s*=\s*[\"']([^\"']*)", manifest)
    return b" ".join(found).decode("ascii", "replace").lower()


def _main_part_type(archive: zipfile.ZipFile, names: list[str]) -> str | None:
    """The content type of the part the package relationships name as the office document."""
    types = ElementTree.fromstring(_read(archive, "[Content_Types].xml"))
    declared = [element.get("ContentType", "").lower() for element in types]
    if any(MACRO_TYPES.search(content_type) for content_type in declared):
        raise MacrosRefused()
    relationships = ElementTree.fromstring(_read(archive, "_rels/.rels"))
    targets = [
        element.get("Target", "")
        for element in relationships
        if element.get("Type", "").endswith(OFFICE_DOCUMENT)
    ]
    if len(targets) != 1:
        return None
    part = posixpath.normpath("/" + targets[0].lstrip("/"))
    if part.lstrip("/") not in names:
        return None
    return _type_of(types, part)


def _type_of(types: ElementTree.Element, part: str) -> str | None:
    """A part's content type: its Override, else the Default for its extension (OPC rules)."""
    extension = part.rsplit(".", 1)[-1].lower()
    overrides, defaults = {}, {}
    for element in types:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "Override":
            overrides[element.get("PartName", "").lower()] = element.get("ContentType")
        elif tag == "Default":
            defaults[element.get("Extension", "").lower()] = element.get("ContentType")
    return overrides.get(part.lower(), defaults.get(extension))


def has_macros(data: bytes) -> bool:
    """Whether an OLE (Word or Excel 97-2003) or OOXML file holds VBA macros or an XLM macro
    sheet, as oletools finds them. Call it after ``check_proportions``: it reads every part.

    olevba looks for XLM only in a workbook whose class id says Excel; Excel opens one by its
    workbook stream whatever the class id, so that stream is always looked into here.
    """
    with warnings.catch_warnings():  # its pyparsing grammar uses names now deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools import olevba

    parser = olevba.VBA_Parser("upload", data=data)
    try:
        if parser.detect_vba_macros() or parser.detect_xlm_macros():
            return True
        return parser.ole_file is not None and _macro_sheets(parser.ole_file, olevba.cBIFF)
    finally:
        parser.close()


def _macro_sheets(ole, biff) -> bool:
    """Whether a workbook stream lists an Excel 4.0 macro sheet (oletools' BIFF plugin)."""
    for name in ("Workbook", "Book"):
        if ole.exists(name):
            stream = ole.openstream(name).read()
            sheets = biff(name=[name], stream=stream, options="-o BOUNDSHEET").Analyze()
            if "Excel 4.0 macro sheet" in "\n".join(sheets):
                return True
    return False
