"""The open answers of one question for the board: a page at a time, searched and filtered in
SQL; its themes and the answers tagged with them; and the answers marked as quotes, which go
into the results (and so into frozen evidence) for an advice to cite.

An open answer is addressed by its response's random id, never by its row id: row ids count
up in the order answers came in, and the order must not help to pair an answer with a person.
The small-group rule of the results page applies: no text of a question that fewer than
MIN_GROUP_SIZE respondents answered.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.extensions import db
from consult.results.figures import ConsultationResults, ThemeCount
from consult.results.models import THEME_LABEL_LENGTH, AnswerQuote, AnswerTheme, answer_theme_tags
from consult.surveys.models.questions import QuestionKind
from consult.surveys.models.responses import Answer, Response

PER_PAGE = 50
#: The theme filter that finds the answers without any theme.
UNTAGGED = "none"
OPEN_KINDS = (QuestionKind.OPEN_TEXT, QuestionKind.SHORT_TEXT)
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


def takes_open_answers(question) -> bool:
    """Whether the question has written answers: open questions, and choices with "other"."""
    kind = QuestionKind(question.kind)
    return kind in OPEN_KINDS or (kind in CHOICE_KINDS and question.allows_other)


def open_question(consultation, question_id: int):
    """The consultation's question with this id if it takes open answers, else None."""
    return next(
        (q for q in consultation.questions if q.id == question_id and takes_open_answers(q)),
        None,
    )


def may_show(question) -> bool:
    """Whether the question's answers may be read: as on the results page, at least
    MIN_GROUP_SIZE respondents to the consultation and to the question."""
    minimum = current_app.config["MIN_GROUP_SIZE"]
    respondents = db.session.scalar(
        select(func.count(Response.id)).where(Response.consultation_id == question.consultation_id)
    )
    answered = db.session.scalar(
        select(func.count(Answer.response_id.distinct())).where(Answer.question_id == question.id)
    )
    return respondents >= minimum and answered >= minimum


def _shown_or_refuse(question) -> None:
    if not may_show(question):
        raise DomainError(_("Too few people answered this question to show or sort its answers."))


@dataclass(frozen=True)
class AnswerFilter:
    """Which open answers to list: containing ``search`` (any case), with ``theme``."""

    search: str = ""
    #: A theme's id, UNTAGGED, or None for all.
    theme: int | str | None = None


@dataclass
class OpenAnswer:
    """One open answer as the board's page shows it."""

    key: uuid.UUID  #: its response's random id
    text: str
    theme_ids: set[int] = field(default_factory=set)
    quoted: bool = False
    #: The language it was answered in, when not the consultation's own (a translation's).
    language: str | None = None


def _escaped(search: str) -> str:
    """``search`` as a LIKE pattern for "contains", its own % and _ taken literally."""
    plain = search.strip().lower()
    for special in ("\\", "%", "_"):
        plain = plain.replace(special, "\\" + special)
    return f"%{plain}%"


def _matching(question, filters: AnswerFilter):
    answered_in = select(Response.language).where(Response.id == Answer.response_id)
    query = select(
        Answer.id, Answer.response_id, Answer.text, answered_in.scalar_subquery().label("language")
    ).where(Answer.question_id == question.id, Answer.text.is_not(None))
    if filters.search.strip():
        query = query.where(func.lower(Answer.text).like(_escaped(filters.search), escape="\\"))
    tagged = exists().where(answer_theme_tags.c.answer_id == Answer.id)
    if filters.theme == UNTAGGED:
        query = query.where(~tagged)
    elif filters.theme is not None:
        query = query.where(tagged.where(answer_theme_tags.c.theme_id == filters.theme))
    return query


def page_of(question, filters: AnswerFilter, page: int = 1) -> tuple[list[OpenAnswer], int]:
    """One page of the matching answers, alphabetically, and how many match.

    :param page: 1 for the first; pages past the last are empty.
    """
    query = _matching(question, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(
        query.order_by(Answer.text, Answer.response_id)
        .limit(PER_PAGE)
        .offset((max(page, 1) - 1) * PER_PAGE)
    ).all()
    own = question.consultation.language
    found = {
        answer_id: OpenAnswer(response_id, text, language=None if language == own else language)
        for answer_id, response_id, text, language in rows
    }
    tags = db.session.execute(
        select(answer_theme_tags.c.answer_id, answer_theme_tags.c.theme_id).where(
            answer_theme_tags.c.answer_id.in_(found)
        )
    )
    for answer_id, theme_id in tags:
        found[answer_id].theme_ids.add(theme_id)
    quoted = db.session.scalars(
        select(AnswerQuote.answer_id).where(AnswerQuote.answer_id.in_(found))
    )
    for answer_id in quoted:
        found[answer_id].quoted = True
    return list(found.values()), total


def open_answer(question, key: uuid.UUID) -> Answer | None:
    """The question's written answer in the response with this id, if there is one."""
    return db.session.scalar(
        select(Answer).where(
            Answer.question_id == question.id,
            Answer.response_id == key,
            Answer.text.is_not(None),
        )
    )


def themes_of(question) -> list[AnswerTheme]:
    """The question's themes in alphabetical order."""
    return db.session.scalars(
        select(AnswerTheme)
        .where(AnswerTheme.question_id == question.id)
        .order_by(func.lower(AnswerTheme.label))
    ).all()


def chosen_themes(question, ids: list[str]) -> list[AnswerTheme] | None:
    """The question's themes with these ids (as posted); None when any is not one of them."""
    by_id = {str(theme.id): theme for theme in themes_of(question)}
    if any(value not in by_id for value in ids):
        return None
    return [by_id[value] for value in dict.fromkeys(ids)]


def theme_counts(question) -> tuple[dict[int, int], int, int]:
    """Per theme id its answers; the answers without a theme; all open answers. In SQL."""
    rows = db.session.execute(
        select(AnswerTheme.id, func.count(answer_theme_tags.c.answer_id))
        .outerjoin(answer_theme_tags, answer_theme_tags.c.theme_id == AnswerTheme.id)
        .where(AnswerTheme.question_id == question.id)
        .group_by(AnswerTheme.id)
    )
    counts = dict(rows.all())
    total = _open_totals([question.id]).get(question.id, 0)
    untagged = db.session.scalar(
        select(func.count()).select_from(
            _matching(question, AnswerFilter(theme=UNTAGGED)).subquery()
        )
    )
    return counts, untagged, total


def _open_totals(question_ids) -> dict[int, int]:
    # The written answers are the rows without option and number (the check constraint
    # has_value), so ix_answers_counts finds and counts them without reading the rows.
    rows = db.session.execute(
        select(Answer.question_id, func.count())
        .where(
            Answer.question_id.in_(question_ids),
            Answer.option_id.is_(None),
            Answer.number.is_(None),
        )
        .group_by(Answer.question_id)
    )
    return dict(rows.all())


def annotate(results: ConsultationResults) -> dict[int, int]:
    """Give each question the results show its theme counts and marked quotes (over all
    responses, whatever channel the results count).

    :returns: per question shown with open answers, how many there are in all.
    """
    # Only questions with written answers: counting the others would read every answer row.
    shown = {
        q.question_id: q
        for q in results.questions
        if not q.suppressed and (q.kind in OPEN_KINDS or q.open_answers)
    }
    totals = _open_totals(shown)
    tally = func.count(answer_theme_tags.c.answer_id)
    rows = db.session.execute(
        select(AnswerTheme.question_id, AnswerTheme.label, tally)
        .outerjoin(answer_theme_tags, answer_theme_tags.c.theme_id == AnswerTheme.id)
        .where(AnswerTheme.question_id.in_(shown))
        .group_by(AnswerTheme.id, AnswerTheme.question_id, AnswerTheme.label)
        .order_by(func.lower(AnswerTheme.label))
    )
    counted = defaultdict(list)
    for question_id, label, count in rows:
        share = round(100 * count / totals[question_id], 1) if totals.get(question_id) else 0.0
        counted[question_id].append(ThemeCount(label, count, share))
    quotes = db.session.execute(
        select(AnswerQuote.question_id, Answer.text)
        .join(Answer, Answer.id == AnswerQuote.answer_id)
        .where(AnswerQuote.question_id.in_(shown))
        .order_by(Answer.text)
    )
    for question_id, text in quotes:
        shown[question_id].quotes.append(text)
    for question_id, question in shown.items():
        question.themes = counted.get(question_id, [])
    return totals


def _taken(label: str) -> DomainError:
    return DomainError(_("This question already has a theme “%(label)s”.", label=label))


def _checked_label(question, label: str, theme: AnswerTheme | None = None) -> str:
    """The label cleaned up.

    :raises DomainError: empty, too long, or the name of another theme of the question.
    """
    label = " ".join(label.split())
    if not label:
        raise DomainError(_("Enter a name for the theme."))
    if len(label) > THEME_LABEL_LENGTH:
        raise DomainError(
            _("A theme's name can be at most %(max)d characters.", max=THEME_LABEL_LENGTH)
        )
    others = [t.label for t in themes_of(question) if t is not theme]
    if label.casefold() in {other.casefold() for other in others}:
        raise _taken(label)
    return label


def add_theme(question, label: str, actor=None) -> AnswerTheme:
    """A new theme for the question's open answers.

    :raises DomainError: see ``_checked_label``, or when the answers may not be shown.
    """
    _shown_or_refuse(question)
    theme = AnswerTheme(
        organisation_id=question.consultation.organisation_id,
        question_id=question.id,
        label=_checked_label(question, label),
    )
    _store(theme)
    _record(question, "theme.added", actor, theme=theme.id)
    return theme


def _store(theme: AnswerTheme) -> None:
    """Write the theme now; the unique label decides between two board members naming a
    theme the same at the same moment.

    :raises DomainError: for the later of the two.
    """
    try:
        with db.session.begin_nested():
            db.session.add(theme)
    except IntegrityError:
        raise _taken(theme.label) from None


def rename_theme(theme: AnswerTheme, question, label: str, actor=None) -> AnswerTheme:
    """Give the theme another name; the answers keep it.

    :raises DomainError: see ``_checked_label``.
    """
    theme.label = _checked_label(question, label, theme)
    _store(theme)
    _record(question, "theme.renamed", actor, theme=theme.id)
    return theme


def remove_theme(theme: AnswerTheme, question, actor=None) -> None:
    """Delete the theme; the answers lose it (their tags go with it)."""
    db.session.execute(delete(answer_theme_tags).where(answer_theme_tags.c.theme_id == theme.id))
    db.session.delete(theme)
    _record(question, "theme.removed", actor, theme=theme.id)


def tag_answer(question, answer: Answer, themes: list[AnswerTheme], quoted: bool, actor=None):
    """Give the open answer exactly these themes, and mark it as a quote or not.

    :param themes: themes of ``question`` (see ``chosen_themes``).
    :raises DomainError: when the question's answers may not be shown.
    """
    _shown_or_refuse(question)
    if any(theme.question_id != question.id for theme in themes):
        raise DomainError(_("Choose only themes of this question."))
    wanted = {theme.id for theme in themes}
    held = set(
        db.session.scalars(
            select(answer_theme_tags.c.theme_id).where(answer_theme_tags.c.answer_id == answer.id)
        )
    )
    if wanted != held:
        _set_tags(answer, held - wanted, wanted - held)
        _record(question, "open_answer.tagged", actor, themes=sorted(wanted))
    mark = db.session.get(AnswerQuote, answer.id)
    if quoted and mark is None:
        db.session.add(
            AnswerQuote(
                organisation_id=question.consultation.organisation_id,
                answer_id=answer.id,
                question_id=question.id,
                marked_by=getattr(actor, "email", None) or "Consult",
            )
        )
        _record(question, "open_answer.quoted", actor)
    elif not quoted and mark is not None:
        db.session.delete(mark)
        _record(question, "open_answer.unquoted", actor)


def _set_tags(answer: Answer, removed: set[int], added: set[int]) -> None:
    if removed:
        db.session.execute(
            delete(answer_theme_tags).where(
                answer_theme_tags.c.answer_id == answer.id,
                answer_theme_tags.c.theme_id.in_(removed),
            )
        )
    if added:
        db.session.execute(
            insert(answer_theme_tags), [{"answer_id": answer.id, "theme_id": t} for t in added]
        )


def _record(question, action: str, actor, **details) -> None:
    """The audit entry of a change: which question and theme, never an answer's text."""
    organisation = question.consultation.organisation
    audit.record(organisation, action, f"question {question.id}", actor=actor, **details)
    current_app.logger.info("%s of question %s by %s", action, question.id, actor)
