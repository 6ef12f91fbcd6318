"""The board's texts of a consultation: saving, resetting, and the one that a member gets.

Sending picks the text in the member's language, else the one in the consultation's own
language, else none: then the app's default in the member's interface language is sent.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.texts import placeholders
from consult.texts.catalog import Kind
from consult.texts.models import ConsultationText


def text_of(consultation, kind: str, language: str) -> ConsultationText | None:
    """The board's own text of ``kind`` in exactly ``language``, if it wrote one."""
    return db.session.scalar(
        select(ConsultationText).where(
            ConsultationText.consultation_id == consultation.id,
            ConsultationText.kind == kind,
            ConsultationText.language == language,
        )
    )


def texts_by_language(consultation_id: int, kind: str) -> dict[str, ConsultationText]:
    """language -> the board's text of ``kind``: loaded once for a batch of letters."""
    rows = db.session.scalars(
        select(ConsultationText).where(
            ConsultationText.consultation_id == consultation_id, ConsultationText.kind == kind
        )
    )
    return {text.language: text for text in rows}


def pick(texts: dict[str, ConsultationText], locale: str, source: str) -> ConsultationText | None:
    """The text for a member with ``locale``: theirs, else the consultation's ``source``."""
    return texts.get(locale) or texts.get(source)


def text_for(consultation, kind: str, locale: str) -> ConsultationText | None:
    """The board's text a member with ``locale`` gets, or None for the app's default (from
    ``consultation.board_texts``, which a batch of mails loads at once)."""
    texts = {text.language: text for text in consultation.board_texts if text.kind == kind}
    return pick(texts, locale, consultation.language)


def written(consultation) -> set[tuple[str, str]]:
    """(kind, language) of every text the board wrote for the consultation."""
    rows = db.session.execute(
        select(ConsultationText.kind, ConsultationText.language).where(
            ConsultationText.consultation_id == consultation.id
        )
    )
    return {(kind, language) for kind, language in rows}


def save_text(consultation, kind: Kind, language: str, subject, body: str, actor=None):
    """Keep the board's text of ``kind`` in ``language``, replacing an earlier one.

    :raises DomainError: for a language not offered, an unknown placeholder or a missing
        required one; nothing is saved then.
    """
    if language not in current_app.config["QUESTIONNAIRE_LANGUAGES"]:
        raise DomainError(_("Choose one of the languages offered."))
    subject = (subject or "").strip() if kind.is_mail else None
    body = body.strip()
    if not body or (kind.is_mail and not subject):
        raise DomainError(_("Write a subject and a text."))
    placeholders.check(kind, subject, body)
    text = text_of(consultation, kind.name, language)
    if text is None:
        text = ConsultationText(
            organisation_id=consultation.organisation_id, kind=kind.name, language=language
        )
        consultation.board_texts.append(text)
    text.subject, text.body = subject, body
    db.session.flush()
    current_app.logger.info("%s saved by %s", text, actor)
    return text


def reset_text(consultation, kind: Kind, language: str, actor=None) -> None:
    """Drop the board's text: the app's default is sent again."""
    text = text_of(consultation, kind.name, language)
    if text is not None:
        consultation.board_texts.remove(text)  # an orphan: deleted
        db.session.flush()
        current_app.logger.info("%s reset to the default by %s", text, actor)
