"""Papers with an agenda item: the upload rules of dossier documents, marked late when added
after the meeting's term for the final agenda and papers."""

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from consult.core import uploads
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers.documents.services import ACCEPTED
from consult.extensions import db
from consult.meetings.models.agenda import AgendaItem, Paper


def add_paper(item: AgendaItem, filename: str, data: bytes, actor) -> Paper:
    """Keep a paper with the agenda item, late when added after the final term.

    :param actor: the account that adds it (its address is kept with the paper).
    :raises DomainError: the rules of dossier documents (``ACCEPTED``); also once the
        meeting was held or cancelled, and ``uploads.StorageError`` when the file cannot be
        written.
    """
    if not item.meeting.agenda_open:
        raise DomainError(_("Papers are added before the meeting."))
    paper = uploads.store_upload(
        item.organisation_id,
        data,
        ACCEPTED,
        lambda upload: Paper(
            organisation_id=item.organisation_id,
            item=item,
            filename=uploads.clean_filename(filename, upload.file_type),
            stored_name=upload.stored_name,
            content_type=upload.file_type.content_type,
            size=upload.size,
            uploaded_by=actor.email,
            added_on=today(),
        ),
    )
    current_app.logger.info("%s added by %s", paper, actor)
    return paper


def path_of(paper: Paper) -> Path:
    return uploads.path_of(paper.organisation_id, paper.stored_name)


def remove_paper(paper: Paper, actor=None) -> None:
    """Remove a paper and, once that is committed, its file."""
    uploads.discard_after_commit(path_of(paper))
    db.session.delete(paper)
    current_app.logger.info("%s removed by %s", paper, actor)
