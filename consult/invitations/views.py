"""Sending invitations (board) and answering through the link (tenant)."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from consult.core import outbox
from consult.core.errors import DomainError
from consult.core.policy import Action, organisation_required, scoped_or_404
from consult.extensions import db, limiter
from consult.invitations import bp, public_bp, services
from consult.invitations.services import LinkState
from consult.surveys.forms import PublishForm, answer_form
from consult.surveys.models import Consultation
from consult.surveys.services import questions_with_options


@bp.route("/<int:consultation_id>/invite", methods=["POST"])
@organisation_required(Action.EDIT)
def invite(consultation_id):
    """Invite every active panel member who has not been invited yet."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if PublishForm().validate_on_submit():
        try:
            count = services.invite_panel(consultation, actor=current_user)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            outbox.deliver_pending()
            flash(
                ngettext("%(num)d invitation was sent.", "%(num)d invitations were sent.", count),
                "info",
            )
    return redirect(url_for("surveys.detail", consultation_id=consultation.id))


def _token_limit() -> str:
    return current_app.config["TOKEN_RATE_LIMIT"]


LINK_STATUS = {LinkState.INVALID: 404, LinkState.USED: 410, LinkState.CLOSED: 410}


@public_bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit(_token_limit)
def respond(token):
    """The tenant's questionnaire behind a personal link; opening it spends nothing."""
    invitation = services.find_by_token(token)
    state = services.link_state(invitation)
    if state != LinkState.OPEN:
        return _unavailable(state)
    consultation = invitation.consultation
    form = answer_form(questions_with_options(consultation))
    if form.validate_on_submit():
        try:
            services.submit(invitation, form.answers())
        except DomainError as error:
            db.session.rollback()
            state = services.link_state(services.find_by_token(token))
            if state != LinkState.OPEN:  # e.g. sent from another tab a moment ago
                return _unavailable(state)
            flash(str(error.message), "error")
        else:
            db.session.commit()
            return redirect(url_for("answer.thanks", token=token))
    return render_template("invitations/respond.html", consultation=consultation, form=form)


def _unavailable(state: LinkState):
    return render_template("invitations/unavailable.html", state=state), LINK_STATUS.get(state, 200)


@public_bp.route("/<token>/thanks")
@limiter.limit(_token_limit)
def thanks(token):
    """Confirmation after submitting."""
    invitation = services.find_by_token(token)
    if invitation is None or invitation.used_on is None:
        return _unavailable(LinkState.INVALID)
    return render_template("invitations/thanks.html", consultation=invitation.consultation)
