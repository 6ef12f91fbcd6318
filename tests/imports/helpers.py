"""Uploading a list through the import pages, as a board member does."""

import io
import re

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from consult.extensions import db
from consult.panel.models import PanelImport, PanelMember


def upload(client, slug, data: bytes, filename="huurders.csv", basis_note=None):
    """Post the upload form; returns the response (not followed).

    The body is encoded in memory: the test client would spool a large one to a temporary
    file that nobody closes when the app refuses it unread.
    """
    form = {"file": FileStorage(io.BytesIO(data), filename), "basis": "consent"}
    if basis_note is not None:
        form.update(basis="recorded_basis", basis_note=basis_note)
    boundary, body = encode_multipart(form)
    return client.post(
        f"/o/{slug}/panel/import/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def import_id_of(response) -> int:
    return int(re.search(r"/import/(\d+)/columns", response.headers["Location"]).group(1))


def choose(client, slug, import_id, *targets):
    """Post the columns form: one target per column, in order ("" ignores a column)."""
    data = {f"column_{index}": target for index, target in enumerate(targets)}
    return client.post(f"/o/{slug}/panel/import/{import_id}/columns", data=data)


def commit(client, slug, import_id, skip=None, seen=None):
    data = {} if skip is None else {"skip_problems": "y", "problems_seen": seen}
    return client.post(
        f"/o/{slug}/panel/import/{import_id}/commit", data=data, follow_redirects=True
    )


def member_count(app, org_id) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(PanelMember.id)).where(PanelMember.organisation_id == org_id)
        )


def import_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(PanelImport.id)))
