"""The photos tenants sent with their answers: for the board only (never the public feedback,
the exports or viewers)."""

from flask import abort, render_template, send_file

from consult.core.policy import Action
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys import bp, photos
from consult.surveys.models.consultations import Consultation

#: A photo is shown as an image and can run nothing, whatever it holds.
PHOTO_POLICY = "default-src 'none'; sandbox"


@bp.route("/<int:consultation_id>/photos")
@organisation_required(Action.EDIT)
def photos_page(consultation_id):
    """Every photo sent to the consultation, per question (board only)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    return render_template(
        "surveys/photos.html",
        consultation=consultation,
        photos=photos.photo_answers(consultation),
    )


@bp.route("/<int:consultation_id>/photos/<int:answer_id>")
@organisation_required(Action.EDIT)
def photo(consultation_id, answer_id):
    """One photo, stripped of its metadata on upload (board only); 404 for another
    consultation's answer or a missing file."""
    consultation = scoped_or_404(Consultation, consultation_id)
    path = photos.stored_photo(consultation, answer_id)
    if path is None or not path.is_file():
        abort(404)
    kind = photos.kind_of(path)
    name = f"foto.{kind.extensions[0]}"
    response = send_file(path, mimetype=kind.content_type, download_name=name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = PHOTO_POLICY
    response.headers["Cache-Control"] = "private, no-store"
    return response
