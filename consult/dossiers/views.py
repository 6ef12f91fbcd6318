"""The board's dossier pages: list, open, show with evidence, link results."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.errors import DomainError
from consult.core.policy import EDITORS, Action, organisation_required, scoped_or_404
from consult.dossiers import bp, services
from consult.dossiers.forms import DossierForm, LinkConsultationForm
from consult.dossiers.models import AdviceKind, AdviceRight, Dossier
from consult.extensions import db
from consult.results.queries import frozen_results
from consult.surveys.models import Consultation, ConsultationStatus
from consult.surveys.services import consultations_of


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """All dossiers, newest code first."""
    return render_template("dossiers/index.html", dossiers=services.dossiers_of(g.organisation))


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create():
    """Open a dossier for a request for advice (or own initiative)."""
    form = DossierForm()
    if form.validate_on_submit():
        try:
            dossier = services.create_dossier(
                g.organisation,
                form.title.data,
                AdviceKind(form.kind.data),
                AdviceRight(form.right.data),
                form.requested_on.data,
                actor=current_user,
            )
        except DomainError as error:
            db.session.rollback()
            form.requested_on.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Dossier %(code)s was opened.", code=dossier.code), "info")
            return redirect(url_for("dossiers.show", dossier_id=dossier.id))
    return render_template("dossiers/create.html", form=form)


def _link_form():
    published = [
        c for c in consultations_of(g.organisation) if c.status == ConsultationStatus.PUBLISHED
    ]
    return LinkConsultationForm(consultations=published)


@bp.route("/<int:dossier_id>")
@organisation_required(Action.VIEW)
def show(dossier_id):
    """A dossier with its deadlines and the evidence linked to it."""
    dossier = scoped_or_404(Dossier, dossier_id)
    return render_template(
        "dossiers/show.html",
        dossier=dossier,
        evidence={s.id: frozen_results(s.figures) for s in dossier.snapshots},
        link_form=_link_form(),
        may_edit=g.role in EDITORS,
    )


@bp.route("/<int:dossier_id>/evidence", methods=["POST"])
@organisation_required(Action.EDIT)
def link(dossier_id):
    """Freeze a consultation's current results into the dossier."""
    dossier = scoped_or_404(Dossier, dossier_id)
    form = _link_form()
    if form.validate_on_submit():
        consultation = scoped_or_404(Consultation, form.consultation.data)
        try:
            services.link_consultation(dossier, consultation, actor=current_user)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("The results were linked as evidence."), "info")
    else:
        flash(_("Choose a published consultation."), "error")
    return redirect(url_for("dossiers.show", dossier_id=dossier.id))
