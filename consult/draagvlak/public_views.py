"""The voting page of an address, reached by the one-time link mailed to its tenant."""

from flask import abort, redirect, render_template, url_for

from consult.core.clock import today
from consult.core.limits import link_guesses, link_limits
from consult.draagvlak import public_bp, services, voting
from consult.draagvlak.forms import CodeForm, VoteForm
from consult.draagvlak.views import send_proposal
from consult.draagvlak.voting import VoteOutcome
from consult.extensions import db

#: What the tenant reads when the vote was not counted, and the status the page answers with.
REFUSALS = {
    VoteOutcome.ALREADY_VOTED: 410,
    VoteOutcome.NOT_OPEN: 403,
}


def _address_or_404(token: str):
    address = voting.address_by_token(token)
    if address is None:
        abort(404)
    return address


def _page(address, form, outcome=None, status=200):
    if outcome is None and address.voted_on is not None:
        outcome, status = VoteOutcome.ALREADY_VOTED, 410
    meting = address.meting
    return render_template(
        "draagvlak/vote.html",
        address=address,
        meting=meting,
        association=meting.organisation,
        state=meting.state_on(today()),
        form=form,
        outcome=outcome,
    ), status


@public_bp.route("/code", methods=["GET", "POST"])
@link_guesses
def enter_code():
    """Type the code from the letter to an address; a known one continues as its link. An
    unknown or mistyped code gets one answer (404), so the page tells a guesser nothing."""
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("draagvlak/code.html", form=form, unknown=False)
    address = voting.address_by_code(form.code.data)
    if address is None:
        return render_template("draagvlak/code.html", form=form, unknown=True), 404
    return redirect(url_for(".ballot", token=services.link_of(address)))


@public_bp.route("/<token>", methods=["GET", "POST"])
@link_limits()
def ballot(token):
    """The question, the proposal and the vote of one address; the first vote counts."""
    address = _address_or_404(token)
    form = VoteForm()
    if not form.validate_on_submit():
        return _page(address, form, status=400 if form.is_submitted() else 200)
    outcome = voting.cast(address, form.choice.data == "agree")
    if outcome != VoteOutcome.COUNTED:
        db.session.rollback()
        return _page(_address_or_404(token), form, outcome, REFUSALS[outcome])
    db.session.commit()
    return render_template(
        "draagvlak/voted.html", meting=address.meting, association=address.meting.organisation
    )


@public_bp.route("/<token>/proposal")
@link_limits()
def proposal(token):
    """The landlord's proposal, for the tenant of an address concerned."""
    return send_proposal(_address_or_404(token).meting)
