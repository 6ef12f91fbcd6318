"""Serving a paper's file and a meeting's calendar file: for the board's and the landlord's
pages alike."""

from flask import abort, current_app, make_response, send_file

from consult.dossiers.documents.views import DOWNLOAD_POLICY
from consult.mail.outbox import external_url
from consult.meetings.ics import meeting_calendar
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


def send_calendar(meeting, endpoint: str):
    """The meeting as an .ics download, linking back to ``endpoint``'s page of it."""
    link = external_url(endpoint, org=meeting.organisation.slug, meeting_id=meeting.id)
    response = make_response(meeting_calendar(meeting, link))
    response.mimetype = "text/calendar"
    response.headers["Content-Disposition"] = f'attachment; filename="meeting-{meeting.id}.ics"'
    return response
