"""Entering paper questionnaires: one form per paper, keyboard only, then the next one."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.invitations import paper
from consult.mail.outbox import external_url
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel.services import dimensions_of
from consult.surveys import bp, flow, holding, printing, services
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Channel, Response
from consult.surveys.paper_forms import paper_form
from consult.surveys.paper_pdf import download, questionnaire_pdf


def _paper_count(consultation) -> int:
    return db.session.scalar(
        select(func.count(Response.id)).where(
            Response.consultation_id == consultation.id, Response.channel == Channel.PAPER
        )
    )


def _saved_and_held() -> str:
    return _(
        "Paper form saved. Answers to an anonymous consultation are counted in the results"
        " with others, %(n)d at a time, so the count below goes up in steps.",
        n=current_app.config["MIN_GROUP_SIZE"],
    )


@bp.route("/<int:consultation_id>/paper", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def enter_paper(consultation_id):
    """Type in one paper questionnaire; after saving, the form is empty for the next."""
    consultation = scoped_or_404(Consultation, consultation_id)
    questions = services.questions_with_options(consultation)
    form = paper_form(questions, dimensions_of(g.organisation))
    if form.validate_on_submit() and form.check(required=False):
        code_errors = form.personal_code.errors if form.personal_code.data else None
        with saving(code_errors) as saved:
            if form.personal_code.data:  # a personal form: that member's one response
                paper.enter_personal_paper(
                    consultation,
                    form.personal_code.data,
                    form.answers(),
                    form.segments(),
                    actor=current_user,
                )
            else:
                services.enter_paper_form(
                    consultation, form.answers(), form.segments(), actor=current_user
                )
        if saved and holding.holds(consultation):
            flash(_saved_and_held(), "info")
        elif saved:
            flash(
                _("Paper form saved: %(n)d entered so far.", n=_paper_count(consultation)), "info"
            )
            return redirect(url_for("surveys.enter_paper", consultation_id=consultation.id))
    return render_template(
        "surveys/paper.html",
        consultation=consultation,
        form=form,
        entered=_paper_count(consultation),
        numbers=flow.numbers(questions),
    )


@bp.route("/<int:consultation_id>/questionnaire.pdf")
@organisation_required(Action.VIEW)
def questionnaire(consultation_id):
    """The blank questionnaire to print (``?size=large``: large print), with the open link's
    QR code when the consultation has an open link."""
    consultation = scoped_or_404(Consultation, consultation_id)
    link = ""
    if consultation.open_link_mode and consultation.open_link_key:
        link = external_url("open.respond", key=consultation.open_link_key)
    printed = printing.questionnaire_of(consultation, link)
    large = request.args.get("size") == "large"
    content = questionnaire_pdf(printed, large, g.organisation.logo)
    return download(content, "questionnaire", consultation)
