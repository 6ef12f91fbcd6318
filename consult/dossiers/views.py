"""The board's dossier pages: list, open, change, phases, consultations and evidence."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.agreements.services import choosable_topics
from consult.core.clock import today
from consult.core.forms import save_valid_form
from consult.core.policy import EDITORS, Action
from consult.core.saving import saving
from consult.dossiers import bp, services
from consult.dossiers.deadlines.services import deadlines_of, open_deadlines, shorter_than_legal
from consult.dossiers.documents import services as documents
from consult.dossiers.feedback.services import participants
from consult.dossiers.forms import (
    DocumentForm,
    DossierForm,
    FeedbackForm,
    LinkConsultationForm,
    PhaseForm,
)
from consult.dossiers.landlord.services import set_shared
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.koepel import services as koepel
from consult.organisations.access import organisation_required, scoped_or_404
from consult.results.figures import frozen_results
from consult.surveys.models.consultations import Consultation, ConsultationStatus
from consult.surveys.services import consultations_of


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """All dossiers, newest code first, with phase, next deadline and inspraakmoment."""
    dossiers = services.dossiers_of(g.organisation)
    return render_template(
        "dossiers/index.html",
        dossiers=dossiers,
        next_deadline={d.id: next(iter(open_deadlines(d)), None) for d in dossiers},
        speaking={d.id: services.inspraakmoment(d) for d in dossiers},
        may_edit=g.role in EDITORS,
        today=today(),
    )


def _dossier_form(dossier=None) -> DossierForm:
    return DossierForm(
        obj=dossier,
        organisation=g.organisation,
        topics=choosable_topics(g.organisation, dossier.topic if dossier else None),
        board=services.board_members(g.organisation),
        data=_form_data(dossier),
    )


def _form_data(dossier) -> dict | None:
    if dossier is None or request.method == "POST":
        return None
    return {
        "topic_choice": str(dossier.topic_id or ""),
        "responsible_ids": [user.id for user in dossier.responsibles],
    }


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create():
    """Open a dossier for a request for advice (or own initiative)."""
    form = _dossier_form()

    def save(details):
        return services.create_dossier(g.organisation, details, current_user)

    if dossier := save_valid_form(form, save):
        flash(_("Dossier %(code)s was opened.", code=dossier.code), "info")
        return redirect(url_for("dossiers.show", dossier_id=dossier.id))
    return render_template("dossiers/form.html", form=form, dossier=None)


@bp.route("/<int:dossier_id>/edit", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit(dossier_id):
    """Change what the board entered about a dossier."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = _dossier_form(dossier)

    def save(details):
        services.update_dossier(dossier, details, current_user)
        return dossier

    if save_valid_form(form, save):
        flash(_("The dossier was saved."), "info")
        return redirect(url_for("dossiers.show", dossier_id=dossier.id))
    return render_template("dossiers/form.html", form=form, dossier=dossier)


def _link_form(dossier, **kwargs):
    candidates = [
        c
        for c in consultations_of(g.organisation)
        if c.status != ConsultationStatus.ARCHIVED and c not in dossier.consultations
    ]
    return LinkConsultationForm(consultations=candidates, **kwargs)


def new_document_form(**kwargs) -> DocumentForm:
    """The form to add a document, telling which files and how large."""
    return DocumentForm(
        file_types=documents.DOCUMENT_TYPES, max_megabytes=documents.max_megabytes(), **kwargs
    )


@bp.route("/<int:dossier_id>")
@organisation_required(Action.VIEW)
def show(dossier_id):
    """A dossier with its deadlines, timeline, consultations, evidence and documents."""
    return show_page(scoped_or_404(Dossier, dossier_id))


def show_page(dossier, phase_form=None, document_form=None, feedback_form=None):
    """The dossier page, with the forms as the board last sent them where given; the others
    start empty (never read from this request, which may be an upload refused unread)."""
    return render_template(
        "dossiers/show.html",
        dossier=dossier,
        deadlines=deadlines_of(dossier),
        short_term=not dossier.is_consent
        and shorter_than_legal(dossier.requested_on, dossier.advice_due_on),
        speaking=services.inspraakmoment(dossier),
        evidence={s.id: frozen_results(s.figures) for s in dossier.snapshots},
        phase_form=phase_form or PhaseForm(formdata=None, dossier=dossier),
        link_form=_link_form(dossier, formdata=None),
        document_form=document_form or new_document_form(formdata=None),
        may_edit=g.role in EDITORS,
        describe=services.describe,
        feedback_form=feedback_form
        or FeedbackForm(
            formdata=None,
            data={"visibility": dossier.feedback_visibility, "summary": dossier.feedback_summary},
        ),
        participant_count=len(participants(dossier)),
        positions=koepel.positions_of(dossier) if dossier.joint else [],
        consent=koepel.consent_count(dossier) if dossier.joint else None,
        today=today(),
    )


@bp.route("/<int:dossier_id>/phase", methods=["POST"])
@organisation_required(Action.EDIT)
def change_phase(dossier_id):
    """Take the dossier to its next phase."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = PhaseForm(dossier=dossier)
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            services.move(
                dossier, form.chosen_phase(), form.on.data, form.chosen_outcome(), current_user
            )
        if saved:
            flash(_("The dossier is now in the phase “%(phase)s”.", phase=dossier.phase_label))
            return redirect(url_for("dossiers.show", dossier_id=dossier.id))
    return show_page(dossier, phase_form=form), 400


@bp.route("/<int:dossier_id>/consultations", methods=["POST"])
@organisation_required(Action.EDIT)
def link(dossier_id):
    """Hold a consultation for this dossier."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = _link_form(dossier)
    if form.validate_on_submit():
        consultation = scoped_or_404(Consultation, form.consultation.data)
        if _attempt(lambda: services.link_consultation(dossier, consultation, current_user)):
            flash(_("The consultation was linked."), "info")
    else:
        flash(_("Choose a consultation."), "error")
    return redirect(url_for("dossiers.show", dossier_id=dossier.id))


@bp.route("/<int:dossier_id>/consultations/<int:consultation_id>/evidence", methods=["POST"])
@organisation_required(Action.EDIT)
def freeze(dossier_id, consultation_id):
    """Freeze a linked consultation's current results into the dossier."""
    dossier = scoped_or_404(Dossier, dossier_id)
    consultation = scoped_or_404(Consultation, consultation_id)
    if _attempt(lambda: services.freeze_evidence(dossier, consultation, current_user)):
        flash(_("The results were frozen as evidence."), "info")
    return redirect(url_for("dossiers.show", dossier_id=dossier.id))


def _attempt(change) -> bool:
    """Run a change and commit it, or flash why it was refused."""
    with saving() as saved:
        change()
    return bool(saved)


@bp.route("/<int:dossier_id>/landlord/<any(share, stop):change>", methods=["POST"])
@organisation_required(Action.EDIT)
def share_with_landlord(dossier_id, change):
    """Let the landlord's accounts read the dossier and enter the reply, or stop that."""
    dossier = scoped_or_404(Dossier, dossier_id)
    if FlaskForm().validate_on_submit():
        set_shared(dossier, change == "share", current_user)
        db.session.commit()
        flash(
            _("The landlord can now read this dossier and reply.")
            if dossier.shared_with_landlord
            else _("The landlord no longer sees this dossier."),
            "info",
        )
    return redirect(url_for("dossiers.show", dossier_id=dossier.id, _anchor="landlord"))
