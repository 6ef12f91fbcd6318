"""The questionnaire builder: add, change, move and remove questions, pages and conditions.

Plain forms and buttons, so it works without JavaScript; every rule is in
``consult.surveys.builder``.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys import bp, builder, services
from consult.surveys.forms import CopyForm, QuestionForm, condition_form
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import Question
from consult.surveys.views import possible_conditions, render_detail


def _question(consultation: Consultation, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.consultation_id != consultation.id:
        abort(404)
    return question


def _to_detail(consultation, anchor=None):
    return redirect(url_for("surveys.detail", consultation_id=consultation.id, _anchor=anchor))


@bp.route("/<int:consultation_id>/questions", methods=["POST"])
@organisation_required(Action.EDIT)
def add_question(consultation_id):
    """Add a question at the end of a draft consultation."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = QuestionForm()
    if form.validate_on_submit():
        with saving(form.options.errors) as saved:
            question = builder.add_spec(consultation, form.spec(), new_page=form.new_page.data)
        if saved:
            flash(_("The question was added."), "info")
            return _to_detail(consultation, f"question-{question.id}")
    return render_detail(consultation, form), 400


@bp.route("/<int:consultation_id>/questions/<int:question_id>", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def edit_question(consultation_id, question_id):
    """Change a question; once published only its wording."""
    consultation = scoped_or_404(Consultation, consultation_id)
    question = _question(consultation, question_id)
    form = QuestionForm()
    form.submit.label.text = _("Save question")
    if form.validate_on_submit():
        with saving(form.options.errors) as saved:
            builder.update_question(question, form.spec(), actor=current_user)
        if saved:
            flash(_("The question was saved."), "info")
            return _to_detail(consultation, f"question-{question.id}")
    elif request.method == "GET":
        form.show(question)
    return render_template(
        "surveys/edit_question.html", consultation=consultation, question=question, form=form
    )


#: The buttons beside each question: what they do and what is said after.
CHANGES = {
    "up": (lambda q: builder.move_question(q, up=True), _l("The question was moved.")),
    "down": (lambda q: builder.move_question(q, up=False), _l("The question was moved.")),
    "page": (builder.toggle_page_break, _l("The pages were changed.")),
    "remove": (builder.remove_question, _l("The question was removed.")),
}


@bp.route(
    "/<int:consultation_id>/questions/<int:question_id>/<any(up, down, page, remove):change>",
    methods=["POST"],
)
@organisation_required(Action.EDIT)
def change_question(consultation_id, question_id, change):
    """Move a question up or down, start or join a page at it, or remove it (drafts only)."""
    consultation = scoped_or_404(Consultation, consultation_id)
    question = _question(consultation, question_id)
    apply, done = CHANGES[change]
    with saving() as saved:
        apply(question)
    if saved:
        flash(str(done), "info")
    return _to_detail(consultation, f"question-{question_id}")


@bp.route("/<int:consultation_id>/questions/<int:question_id>/condition", methods=["POST"])
@organisation_required(Action.EDIT)
def set_condition(consultation_id, question_id):
    """Show a question only when an earlier answer matches, or always."""
    consultation = scoped_or_404(Consultation, consultation_id)
    question = _question(consultation, question_id)
    questions = services.questions_with_options(consultation)
    form = condition_form(question, possible_conditions(questions, question), request.form)
    if form.validate_on_submit():
        with saving(form.values.errors) as saved:
            on_question_id, values = form.chosen()
            on_question = _question(consultation, on_question_id) if on_question_id else None
            builder.set_condition(question, on_question, form.operator.data, values)
        if saved:
            flash(_("The condition was saved."), "info")
            return _to_detail(consultation, f"question-{question.id}")
    return render_detail(consultation, condition_forms={question.id: form}), 400


@bp.route("/<int:consultation_id>/copy", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def copy(consultation_id):
    """Start a new draft with the same questions, pages and conditions."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = CopyForm()
    if request.method == "GET":
        form.title.data = _("Copy of %(title)s", title=consultation.title)
    if form.validate_on_submit():
        with saving(form.closes_on.errors) as saved:
            new = builder.copy_consultation(
                consultation, form.title.data, form.opens_on.data, form.closes_on.data
            )
        if saved:
            flash(_("The copy was made. It is a draft: change what you like."), "info")
            return _to_detail(new)
    return render_template("surveys/copy.html", consultation=consultation, form=form)
