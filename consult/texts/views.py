"""The board's pages for its own texts of a consultation's mails and letters."""

from babel import Locale
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from consult.core.errors import DomainError
from consult.core.policy import Action
from consult.core.saving import saving
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys.models.consultations import Consultation
from consult.texts import bp, catalog, placeholders, services
from consult.texts.forms import text_form
from consult.texts.preview import preview


def _load(consultation_id, kind, language):
    """The consultation, the kind and the language of a text; 404 for an unknown one."""
    consultation = scoped_or_404(Consultation, consultation_id)
    found = catalog.kinds().get(kind)
    if found is None or language not in current_app.config["QUESTIONNAIRE_LANGUAGES"]:
        abort(404)
    return consultation, found


def language_name(code: str) -> str:
    """The language's own name in the user's language: "Turks" for "tr"."""
    return Locale.parse(code).get_display_name(get_locale()) or code


@bp.route("/<int:consultation_id>/texts")
@organisation_required(Action.EDIT)
def index(consultation_id):
    """Every mail and letter of the consultation, per language: the board's own or default."""
    consultation = scoped_or_404(Consultation, consultation_id)
    return render_template(
        "texts/index.html",
        consultation=consultation,
        kinds=catalog.kinds().values(),
        languages={c: language_name(c) for c in current_app.config["QUESTIONNAIRE_LANGUAGES"]},
        written=services.written(consultation),
    )


def _page(consultation, kind, language, form, shown, status=200):
    text = services.text_of(consultation, kind.name, language)
    page = render_template(
        "texts/edit.html",
        consultation=consultation,
        kind=kind,
        language=language,
        language_name=language_name(language),
        form=form,
        own=text,
        preview=shown,
        meanings={name: catalog.meaning(name) for name in kind.placeholders},
    )
    return page, status


@bp.route("/<int:consultation_id>/texts/<kind>/<language>")
@organisation_required(Action.EDIT)
def edit(consultation_id, kind, language):
    """The text to change, with its placeholders and a preview."""
    consultation, kind = _load(consultation_id, kind, language)
    form = text_form(kind, services.text_of(consultation, kind.name, language))
    subject = form.subject.data if kind.is_mail else None
    shown = preview(kind, consultation, subject, form.body.data, language)
    return _page(consultation, kind, language, form, shown)


@bp.route("/<int:consultation_id>/texts/<kind>/<language>", methods=["POST"])
@organisation_required(Action.EDIT)
def save(consultation_id, kind, language):
    """Save the text, or only show its preview; a wrong placeholder saves nothing."""
    consultation, kind = _load(consultation_id, kind, language)
    form = text_form(kind)
    if not form.validate_on_submit():
        return _page(consultation, kind, language, form, None, 400)
    subject = form.subject.data if kind.is_mail else None
    if form.preview.data:
        try:
            placeholders.check(kind, subject, form.body.data)
        except DomainError as error:
            form.body.errors.append(error.message)
            return _page(consultation, kind, language, form, None, 400)
        shown = preview(kind, consultation, subject, form.body.data, language)
        return _page(consultation, kind, language, form, shown)
    with saving(form.body.errors) as saved:
        services.save_text(consultation, kind, language, subject, form.body.data, current_user)
    if not saved:
        return _page(consultation, kind, language, form, None, 400)
    flash(_("The text has been saved."), "info")
    return redirect(url_for("texts.index", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/texts/<kind>/<language>/reset", methods=["POST"])
@organisation_required(Action.EDIT)
def reset(consultation_id, kind, language):
    """Go back to the app's default text."""
    consultation, kind = _load(consultation_id, kind, language)
    with saving() as saved:
        services.reset_text(consultation, kind, language, current_user)
    if saved:
        flash(_("The default text is used again."), "info")
    return redirect(url_for("texts.index", consultation_id=consultation.id))
