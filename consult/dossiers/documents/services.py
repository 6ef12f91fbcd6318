"""Documents on a dossier: the landlord's request, the advice, the reply and other papers."""

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from consult.core import uploads
from consult.dossiers.models import DocumentKind, Dossier, DossierDocument
from consult.dossiers.services import record_event
from consult.extensions import db

#: The kinds of file a dossier takes.
DOCUMENT_TYPES = (
    uploads.PDF,
    uploads.DOCX,
    uploads.XLSX,
    uploads.PPTX,
    uploads.ODT,
    uploads.ODS,
    uploads.ODP,
    uploads.DOC,
    uploads.XLS,
    uploads.PNG,
    uploads.JPEG,
)


def max_megabytes() -> int:
    return current_app.config["MAX_DOCUMENT_BYTES"] // (1024 * 1024)


def too_large_message() -> str:
    return _(
        "The file is larger than %(size)d MB, the most a document may be. Save it smaller"
        " (a PDF of a scan at a lower resolution, for example).",
        size=max_megabytes(),
    )


def refused_message() -> str:
    return _(
        "This kind of file cannot be added. Add a PDF, a Word, Excel, PowerPoint or"
        " OpenDocument file (without macros), or a PNG or JPEG image."
    )


#: What a dossier document (and a meeting paper) may be.
ACCEPTED = uploads.Accepted(
    DOCUMENT_TYPES,
    lambda: current_app.config["MAX_DOCUMENT_BYTES"],
    too_large_message,
    refused_message,
)


def add_document(
    dossier: Dossier, filename: str, data: bytes, kind: DocumentKind, actor=None
) -> DossierDocument:
    """Keep a paper with the dossier: the file under a random name in the organisation's
    upload folder, its type found from its content.

    :param filename: the name it was uploaded with; only cleaned, shown and offered back.
    :raises DomainError: for a file over MAX_DOCUMENT_BYTES or of a type not accepted;
        ``uploads.StorageError`` (a DomainError) when the file cannot be written.
    """

    def make_row(upload: uploads.StoredUpload) -> DossierDocument:
        name = uploads.clean_filename(filename, upload.file_type)
        event = record_event(dossier, "document_added", actor, filename=name)
        return DossierDocument(
            organisation_id=dossier.organisation_id,
            dossier=dossier,
            kind=kind,
            filename=name,
            stored_name=upload.stored_name,
            content_type=upload.file_type.content_type,
            size=upload.size,
            uploaded_by=event.actor_label,
        )

    document = uploads.store_upload(dossier.organisation_id, data, ACCEPTED, make_row)
    current_app.logger.info("%s added by %s", document, actor)
    return document


def path_of(document: DossierDocument) -> Path:
    return uploads.path_of(document.organisation_id, document.stored_name)


def remove_document(document: DossierDocument, actor=None) -> None:
    """Remove a document and, once that is committed, its file; the timeline keeps its name."""
    record_event(document.dossier, "document_removed", actor, filename=document.filename)
    uploads.discard_after_commit(path_of(document))
    db.session.delete(document)
    current_app.logger.info("%s removed by %s", document, actor)
