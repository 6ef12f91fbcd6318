"""Printing a member's personal paper questionnaire."""

from flask import flash, g, redirect, request, url_for

from consult.core.errors import DomainError
from consult.core.policy import Action
from consult.invitations import bp, paper
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys.models.consultations import Consultation
from consult.surveys.paper_pdf import download, questionnaire_pdf


@bp.route("/<int:consultation_id>/questionnaire/personal")
@organisation_required(Action.EDIT)
def personal_questionnaire(consultation_id):
    """The paper questionnaire for the member in ``?member=`` with their own link as QR code
    (``?size=large``: large print)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    try:
        printed = paper.personal_questionnaire(consultation, request.args.get("member", type=int))
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("surveys.detail", consultation_id=consultation.id) + "#paper")
    large = request.args.get("size") == "large"
    content = questionnaire_pdf(printed, large, g.organisation.logo)
    return download(content, "questionnaire", consultation)
