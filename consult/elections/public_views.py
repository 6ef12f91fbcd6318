"""The voter's pages (the ballot by one-time link or letter code, the candidates' photos) and
the published results of an organisation's elections."""

from flask import abort, redirect, render_template, send_file, url_for
from sqlalchemy import select

from consult.core.clock import today
from consult.core.limits import link_guesses, link_limits
from consult.core.saving import saving
from consult.elections import counting, public_bp, queries, vote_bp, voting
from consult.elections.forms import BallotForm
from consult.elections.models import Candidate, Election, ElectionState
from consult.elections.services import photo_path, token_of
from consult.elections.voting import VoteOutcome
from consult.extensions import db
from consult.invitations.forms import CodeForm
from consult.organisations.models import Organisation

#: The status a ballot page answers with when the vote was not taken.
REFUSALS = {VoteOutcome.ALREADY_VOTED: 410, VoteOutcome.NOT_OPEN: 403}


def send_photo(candidate: Candidate):
    """A candidate's photo as an image; 404 without one."""
    path = photo_path(candidate) if candidate.photo_stored_name else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=candidate.photo_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _voter_or_404(token: str):
    voter = voting.voter_by_token(token)
    if voter is None:
        abort(404)
    return voter


def _page(voter, form, outcome=None, status=200):
    election = voter.election
    if outcome is None and voting.has_voted(voter):
        outcome, status = VoteOutcome.ALREADY_VOTED, 410
    return render_template(
        "elections/ballot.html",
        election=election,
        association=election.organisation,
        state=election.state_on(today()),
        form=form,
        outcome=outcome,
        token=token_of(voter),
        address=voter.address,
    ), status


@vote_bp.route("/<token>", methods=["GET", "POST"])
@link_limits()
def ballot(token):
    """The candidates and the ballot of one voter; one vote, exactly once."""
    voter = _voter_or_404(token)
    form = BallotForm(voter.election)
    if not form.validate_on_submit():
        return _page(voter, form, status=400 if form.is_submitted() else 200)
    with saving(form.chosen.errors) as saved:
        outcome = voting.cast(voter, form.chosen.data)
    if not saved:
        return _page(voter, form, status=400)
    if outcome != VoteOutcome.COUNTED:
        return _page(voter, form, outcome, REFUSALS[outcome])
    election = voter.election
    return render_template(
        "elections/voted.html", election=election, association=election.organisation
    )


@vote_bp.route("/<token>/photo/<int:candidate_id>")
@link_limits()
def ballot_photo(token, candidate_id):
    """A candidate's photo on the ballot."""
    voter = _voter_or_404(token)
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None or candidate.election_id != voter.election_id:
        abort(404)
    return send_photo(candidate)


@vote_bp.route("/code", methods=["GET", "POST"])
@link_guesses
def enter_code():
    """Type the code from a voting letter; a working one continues as the voter's link."""
    form = CodeForm()
    unknown = False
    if form.validate_on_submit():
        voter = voting.voter_by_code(form.code.data)
        if voter is not None and voter.election.state_on(today()) != ElectionState.COUNTED:
            return redirect(url_for(".ballot", token=token_of(voter)))
        unknown = True
    page = render_template("elections/code.html", form=form, unknown=unknown)
    return page, 404 if unknown else 200


def _organisation_or_404(slug: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        abort(404)
    return organisation


@public_bp.route("/")
def published(slug):
    """The organisation's elections with a published result."""
    organisation = _organisation_or_404(slug)
    return render_template(
        "elections/published.html",
        association=organisation,
        elections=queries.elections_of(organisation, published_only=True),
    )


@public_bp.route("/<int:election_id>")
def result(slug, election_id):
    """A published result: votes per candidate, blank votes, turnout, quorum, who is
    elected and any draw by lot; 404 until it is published."""
    organisation = _organisation_or_404(slug)
    election = Election.get_for(organisation, election_id)
    if election is None or election.published_at is None:
        abort(404)
    return render_template(
        "elections/result.html",
        association=organisation,
        election=election,
        result=counting.result(election),
    )
