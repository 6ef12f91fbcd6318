"""Letters for the members who get post (board), and the page where a letter's code is typed
(tenant)."""

from flask import Response, abort, redirect, render_template, url_for

from consult.core.limits import link_guesses
from consult.core.policy import Action
from consult.invitations import bp, codes_bp, letters, links
from consult.invitations.forms import CodeForm
from consult.invitations.links import LinkState
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys.models.consultations import Consultation


@bp.route("/<int:consultation_id>/letters/<any(invitation, reminder):kind>-<int:batch>.pdf")
@organisation_required(Action.EDIT)
def letters_pdf(consultation_id, kind, batch):
    """One print batch of the invitation or reminder letters, as a PDF to print and post."""
    consultation = scoped_or_404(Consultation, consultation_id)
    data = letters.letters_pdf(consultation, batch, reminder=kind == "reminder")
    if data is None:
        abort(404)
    name = f"{kind}-letters-{consultation.id}-{batch}.pdf"
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


#: A used code says so (410); an unknown, mistyped or expired one gets one answer (404).
CODE_STATUS = {LinkState.USED: 410, LinkState.OPEN: 200, LinkState.NOT_YET_OPEN: 200}


@codes_bp.route("/c", methods=["GET", "POST"])
@link_guesses
def enter():
    """Type the short code from a letter; a working one continues as its personal link."""
    form = CodeForm()
    state = None
    if form.validate_on_submit():
        invitation = links.find_by_code(form.code.data)
        state = links.link_state(invitation)
        if state in (LinkState.OPEN, LinkState.SENT):  # sent: to see or change the answers
            return redirect(url_for("answer.respond", token=links.token_of(invitation)))
        if state == LinkState.CLOSED:  # expired: exactly the answer of an unknown code
            state = LinkState.INVALID
    page = render_template("invitations/code.html", form=form, state=state)
    return page, CODE_STATUS.get(state, 404 if state else 200)
