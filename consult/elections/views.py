"""The board's pages of elections: set up, candidates, the electorate and its links and
letters, live turnout, the count, publishing, and the ballots for a recount."""

from flask import Response, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.clock import today, utcnow
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.core.uploads import allow_upload
from consult.elections import bp, counting, mailing, queries, services
from consult.elections.forms import CandidateForm, ElectionForm
from consult.elections.models import Candidate, Election
from consult.elections.public_views import send_photo
from consult.elections.voting import turnout
from consult.organisations.access import organisation_required, scoped_or_404


@bp.url_value_preprocessor
def allow_a_photo(endpoint, values):
    """A candidate's photo may be larger than other requests."""
    if endpoint == "elections.add_candidate":
        allow_upload(services.PHOTO_MAX_BYTES)


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The organisation's elections, and a form to set one up."""
    return _index_page(ElectionForm(formdata=None))


def _index_page(form, status=200):
    elections = queries.elections_of(g.organisation)
    return render_template(
        "elections/index.html", elections=elections, form=form, may_edit=g.role in EDITORS
    ), status


@bp.route("/", methods=["POST"])
@organisation_required(Action.EDIT)
def create():
    """Set up an election."""
    form = ElectionForm()
    if form.validate_on_submit():
        with saving(form.closes_on.errors) as saved:
            election = services.create_election(
                g.organisation,
                form.title.data,
                form.seats.data,
                form.opens_on.data,
                form.closes_on.data,
                form.quorum.data,
                form.per_address.data,
                current_user,
            )
        if saved:
            flash(_("The election was set up. Add the candidates."), "info")
            return redirect(url_for("elections.show", election_id=election.id))
    return _index_page(form, 400)


@bp.route("/<int:election_id>")
@organisation_required(Action.VIEW)
def show(election_id):
    """The candidates, the electorate, the live turnout (never a result before the count),
    and after the count the result."""
    election = scoped_or_404(Election, election_id)
    return render_template(
        "elections/show.html",
        election=election,
        state=election.state_on(today()),
        electorate=counting.electorate_size(election),
        voted=turnout(election),
        letters=len(mailing.letter_voters(election)),
        result=counting.result(election),
        form=CandidateForm(formdata=None),
        may_edit=g.role in EDITORS,
    )


@bp.route("/<int:election_id>/candidates", methods=["POST"])
@organisation_required(Action.EDIT)
def add_candidate(election_id):
    """Add a candidate with a statement and an optional photo."""
    election = scoped_or_404(Election, election_id)
    form = CandidateForm()
    if form.validate_on_submit():
        photo = form.photo.data.read(services.PHOTO_MAX_BYTES + 1) if form.photo.data else None
        with saving() as saved:
            services.add_candidate(
                election, form.name.data, form.statement.data, photo, current_user
            )
        if saved:
            flash(_("The candidate was added."), "info")
    else:
        flash(_("Give the candidate's name."), "error")
    return redirect(url_for("elections.show", election_id=election.id))


@bp.route("/<int:election_id>/candidates/<int:candidate_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_candidate(election_id, candidate_id):
    """Take a candidate off the ballot before voting opens."""
    candidate = _candidate_or_404(election_id, candidate_id)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            services.remove_candidate(candidate, current_user)
        if saved:
            flash(_("The candidate was removed."), "info")
    return redirect(url_for("elections.show", election_id=election_id))


def _candidate_or_404(election_id, candidate_id) -> Candidate:
    candidate = scoped_or_404(Candidate, candidate_id)
    if candidate.election_id != election_id:
        abort(404)
    return candidate


@bp.route("/<int:election_id>/candidates/<int:candidate_id>/photo")
@organisation_required(Action.VIEW)
def photo(election_id, candidate_id):
    """A candidate's photo."""
    return send_photo(_candidate_or_404(election_id, candidate_id))


@bp.route("/<int:election_id>/<any(electorate, links, count, publish):step>", methods=["POST"])
@organisation_required(Action.EDIT)
def step(election_id, step):
    """Draw up the electorate, mail the links, count the ballots, or publish the result."""
    election = scoped_or_404(Election, election_id)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            message = STEPS[step](election)
        if saved:
            flash(message, "info")
    return redirect(url_for("elections.show", election_id=election.id))


def _publish(election: Election) -> str:
    if election.counted_at is None:
        abort(404)
    election.published_at = election.published_at or utcnow()
    current_app.logger.info("%s published by %s", election, current_user)
    return _("The result was published.")


STEPS = {
    "electorate": lambda e: _(
        "%(n)d voters were added.", n=services.draw_up_electorate(e, current_user)
    ),
    "links": lambda e: _("%(n)d mails were put in the outbox.", n=mailing.send_links(e)),
    "count": lambda e: _("%(n)d ballots were counted.", n=counting.count(e, current_user)),
    "publish": _publish,
}


@bp.route("/<int:election_id>/letters.pdf")
@organisation_required(Action.EDIT)
def letters(election_id):
    """The letters with a personal code for the voters on post, to print and post."""
    data = mailing.letters_pdf(scoped_or_404(Election, election_id))
    if data is None:
        abort(404)
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="stembrieven-{election_id}.pdf"'},
    )


@bp.route("/<int:election_id>/ballots.csv")
@organisation_required(Action.EDIT)
def ballots(election_id):
    """The anonymous ballots after the count, for an independent recount."""
    election = scoped_or_404(Election, election_id)
    if election.counted_at is None:
        abort(404)
    return Response(
        counting.ballots_csv(election),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="stembiljetten-{election_id}.csv"'},
    )
