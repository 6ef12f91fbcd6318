"""The open answers of one question: read, searched and filtered by everyone with access;
sorted into themes and marked as quotes by the board."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.core.forms import save_valid_form
from consult.core.policy import EDITORS, Action
from consult.core.requests import whole_number
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.access import organisation_required, scoped_or_404
from consult.results import bp, themes
from consult.results.forms import ThemeForm, rename_form
from consult.results.models import AnswerTheme
from consult.results.views import settled_or_404

OPEN = "/<int:consultation_id>/results/open/<int:question_id>"
#: The page's query string that a change keeps: search, theme filter and page.
KEPT = ("q", "theme", "page")
LAST_PAGE = 100_000  #: 5 million answers of one question


def _question(consultation_id, question_id):
    """The organisation's consultation and its question with open answers, or 404."""
    consultation = settled_or_404(consultation_id)
    question = themes.open_question(consultation, question_id)
    if question is None:
        abort(404)
    return consultation, question


def _theme(question, theme_id) -> AnswerTheme:
    theme = scoped_or_404(AnswerTheme, theme_id)
    if theme.question_id != question.id:
        abort(404)
    return theme


def _kept() -> dict[str, str]:
    return {key: request.args[key] for key in KEPT if request.args.get(key)}


def _filters() -> themes.AnswerFilter:
    theme = request.args.get("theme", "")
    chosen = (
        themes.UNTAGGED
        if theme == themes.UNTAGGED
        else request.args.get("theme", type=whole_number)
    )
    return themes.AnswerFilter(request.args.get("q", "")[:200], chosen)


def _page(consultation, question, theme_form=None, failed=None, status=200):
    """The page; a form that failed comes back with its errors and what was typed."""
    shown = themes.may_show(question)
    # A page past the last shows nothing; far past it, the offset would overflow the database.
    page = min(max(request.args.get("page", 1, type=whole_number), 1), LAST_PAGE)
    filters = _filters()
    answers, total = themes.page_of(question, filters, page) if shown else ([], 0)
    listed = themes.themes_of(question)
    renames = {theme.id: rename_form(theme) for theme in listed}
    if failed is not None:
        renames[failed[0]] = failed[1]
    return render_template(
        "results/open_answers.html",
        consultation=consultation,
        question=question,
        shown=shown,
        answers=answers,
        total=total,
        page=page,
        pages=max(1, -(-total // themes.PER_PAGE)),
        per_page=themes.PER_PAGE,
        filters=filters,
        themes=listed,
        counts=themes.theme_counts(question) if shown else ({}, 0, 0),
        theme_form=theme_form or ThemeForm(formdata=None),
        renames=renames,
        kept=_kept(),
        may_edit=g.role in EDITORS,
    ), status


def _back(question, anchor: str | None = None):
    """To the page as it was: the same search, theme filter and page."""
    return redirect(
        url_for(
            "results.open_answers",
            consultation_id=question.consultation_id,
            question_id=question.id,
            _anchor=anchor,
            **_kept(),
        )
    )


@bp.route(OPEN)
@organisation_required(Action.VIEW)
def open_answers(consultation_id, question_id):
    """The open answers of one question, a page at a time, with the counts per theme."""
    consultation, question = _question(consultation_id, question_id)
    return _page(consultation, question)


@bp.route(f"{OPEN}/themes", methods=["POST"])
@organisation_required(Action.EDIT)
def add_theme(consultation_id, question_id):
    """Add a theme to sort the question's open answers into."""
    consultation, question = _question(consultation_id, question_id)
    form = ThemeForm()
    if save_valid_form(form, lambda label: themes.add_theme(question, label, current_user)):
        flash(_("The theme has been added."), "info")
        return _back(question, "themes")
    return _page(consultation, question, theme_form=form, status=400)


@bp.route(f"{OPEN}/themes/<int:theme_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def rename_theme(consultation_id, question_id, theme_id):
    """Give a theme another name."""
    consultation, question = _question(consultation_id, question_id)
    theme = _theme(question, theme_id)
    form = rename_form(theme, request.form)

    def rename(label):
        return themes.rename_theme(theme, question, label, current_user)

    if save_valid_form(form, rename):
        flash(_("The theme has been renamed."), "info")
        return _back(question, "themes")
    return _page(consultation, question, failed=(theme_id, form), status=400)


@bp.route(f"{OPEN}/themes/<int:theme_id>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_theme(consultation_id, question_id, theme_id):
    """Delete a theme: the answers that carried it lose it."""
    _consultation, question = _question(consultation_id, question_id)
    theme = _theme(question, theme_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    themes.remove_theme(theme, question, current_user)
    db.session.commit()
    flash(_("The theme has been deleted."), "info")
    return _back(question, "themes")


@bp.route(f"{OPEN}/answers/<uuid:response_id>", methods=["POST"])
@organisation_required(Action.EDIT)
def tag_answer(consultation_id, question_id, response_id):
    """Set the themes of one open answer, and whether it is a quote for an advice."""
    _consultation, question = _question(consultation_id, question_id)
    answer = themes.open_answer(question, response_id)
    chosen = themes.chosen_themes(question, request.form.getlist("theme"))
    if answer is None or chosen is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    with saving() as saved:
        themes.tag_answer(question, answer, chosen, request.form.get("quote") == "1", current_user)
    if saved:
        flash(_("The answer's themes have been saved."), "info")
    return _back(question, f"answer-{response_id}")
