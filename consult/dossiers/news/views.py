"""News on a dossier: the board's page to post updates, and their documents for readers."""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.core.uploads import allow_upload
from consult.dossiers import bp, feedback_bp
from consult.dossiers.documents.views import send_document
from consult.dossiers.feedback import services as feedback
from consult.dossiers.models import FEEDBACK_VISIBILITY_LABELS, Dossier, FeedbackVisibility
from consult.dossiers.news import services as news
from consult.dossiers.news.forms import NewsForm
from consult.organisations.access import organisation_required, scoped_or_404


@bp.url_value_preprocessor
def allow_a_news_document(endpoint, values):
    """An update may carry a document as large as any dossier document."""
    if endpoint == "dossiers.post_news":
        allow_upload(current_app.config["MAX_DOCUMENT_BYTES"])


def _news_page(dossier, form, status=200):
    page = render_template(
        "dossiers/news/board.html",
        dossier=dossier,
        news=news.news_of(dossier),
        form=form,
        visibility=FEEDBACK_VISIBILITY_LABELS[FeedbackVisibility(dossier.feedback_visibility)],
        may_edit=g.role in EDITORS,
    )
    return page, status


@bp.route("/<int:dossier_id>/news")
@organisation_required(Action.VIEW)
def news_page(dossier_id):
    """The dossier's dated updates, with the form to post one."""
    return _news_page(scoped_or_404(Dossier, dossier_id), NewsForm(formdata=None))


@bp.route("/<int:dossier_id>/news", methods=["POST"])
@organisation_required(Action.EDIT)
def post_news(dossier_id):
    """Post an update (with a document if given), and mail it to participants if asked."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = NewsForm()
    if form.validate_on_submit():
        upload = form.file.data
        limit = current_app.config["MAX_DOCUMENT_BYTES"] + 1
        document = (upload.filename, upload.read(limit)) if upload and upload.filename else None
        with saving(form.form_errors) as saved:
            posted = news.post_news(
                dossier,
                form.title.data,
                form.body.data,
                form.published_on.data,
                document,
                current_user,
            )
            mailed = news.mail_news(posted, current_user) if form.mail.data else None
        if saved:
            flash(_("The update is posted."), "info")
            if mailed is not None:
                flash(ngettext("It goes to %(num)d member.", "It goes to %(num)d members.", mailed))
            return redirect(url_for("dossiers.news_page", dossier_id=dossier.id))
    return _news_page(dossier, form, 400)


@feedback_bp.route("/terugkoppeling/<key>/nieuws/<int:news_id>")
def news_document(key, news_id):
    """The document of an update, for whoever may read the dossier's feedback page."""
    dossier = feedback.shared_dossier(key)
    update = news.shown_news(dossier, news_id) if dossier else None
    if update is None or update.document is None:
        abort(404)
    return send_document(update.document)
