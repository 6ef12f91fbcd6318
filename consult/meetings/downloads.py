"""Serving a paper's file: for the board's and the landlord's pages alike."""

from flask import abort, current_app, send_file

from consult.dossiers.documents.views import DOWNLOAD_POLICY
from consult.meetings.papers import path_of


def send_paper(paper):
    """The file as a download under its cleaned name; 404 when the file is missing."""
    path = path_of(paper)
    if not path.is_file():
        current_app.logger.error("%s: the file %s is missing", paper, path)
        abort(404)
    response = send_file(
        path, mimetype=paper.content_type, as_attachment=True, download_name=paper.filename
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    response.headers["Cache-Control"] = "private, no-store"
    return response
