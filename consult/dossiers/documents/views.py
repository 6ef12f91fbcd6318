"""Documents on a dossier: add, download, remove. The files are served only from here."""

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge

from consult.core.errors import ERROR_MESSAGES
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.core.uploads import allow_upload
from consult.dossiers import bp
from consult.dossiers.documents import services as documents
from consult.dossiers.models import Dossier, DossierDocument
from consult.dossiers.views import new_document_form, show_page
from consult.extensions import db
from consult.organisations.access import organisation_required, role_in, scoped_or_404

#: A document is a download, never a page: if a browser showed it anyway, it runs nothing.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


@bp.url_value_preprocessor
def allow_a_document(endpoint, values):
    """A document may be larger than other requests."""
    if endpoint == "dossiers.upload_document":
        allow_upload(current_app.config["MAX_DOCUMENT_BYTES"])


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the limit: the dossier page again, saying why (the body is never read)."""
    role = role_in(current_user, g.organisation) if g.get("organisation") else None
    dossier_id = (request.view_args or {}).get("dossier_id")
    dossier = Dossier.get_for(g.organisation, dossier_id) if role in EDITORS else None
    if dossier is None or request.endpoint != "dossiers.upload_document":
        return render_template("core/error.html", code=413, message=ERROR_MESSAGES[413]), 413
    g.role = role
    form = new_document_form(formdata=None)
    form.file.errors = [documents.too_large_message()]
    return show_page(dossier, document_form=form), 413


def _to_documents(dossier_id):
    return redirect(url_for("dossiers.show", dossier_id=dossier_id, _anchor="documents"))


@bp.route("/<int:dossier_id>/documents", methods=["POST"])
@organisation_required(Action.EDIT)
def upload_document(dossier_id):
    """Add the landlord's request, the advice or another paper to the dossier."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = new_document_form()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(current_app.config["MAX_DOCUMENT_BYTES"] + 1)
        with saving(form.file.errors) as saved:
            document = documents.add_document(
                dossier, upload.filename, data, form.chosen_kind(), current_user
            )
        if saved:
            flash(_("“%(name)s” was added to the dossier.", name=document.filename), "info")
            return _to_documents(dossier.id)
    return show_page(dossier, document_form=form), 400


def _document_or_404(dossier_id, document_id) -> DossierDocument:
    document = scoped_or_404(DossierDocument, document_id)
    if document.dossier_id != dossier_id:
        abort(404)
    return document


@bp.route("/<int:dossier_id>/documents/<int:document_id>")
@organisation_required(Action.VIEW)
def download_document(dossier_id, document_id):
    """The document's file as a download, under the name it was uploaded with."""
    return send_document(_document_or_404(dossier_id, document_id))


def send_document(document: DossierDocument):
    """The document's file as a download, under the name it was uploaded with; 404 when
    the file is missing."""
    return send_stored(
        documents.path_of(document), document.content_type, document.filename, document
    )


def send_stored(path, content_type: str, download_name: str, owner):
    """A stored upload as a download that a browser never runs; 404 (logged with ``owner``)
    when the file is missing."""
    if not path.is_file():
        current_app.logger.error("%s: the file %s is missing", owner, path)
        abort(404)
    response = send_file(
        path,
        mimetype=content_type,
        as_attachment=True,
        download_name=download_name,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:dossier_id>/documents/<int:document_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_document(dossier_id, document_id):
    """Remove a document and its file; the timeline keeps that it was there."""
    document = _document_or_404(dossier_id, document_id)
    if FlaskForm().validate_on_submit():
        name = document.filename
        documents.remove_document(document, current_user)
        db.session.commit()
        flash(_("“%(name)s” was removed from the dossier.", name=name), "info")
    return _to_documents(dossier_id)
