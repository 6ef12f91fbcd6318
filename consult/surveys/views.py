"""The board's consultation pages: list, create, add questions, publish."""

from itertools import groupby

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from consult.core import clock
from consult.core.policy import EDITORS, Action
from consult.core.requests import whole_number
from consult.core.saving import saving
from consult.extensions import db
from consult.invitations import letters, paper, reminders
from consult.invitations.forms import ReminderForm, invite_form
from consult.organisations.access import organisation_required, scoped_or_404
from consult.panel.services import dimensions_of
from consult.surveys import bp, builder, catalog, flow, open_links, segment_privacy, services
from consult.surveys.answer_forms import answer_form
from consult.surveys.forms import (
    ConsultationForm,
    OpenLinkForm,
    PublishForm,
    QuestionForm,
    condition_form,
)
from consult.surveys.models.consultations import STATE_LABELS, Consultation
from consult.surveys.models.questions import (
    CONDITION_KINDS,
    CONDITION_LABELS,
    ConditionOperator,
    QuestionKind,
)


@bp.route("/")
@organisation_required(Action.VIEW)
def index():
    """All consultations of the organisation."""
    return render_template(
        "surveys/index.html",
        consultations=services.consultations_of(g.organisation),
        today=clock.today(),
    )


@bp.route("/new", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def create():
    """Start a new consultation as a draft, empty or from a template."""
    form = ConsultationForm()
    language = str(get_locale() or "nl")
    form.template.choices = [SelectChoice("", _("An empty questionnaire"))] + [
        SelectChoice(key, title) for key, title in catalog.template_choices(language)
    ]
    if form.validate_on_submit():
        with saving(form.closes_on.errors) as saved:
            consultation = catalog.start_consultation(
                g.organisation,
                form.template.data,
                form.language.data or "nl",
                form.opens_on.data,
                form.closes_on.data,
                current_user,
                title=form.title.data or "",
                introduction=form.introduction.data or "",
                anonymous=form.privacy.data == "anonymous",
            )
        if saved:
            flash(_("The consultation was created. Now add or change its questions."), "info")
            return redirect(url_for("surveys.detail", consultation_id=consultation.id))
    return render_template("surveys/create.html", form=form)


def render_detail(consultation, form=None, condition_forms=None):
    """The consultation's page; the builder's views pass a form with errors to show."""
    questions = services.questions_with_options(consultation)
    conditions = {
        question.id: condition_form(question, possible_conditions(questions, question))
        for question in questions
    }
    conditions.update(condition_forms or {})
    state = consultation.state_on(clock.today())
    may_edit = g.role in EDITORS
    return render_template(
        "surveys/detail.html",
        consultation=consultation,
        questions=questions,
        numbers=flow.numbers(questions),
        condition_forms=conditions,
        form=form or QuestionForm(),
        publish_form=PublishForm(),
        open_link_form=_open_link_form(consultation),
        invite_form=invite_form(dimensions_of(g.organisation)),
        reminder_form=ReminderForm(),
        reminders=reminders.reminders_of(consultation),
        suggested_reminders=reminders.suggested_dates(consultation),
        state=state,
        may_edit=may_edit,
        paper_members=paper.waiting_members(consultation)
        if may_edit and state in ("scheduled", "open")
        else [],
        letter_batches=letters.batches_by_kind(consultation),
        small_groups=segment_privacy.small_groups(consultation)
        if may_edit and consultation.anonymous and state not in segment_privacy.FINISHED
        else None,
    )


@bp.route("/<int:consultation_id>")
@organisation_required(Action.VIEW)
def detail(consultation_id):
    """A consultation with its questions."""
    return render_detail(scoped_or_404(Consultation, consultation_id))


def _open_link_form(consultation) -> OpenLinkForm:
    form = OpenLinkForm()
    form.mode.data = consultation.open_link_mode or ""
    return form


def possible_conditions(questions, question):
    """The questions on earlier pages that a condition of ``question`` can test."""
    return [
        q for q in questions if q.page < question.page and QuestionKind(q.kind) in CONDITION_KINDS
    ]


@bp.route("/<int:consultation_id>/publish", methods=["POST"])
@organisation_required(Action.EDIT)
def publish(consultation_id):
    """Publish a draft: it opens for answers on its opening date."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if PublishForm().validate_on_submit():
        with saving() as saved:
            consultation.publish()
        if saved:
            flash(_("The consultation is published."), "info")
    return redirect(url_for("surveys.detail", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/archive", methods=["POST"])
@organisation_required(Action.EDIT)
def archive(consultation_id):
    """Put a closed consultation away; its results and evidence stay."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if PublishForm().validate_on_submit():
        with saving() as saved:
            consultation.archive(clock.today())
        if saved:
            flash(_("The consultation is archived."), "info")
    return redirect(url_for("surveys.detail", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/open-link", methods=["POST"])
@organisation_required(Action.EDIT)
def set_open_link(consultation_id):
    """Let anyone with a link answer (confirmed by e-mail or anonymously), or stop that."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = OpenLinkForm()
    if form.validate_on_submit():
        open_links.set_open_link(consultation, form.mode.data or None)
        db.session.commit()
        flash(_("The open link is saved."), "info")
    return redirect(url_for("surveys.detail", consultation_id=consultation.id, _anchor="open-link"))


@bp.route("/<int:consultation_id>/open-link/renew", methods=["POST"])
@organisation_required(Action.EDIT)
def renew_open_link(consultation_id):
    """A new open link; the old one stops working (e.g. when it was shared too widely)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if PublishForm().validate_on_submit():
        open_links.renew_open_link(consultation)
        db.session.commit()
        flash(_("There is a new open link; the old one no longer works."), "info")
    return redirect(url_for("surveys.detail", consultation_id=consultation.id, _anchor="open-link"))


@bp.route("/<int:consultation_id>/preview")
@organisation_required(Action.VIEW)
def preview(consultation_id):
    """The questionnaire as a tenant sees it on a phone, page by page; nothing is stored."""
    consultation = scoped_or_404(Consultation, consultation_id)
    questions = services.questions_with_options(consultation)
    pages = [list(group) for _page, group in groupby(questions, key=lambda q: q.page)] or [[]]
    number = min(max(request.args.get("page", 1, type=whole_number), 1), len(pages))
    before = [q for page in pages[: number - 1] for q in page if q.asks_answer]
    return render_template(
        "surveys/preview.html",
        consultation=consultation,
        form=answer_form(pages[number - 1]),
        page=number,
        pages=len(pages),
        first_number=len(before) + 1,
        total=sum(q.asks_answer for q in questions),
    )


@bp.app_template_global()
def state_label(state) -> str:
    """The state of a consultation in the user's language."""
    return STATE_LABELS[state]


@bp.app_template_global()
def condition_label(operator) -> str:
    """'is', 'is one of' or 'is not' in the user's language."""
    return CONDITION_LABELS[ConditionOperator(operator)]


@bp.app_template_global()
def condition_values_text(question) -> str:
    """The answers a question's condition tests, as the board wrote them."""
    labels = dict(builder.condition_choices(question.condition_question))
    return ", ".join(str(labels.get(value, value)) for value in question.condition_values)
