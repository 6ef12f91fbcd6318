"""The board's pages of draagvlakmetingen: set up, addresses, proposal, the live count, links
and reminders, and freezing the result for a dossier."""

from flask import Response, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.audit import services as audit
from consult.core.clock import today
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.core.spreadsheets import EXPORT_TYPES, spreadsheet
from consult.core.uploads import allow_upload
from consult.dossiers.documents.views import send_stored
from consult.dossiers.models import Dossier
from consult.dossiers.services import dossiers_of
from consult.draagvlak import bp, evidence, mailing, panel_addresses, queries, services
from consult.draagvlak import letters as letter_pdfs
from consult.draagvlak.forms import FileForm, FreezeForm, MetingForm, SegmentForm
from consult.draagvlak.models import Meting
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404

UPLOADS = {"draagvlak.add_addresses", "draagvlak.upload_proposal"}


@bp.url_value_preprocessor
def allow_a_document(endpoint, values):
    """The landlord's list and proposal may be larger than other requests."""
    if endpoint in UPLOADS:
        allow_upload(current_app.config["MAX_DOCUMENT_BYTES"])


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """The organisation's draagvlakmetingen, and a form to start one."""
    return _index_page(MetingForm(formdata=None))


def _index_page(form, status=200):
    metingen = queries.metingen_of(g.organisation)
    return render_template(
        "draagvlak/index.html", metingen=metingen, form=form, may_edit=g.role in EDITORS
    ), status


@bp.route("/", methods=["POST"])
@organisation_required(Action.EDIT)
def create():
    """Start a draagvlakmeting."""
    form = MetingForm()
    if form.validate_on_submit():
        with saving(form.closes_on.errors) as saved:
            meting = services.create_meting(
                g.organisation,
                form.title.data,
                form.question.data,
                form.opens_on.data,
                form.closes_on.data,
                form.secret.data,
                current_user,
            )
        if saved:
            flash(_("The draagvlakmeting was started. Add the addresses concerned."), "info")
            return redirect(url_for("draagvlak.show", meting_id=meting.id))
    return _index_page(form, 400)


@bp.route("/<int:meting_id>")
@organisation_required(Action.VIEW)
def show(meting_id):
    """The live count over all addresses concerned, the addresses that voted, the result."""
    meting = scoped_or_404(Meting, meting_id)
    return render_template(
        "draagvlak/show.html",
        meting=meting,
        state=meting.state_on(today()),
        count=queries.count(meting),
        voted=queries.voted_addresses(meting),
        snapshots=evidence.snapshots_of(meting),
        file_form=FileForm(formdata=None),
        freeze_form=FreezeForm(dossiers_of(g.organisation), formdata=None),
        segment_form=SegmentForm(panel_addresses.segment_values(g.organisation), formdata=None),
        may_edit=g.role in EDITORS,
    )


@bp.route("/<int:meting_id>/addresses", methods=["POST"])
@organisation_required(Action.EDIT)
def add_addresses(meting_id):
    """Add the addresses concerned from the landlord's list (CSV or XLSX)."""
    return _receive_file(
        meting_id, services.add_addresses, lambda added: _("%(n)d addresses were added.", n=added)
    )


@bp.route("/<int:meting_id>/addresses-from-panel", methods=["POST"])
@organisation_required(Action.EDIT)
def add_panel_addresses(meting_id):
    """Add the postal addresses of the active panel members in one segment."""
    meting = scoped_or_404(Meting, meting_id)
    form = SegmentForm(panel_addresses.segment_values(g.organisation))
    if not form.validate_on_submit():
        flash(_("Choose a segment of the panel."), "error")
        return redirect(url_for("draagvlak.show", meting_id=meting.id))
    added, unknown = panel_addresses.add_from_segment(meting, form.value.data, current_user)
    db.session.commit()
    flash(_("%(n)d addresses were added.", n=added), "info")
    if unknown:
        flash(_("%(n)d members of the segment have no postal address.", n=unknown), "info")
    return redirect(url_for("draagvlak.show", meting_id=meting.id))


@bp.route("/<int:meting_id>/proposal", methods=["POST"])
@organisation_required(Action.EDIT)
def upload_proposal(meting_id):
    """Add or replace the landlord's proposal."""
    return _receive_file(
        meting_id, services.attach_proposal, lambda _result: _("The proposal was added.")
    )


def _receive_file(meting_id, keep, saying):
    """Hand the uploaded file to ``keep(meting, data, filename, actor)``; flash ``saying`` of
    its result, or the rule that refused it."""
    meting = scoped_or_404(Meting, meting_id)
    form = FileForm()
    if form.validate_on_submit():
        data = form.file.data.read(current_app.config["MAX_DOCUMENT_BYTES"] + 1)
        with saving() as saved:
            result = keep(meting, data, form.file.data.filename, current_user)
        if saved:
            flash(saying(result), "info")
    else:
        flash(_("Choose a file."), "error")
    return redirect(url_for("draagvlak.show", meting_id=meting.id))


@bp.route("/<int:meting_id>/proposal")
@organisation_required(Action.VIEW)
def proposal(meting_id):
    """The landlord's proposal as a download."""
    return send_proposal(scoped_or_404(Meting, meting_id))


def send_proposal(meting: Meting):
    """The proposal's file as a download; 404 when there is none."""
    if not meting.proposal_stored_name:
        abort(404)
    path = services.proposal_path(meting)
    return send_stored(path, meting.proposal_type, meting.proposal_filename, meting)


@bp.route("/<int:meting_id>/<any(links, reminders):kind>", methods=["POST"])
@organisation_required(Action.EDIT)
def send(meting_id, kind):
    """Mail every address its link, or remind the addresses that have not voted."""
    meting = scoped_or_404(Meting, meting_id)
    if FlaskForm().validate_on_submit():
        send_mails = mailing.send_links if kind == "links" else mailing.send_reminders
        with saving() as saved:
            queued = send_mails(meting)
        if saved:
            flash(_("%(n)d mails were put in the outbox.", n=queued), "info")
    return redirect(url_for("draagvlak.show", meting_id=meting.id))


@bp.route("/<int:meting_id>/letters.<any(csv, xlsx):kind>")
@organisation_required(Action.EDIT)
def letters(meting_id, kind):
    """The links of the addresses without e-mail that have not voted, for letters; the audit
    log notes the download, as the file holds working links."""
    meting = scoped_or_404(Meting, meting_id)
    rows = mailing.letter_rows(meting)
    data = spreadsheet(kind, [_("Address"), _("Voting link")], rows, _("Letters"))
    audit.record(
        g.organisation,
        "draagvlak.letters_exported",
        f"meting {meting.id}",
        actor=current_user,
        count=len(rows),
    )
    db.session.commit()
    return Response(
        data,
        mimetype=EXPORT_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="stemlinks-{meting.id}.{kind}"'},
    )


@bp.route("/<int:meting_id>/letters.pdf")
@organisation_required(Action.EDIT)
def letters_pdf(meting_id):
    """The letters with a short code for the addresses without e-mail that have not voted;
    the audit log notes the download, as the letters hold working codes."""
    meting = scoped_or_404(Meting, meting_id)
    data, count = letter_pdfs.letters_pdf(meting)
    audit.record(
        g.organisation, "draagvlak.letters_printed", f"meting {meting.id}", actor=current_user,
        count=count,
    )  # fmt: skip
    db.session.commit()
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="brieven-{meting.id}.pdf"'},
    )


@bp.route("/<int:meting_id>/freeze", methods=["POST"])
@organisation_required(Action.EDIT)
def freeze(meting_id):
    """Freeze the result as it is now as evidence for a dossier, with its fingerprint."""
    meting = scoped_or_404(Meting, meting_id)
    form = FreezeForm(dossiers_of(g.organisation))
    if form.validate_on_submit():
        dossier = scoped_or_404(Dossier, form.dossier.data)
        with saving() as saved:
            snapshot = evidence.freeze(meting, dossier, current_user)
        if saved:
            flash(
                _("The result was frozen; fingerprint %(hash)s.", hash=snapshot.content_hash),
                "info",
            )
    else:
        flash(_("Choose a dossier."), "error")
    return redirect(url_for("draagvlak.show", meting_id=meting.id))
