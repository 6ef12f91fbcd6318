"""Feedback to members: the board shares it and mails it; members and the public read it."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from consult.core.clock import today
from consult.core.policy import Action
from consult.core.saving import saving
from consult.dossiers import bp, feedback_bp, services
from consult.dossiers.advice import services as advice
from consult.dossiers.consent import services as consent
from consult.dossiers.feedback import services as feedback
from consult.dossiers.forms import FeedbackForm
from consult.dossiers.models import Dossier, FeedbackVisibility
from consult.dossiers.news import services as news
from consult.dossiers.views import show_page
from consult.extensions import db
from consult.organisations.access import organisation_required, refuse_if_suspended, scoped_or_404
from consult.organisations.models import Organisation


@bp.route("/<int:dossier_id>/feedback", methods=["POST"])
@organisation_required(Action.EDIT)
def share(dossier_id):
    """Choose who may read the feedback page, and what the board tells them."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = FeedbackForm()
    if not form.validate_on_submit():
        return show_page(dossier, feedback_form=form), 400
    feedback.share(
        dossier, FeedbackVisibility(form.visibility.data), form.summary.data or "", current_user
    )
    db.session.commit()
    flash(_("The feedback was saved."), "info")
    return redirect(url_for("dossiers.show", dossier_id=dossier.id, _anchor="feedback"))


@bp.route("/<int:dossier_id>/feedback/mail", methods=["POST"])
@organisation_required(Action.EDIT)
def mail_feedback(dossier_id):
    """Mail the feedback to every panel member who answered a linked consultation."""
    dossier = scoped_or_404(Dossier, dossier_id)
    with saving() as saved:
        queued = feedback.mail_participants(dossier, current_user)
    if saved:
        flash(
            ngettext(
                "The feedback goes to %(num)d member.",
                "The feedback goes to %(num)d members.",
                queued,
            ),
            "info",
        )
    return redirect(url_for("dossiers.show", dossier_id=dossier.id, _anchor="feedback"))


@feedback_bp.route("/terugkoppeling/<key>")
def page(key):
    """What was asked, what members said, what the board advised, what the landlord decided."""
    dossier = feedback.shared_dossier(key)
    if dossier is None:
        abort(404)
    refuse_if_suspended(dossier.organisation)
    response = make_response(
        render_template(
            "dossiers/feedback.html",
            dossier=dossier,
            association=dossier.organisation,
            evidence=feedback.figures_only(dossier),
            advice_given=dossier.advice_given,
            cited=advice.cited(dossier.points) if dossier.advice_given else {},
            consent_line=consent.told_to_members(dossier),
            news=news.news_of(dossier),
            today=today(),
        )
    )
    if dossier.feedback_visibility == FeedbackVisibility.MEMBERS:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@feedback_bp.route("/h/<slug>/dossiers")
def public_list(slug):
    """The dossiers an organisation shows to everyone, with phase and inspraakmoment."""
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        abort(404)
    refuse_if_suspended(organisation)
    dossiers = feedback.public_dossiers(organisation)
    return render_template(
        "dossiers/public_list.html",
        association=organisation,
        dossiers=dossiers,
        speaking={d.id: services.inspraakmoment(d) for d in dossiers},
        latest_news=news.latest_news(dossiers),
    )
