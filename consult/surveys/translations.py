"""Translations of a consultation's texts (title, introduction, questions, help, options,
statements) into the other QUESTIONNAIRE_LANGUAGES, and which of them tenants are offered.

Each text is a row (``Translation``) that remembers the source text it translated. A text
whose source was reworded since "needs review"; a language is offered to tenants only when
every text has a translation and none needs review (saving the translation again counts as
reviewed). So a reworded question never reaches a tenant under an outdated translation: until
the board reviews it, that language is not offered and tenants see the source language.

Which languages are offered is kept per process by the consultation's shape (see
``kept_pages``), which a change of any text or translation renews: a page view asks nothing of
the database for it.
"""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import kept_pages
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.translations import Translation

#: Languages offered, and titles and introductions per language, by shape.
_kept: dict[str, object] = {}
_KEPT = 1024


@dataclass(frozen=True)
class SourceText:
    """One text of a consultation in its own language, as the builder lists it."""

    key: str  #: "title", "introduction", "question:12:text", "question:12:help", "option:40:label"
    label: str  #: where it is, such as "Question 3, answer option"
    text: str


@dataclass
class LanguageStatus:
    """How far the translation into ``language`` is."""

    language: str
    texts: dict[str, str] = field(default_factory=dict)  #: translated texts by key
    missing: list[SourceText] = field(default_factory=list)
    to_review: list[SourceText] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Offered to tenants: every text translated, none awaiting review."""
        return not self.missing and not self.to_review


def forget() -> None:
    """Drop what is kept (the tests start each test without)."""
    _kept.clear()


def source_texts(title: str, introduction: str, questions) -> list[SourceText]:
    """Every text of a consultation that a translation must cover, in the order shown."""
    texts = [SourceText("title", str(_l("Title")), title)]
    if introduction:
        texts.append(SourceText("introduction", str(_l("Introduction")), introduction))
    number = 0
    for question in questions:
        number += question.asks_answer
        where = str(_l("Question %(n)d", n=number)) if question.asks_answer else str(_l("Text"))
        texts.append(SourceText(f"question:{question.id}:text", where, question.text))
        if question.help_text:
            label = str(_l("%(where)s, help text", where=where))
            texts.append(SourceText(f"question:{question.id}:help", label, question.help_text))
        for option in question.options:
            label = str(_l("%(where)s, option or statement", where=where))
            texts.append(SourceText(f"option:{option.id}:label", label, option.label))
    return texts


def texts_of(consultation) -> list[SourceText]:
    """``source_texts`` of a consultation at hand."""
    questions = kept_pages.questionnaire_of(consultation)
    return source_texts(consultation.title, consultation.introduction, questions)


def statuses(consultation) -> list[LanguageStatus]:
    """Each language the consultation is being translated into, with what is missing."""
    return _statuses(consultation.id, texts_of(consultation))


def _statuses(consultation_id: int, sources: list[SourceText]) -> list[LanguageStatus]:
    rows = db.session.execute(
        select(Translation.language, Translation.key, Translation.text, Translation.source).where(
            Translation.consultation_id == consultation_id
        )
    ).all()
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for language, key, text, source in rows:
        found.setdefault(language, {})[key] = (text, source)
    result = []
    for language in current_app.config["QUESTIONNAIRE_LANGUAGES"]:
        if language not in found:
            continue
        status = LanguageStatus(language, {k: text for k, (text, _s) in found[language].items()})
        for source in sources:
            text, was = found[language].get(source.key, ("", ""))
            if not text.strip():
                status.missing.append(source)
            elif was != source.text:
                status.to_review.append(source)
        result.append(status)
    return result


def addable_languages(consultation) -> list[str]:
    """The languages a translation can still be started in."""
    started = {status.language for status in statuses(consultation)}
    return [
        language
        for language in current_app.config["QUESTIONNAIRE_LANGUAGES"]
        if language != consultation.language and language not in started
    ]


def add_language(consultation, language: str, actor=None) -> None:
    """Start a translation: every text listed, none translated yet.

    :raises DomainError: for the consultation's own language or one not offered.
    """
    if language not in addable_languages(consultation):
        raise DomainError(_l("This language cannot be added."))
    for source in texts_of(consultation):
        db.session.add(_row(consultation, language, source.key, "", ""))
    _changed(consultation)
    current_app.logger.info("translation %s of %s added by %s", language, consultation, actor)


def save_translation(consultation, language: str, texts: dict[str, str], actor=None) -> None:
    """Store the translated texts (empty ones count as missing); each saved text is marked
    as reviewed against the source as it is now.

    :raises DomainError: when the language was not added.
    """
    if language not in {status.language for status in statuses(consultation)}:
        raise DomainError(_l("Add this language first."))
    rows = {
        row.key: row
        for row in db.session.scalars(
            select(Translation).where(
                Translation.consultation_id == consultation.id, Translation.language == language
            )
        )
    }
    for source in texts_of(consultation):
        row = rows.get(source.key) or _row(consultation, language, source.key, "", "")
        db.session.add(row)
        text = texts.get(source.key, "").strip()
        row.text = " ".join(text.split()) if source.key == "title" else text
        row.source = source.text
    _changed(consultation)
    current_app.logger.info("translation %s of %s saved by %s", language, consultation, actor)


def remove_language(consultation, language: str, actor=None) -> None:
    """Stop offering and drop the translation into ``language``."""
    db.session.execute(
        delete(Translation).where(
            Translation.consultation_id == consultation.id, Translation.language == language
        )
    )
    _changed(consultation)
    current_app.logger.info("translation %s of %s removed by %s", language, consultation, actor)


def _row(consultation, language, key, text, source) -> Translation:
    return Translation(
        consultation_id=consultation.id, language=language, key=key, text=text, source=source
    )


def _changed(consultation) -> None:
    """A new shape for the consultation, so no kept page or language list outlives this."""
    consultation.content_version = Consultation.content_version + 1
    db.session.flush()
    db.session.refresh(consultation, ["content_version"])


def offered_languages(shape: tuple) -> tuple[str, ...]:
    """The languages tenants may answer the consultation of ``shape`` in: its own first, then
    each complete translation (kept: see the top)."""
    key = repr(("offered", shape))
    offered = _kept.get(key)
    if offered is None:
        own = kept_pages.shape_value(shape, Consultation.language)
        sources = source_texts(
            kept_pages.shape_value(shape, Consultation.title),
            kept_pages.shape_value(shape, Consultation.introduction),
            kept_pages.questionnaire(shape),
        )
        complete = [
            status.language
            for status in _statuses(kept_pages.shape_value(shape, Consultation.id), sources)
            if status.complete
        ]
        offered = _keep(key, (own, *complete))
    return offered


def chosen_language(shape: tuple, *wanted: str | None) -> str:
    """The first of ``wanted`` (such as the language asked for in the address, then the
    member's) that is offered, else the consultation's own language."""
    offered = offered_languages(shape)
    return next((language for language in wanted if language in offered), offered[0])


def in_address(shape: tuple, language: str, *wanted: str | None) -> str | None:
    """``language`` for the next pages' addresses (``?lang=``), None when they would be in it
    without (``chosen_language`` of ``wanted``, such as the member's language)."""
    return None if language == chosen_language(shape, *wanted) else language


def heading(shape: tuple, language: str) -> tuple[str, str]:
    """The consultation's title and introduction in ``language`` (an offered one)."""
    title = kept_pages.shape_value(shape, Consultation.title)
    introduction = kept_pages.shape_value(shape, Consultation.introduction)
    if language == kept_pages.shape_value(shape, Consultation.language):
        return title, introduction
    key = repr(("heading", shape, language))
    kept = _kept.get(key)
    if kept is None:
        texts = dict(
            db.session.execute(
                select(Translation.key, Translation.text).where(
                    Translation.consultation_id == kept_pages.shape_value(shape, Consultation.id),
                    Translation.language == language,
                    Translation.key.in_(("title", "introduction")),
                )
            ).all()
        )
        kept = _keep(key, (texts.get("title", title), texts.get("introduction", introduction)))
    return kept


def _keep(key: str, value):
    if len(_kept) >= _KEPT:
        _kept.clear()
    _kept[key] = value
    return value
