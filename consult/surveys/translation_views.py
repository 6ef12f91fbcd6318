"""The builder's translations: a consultation's texts in other languages, text beside text.

Plain forms, so it works without JavaScript; the rules are in ``consult.surveys.translations``.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from consult.core.policy import Action
from consult.core.saving import saving
from consult.organisations.access import organisation_required, scoped_or_404
from consult.surveys import bp, chrome, translations
from consult.surveys.models.consultations import Consultation

#: The translation form's field of a text: this prefix and the text's key.
FIELD = "text-"


class AddLanguageForm(FlaskForm):
    language = SelectField()


def _add_form(consultation) -> AddLanguageForm:
    form = AddLanguageForm()
    form.language.choices = [
        SelectChoice(language, chrome.display_name(language))
        for language in translations.addable_languages(consultation)
    ]
    return form


def _to_overview(consultation):
    return redirect(url_for("surveys.translations", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/translations", methods=["GET", "POST"], endpoint="translations")
@organisation_required(Action.EDIT)
def translations_page(consultation_id):
    """The consultation's languages, what each still misses, and adding one."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = _add_form(consultation)
    if form.validate_on_submit():
        with saving() as saved:
            translations.add_language(consultation, form.language.data, actor=current_user)
        if saved:
            return redirect(
                url_for(
                    "surveys.translation",
                    consultation_id=consultation.id,
                    language=form.language.data,
                )
            )
    return render_template(
        "surveys/translations.html",
        consultation=consultation,
        statuses=translations.statuses(consultation),
        form=form,
        language_name=chrome.display_name,
    )


@bp.route("/<int:consultation_id>/translations/<language>", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def translation(consultation_id, language):
    """Every text in the consultation's language beside a field for its translation."""
    consultation = scoped_or_404(Consultation, consultation_id)
    status = next((s for s in translations.statuses(consultation) if s.language == language), None)
    if status is None:
        flash(_("Add this language first."), "error")
        return _to_overview(consultation)
    form = FlaskForm()
    if form.validate_on_submit():
        texts = {
            name.removeprefix(FIELD): value
            for name, value in request.form.items()
            if name.startswith(FIELD)
        }
        with saving() as saved:
            translations.save_translation(consultation, language, texts, actor=current_user)
        if saved:
            flash(_("The translation is saved."), "info")
            return redirect(request.path)
    return render_template(
        "surveys/translation.html",
        consultation=consultation,
        status=status,
        sources=translations.texts_of(consultation),
        missing={source.key for source in status.missing},
        to_review={source.key for source in status.to_review},
        form=form,
        field=FIELD,
        name=chrome.display_name(language),
        direction=chrome.direction(language),
        source_direction=chrome.direction(consultation.language),
    )


@bp.route("/<int:consultation_id>/translations/<language>/remove", methods=["POST"])
@organisation_required(Action.EDIT)
def remove_translation(consultation_id, language):
    """Stop offering a language and drop its translation."""
    consultation = scoped_or_404(Consultation, consultation_id)
    if FlaskForm().validate_on_submit():
        with saving() as saved:
            translations.remove_language(consultation, language, actor=current_user)
        if saved:
            flash(_("The translation is removed."), "info")
    return _to_overview(consultation)


@bp.app_template_global()
def language_label(language: str) -> str:
    """A language's name for the board, in the screen's language ("Arabisch")."""
    return chrome.display_name(language)
