"""Building a questionnaire: questions, their order, pages and conditions, and copies.

While a consultation is a draft everything can change. Once published, only the wording
can (question, help text, option labels), so that stored answers keep their meaning; each
such change is in the audit log.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from flask_babel import gettext as _

from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys.answers import CHOICE_KINDS
from consult.surveys.models.consultations import Consultation, ConsultationStatus
from consult.surveys.models.questions import (
    AGREE_SCALE,
    CONDITION_KINDS,
    KINDS_WITH_OPTIONS,
    RATING_POINTS,
    YES_NO,
    ConditionOperator,
    DateLimit,
    Question,
    QuestionKind,
    QuestionOption,
)

#: Kinds whose settings need at least two options (statements for the matrix).
MIN_OPTIONS = 2


@dataclass
class QuestionSpec:
    """Everything the board sets on a question."""

    kind: QuestionKind
    text: str
    help_text: str = ""
    required: bool = True
    options: list[str] = field(default_factory=list)
    allows_other: bool = False
    max_choices: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    shows_nps: bool = False
    earliest_on: date | None = None
    latest_on: date | None = None
    date_limit: str | None = None

    def cleaned(self) -> "QuestionSpec":
        """The spec with surrounding space removed and settings that do not apply dropped.

        :raises DomainError: when a setting does not fit the kind of question.
        """
        kind = QuestionKind(self.kind)
        text = self.text.strip()
        if not text:
            raise DomainError(_("Type the question."))
        labels = [label.strip() for label in self.options if label.strip()]
        if kind not in KINDS_WITH_OPTIONS:
            labels = []
        elif len(labels) < MIN_OPTIONS:
            raise DomainError(_("This kind of question needs at least two options, one per line."))
        elif len({label.casefold() for label in labels}) != len(labels):
            raise DomainError(_("Each option may be given only once."))
        spec = QuestionSpec(
            kind,
            text,
            (self.help_text or "").strip(),
            self.required and kind != QuestionKind.INFORMATION,
            labels,
            self.allows_other and kind in CHOICE_KINDS,
            self.max_choices
            if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING)
            else None,
            self.min_value if kind == QuestionKind.NUMBER else None,
            self.max_value if kind == QuestionKind.NUMBER else None,
            self.shows_nps and kind == QuestionKind.RATING,
            *self._date_bounds(kind),
        )
        if spec.max_choices is not None and not 1 <= spec.max_choices <= len(labels):
            raise DomainError(
                _("The maximum must be between 1 and the number of options (%(n)d).", n=len(labels))
            )
        if None not in (spec.min_value, spec.max_value) and spec.min_value > spec.max_value:
            raise DomainError(_("The smallest number must not be larger than the largest."))
        if None not in (spec.earliest_on, spec.latest_on) and spec.earliest_on > spec.latest_on:
            raise DomainError(_("The earliest date must not be later than the latest."))
        return spec

    def _date_bounds(self, kind: QuestionKind) -> tuple:
        """(earliest, latest, relative limit) for a date question; none for other kinds."""
        if kind != QuestionKind.DATE:
            return None, None, None
        limit = DateLimit(self.date_limit).value if self.date_limit else None
        return self.earliest_on, self.latest_on, limit


def _require_draft(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.DRAFT:
        raise DomainError(
            _(
                "Once published, only the wording of questions can change,"
                " so that answers keep their meaning."
            )
        )


def ordered(consultation: Consultation) -> list[Question]:
    """The questions in the order tenants see them."""
    return sorted(consultation.questions, key=lambda q: (q.page, q.position))


def _renumber(consultation: Consultation) -> None:
    """Positions 0, 1, 2, ... and pages 1, 2, 3, ... without gaps, keeping the order."""
    page_numbers: dict[int, int] = {}
    for position, question in enumerate(ordered(consultation)):
        page_numbers.setdefault(question.page, len(page_numbers) + 1)
        question.position, question.page = position, page_numbers[question.page]


def _apply(question: Question, spec: QuestionSpec, keep_by_label: bool = True) -> None:
    """Set the question to ``spec``.

    :param keep_by_label: options keep their identity by label (a draft: removing or moving
        a line keeps what conditions test); otherwise by position (published: a reworded
        option stays the same option, so stored answers keep their meaning).
    """
    question.kind, question.text, question.help_text = spec.kind, spec.text, spec.help_text
    question.required, question.allows_other = spec.required, spec.allows_other
    question.max_choices, question.shows_nps = spec.max_choices, spec.shows_nps
    question.min_value, question.max_value = spec.min_value, spec.max_value
    question.earliest_on, question.latest_on = spec.earliest_on, spec.latest_on
    question.date_limit = spec.date_limit
    if keep_by_label:
        existing = {option.label.casefold(): option for option in question.options}
        chosen = [
            existing.pop(label.casefold(), None) or QuestionOption() for label in spec.options
        ]
    else:
        chosen = question.options[: len(spec.options)]
    for position, (option, label) in enumerate(zip(chosen, spec.options, strict=True)):
        option.label, option.position = label, position
    question.options[:] = chosen


def add_question(
    consultation, kind, text, help_text="", required=True, options=(), *, new_page=False, **settings
) -> Question:
    """Append a question (on a new page when asked) to a draft consultation.

    :param settings: allows_other, max_choices, min_value, max_value, shows_nps, and for
        a date question earliest_on, latest_on, date_limit.
    :raises DomainError: when the consultation is published or a setting does not fit.
    """
    spec = QuestionSpec(kind, text, help_text, required, list(options), **settings)
    return add_spec(consultation, spec, new_page=new_page)


def add_spec(consultation, spec: QuestionSpec, new_page: bool = False) -> Question:
    """Append the question ``spec`` describes; see ``add_question``."""
    _require_draft(consultation)
    spec = spec.cleaned()
    existing = ordered(consultation)
    last_page = existing[-1].page if existing else 1
    question = Question(
        position=len(existing), page=last_page + 1 if new_page and existing else last_page
    )
    _apply(question, spec)
    consultation.questions.append(question)
    db.session.flush()
    return question


def update_question(question: Question, spec: QuestionSpec, actor=None) -> None:
    """Change a question: anything while a draft, only the wording once published.

    :raises DomainError: when the change is not allowed or a setting does not fit.
    """
    spec = spec.cleaned()
    consultation = question.consultation
    current = _spec_of(question)
    if consultation.status == ConsultationStatus.DRAFT:
        before = {option.id for option in question.options}
        _apply(question, spec)
        removed = before - {option.id for option in question.options}
        for dependent in consultation.questions:
            if dependent.condition_question_id != question.id:
                continue
            dependent.condition_values = [
                value for value in dependent.condition_values if value not in removed
            ]
            if spec.kind != current.kind or not dependent.condition_values:
                _clear(dependent)
        db.session.flush()
        return
    reworded = replace(current, text=spec.text, help_text=spec.help_text, options=spec.options)
    if reworded != spec or len(spec.options) != len(current.options):
        _require_draft(consultation)
    for position, label in enumerate(spec.options):
        if any(
            label.casefold() == other.casefold()
            for index, other in enumerate(current.options)
            if index != position
        ):
            raise DomainError(
                _("Once published, options cannot change places: stored answers would change.")
            )
    _apply(question, spec, keep_by_label=False)
    audit.record(
        consultation.organisation, "question.reworded", f"question {question.id}", actor=actor
    )
    db.session.flush()


def _clear(question: Question) -> None:
    question.condition_question_id, question.condition_operator = None, None
    question.condition_values = []


def remove_question(question: Question) -> None:
    """Remove a question from a draft; conditions that depended on it are removed too."""
    consultation = question.consultation
    _require_draft(consultation)
    for other in consultation.questions:
        if other.condition_question_id == question.id:
            _clear(other)
    consultation.questions.remove(question)
    db.session.flush()
    _renumber(consultation)


def move_question(question: Question, up: bool) -> None:
    """Move a question one place up or down; at a page's edge it moves to the next page.

    :raises DomainError: at the very start or end, or when a condition would then refer
        to a question that comes later.
    """
    consultation = question.consultation
    _require_draft(consultation)
    questions = ordered(consultation)
    index = questions.index(question)
    neighbour_index = index - 1 if up else index + 1
    if not 0 <= neighbour_index < len(questions):
        raise DomainError(_("The question cannot move further."))
    neighbour = questions[neighbour_index]
    if neighbour.page != question.page:
        question.page = neighbour.page
    else:
        question.position, neighbour.position = neighbour.position, question.position
    _renumber(consultation)
    _check_conditions_refer_back(consultation)


def toggle_page_break(question: Question) -> None:
    """Start a new page at this question, or join its page with the previous one."""
    consultation = question.consultation
    _require_draft(consultation)
    questions = ordered(consultation)
    index = questions.index(question)
    if index == 0:
        raise DomainError(_("The first question always starts the first page."))
    step = 1 if questions[index - 1].page == question.page else -1
    for later in questions[index:]:
        later.page += step
    _renumber(consultation)
    _check_conditions_refer_back(consultation)


def condition_choices(question: Question) -> list[tuple[int, str]]:
    """The values a condition on ``question`` can test, as (value, label)."""
    kind = QuestionKind(question.kind)
    if kind in CHOICE_KINDS:
        return [(option.id, option.label) for option in question.options]
    if kind == QuestionKind.AGREE_SCALE:
        return [(number, str(label)) for number, label in AGREE_SCALE.items()]
    if kind == QuestionKind.YES_NO:
        return [(number, str(label)) for number, label in YES_NO.items()]
    if kind == QuestionKind.RATING:
        return [(number, str(number)) for number in RATING_POINTS]
    return []


def set_condition(question: Question, on_question: Question | None, operator, values) -> None:
    """Show ``question`` only when the earlier ``on_question``'s answer matches (None: always).

    :raises DomainError: when the other question is not earlier, cannot be tested, or the
        values are not possible answers to it.
    """
    consultation = question.consultation
    _require_draft(consultation)
    if on_question is None:
        _clear(question)
        return
    if on_question not in consultation.questions or on_question.page >= question.page:
        raise DomainError(
            _(
                "A question can only depend on a question on an earlier page."
                " Start a new page before this question first."
            )
        )
    if QuestionKind(on_question.kind) not in CONDITION_KINDS:
        raise DomainError(_("Choose a question with answers to choose from."))
    possible = {value for value, _label in condition_choices(on_question)}
    values = list(dict.fromkeys(values))
    operator = ConditionOperator(operator)
    if not values or not set(values) <= possible:
        raise DomainError(_("Choose one or more of the answers to that question."))
    if operator == ConditionOperator.EQUALS and len(values) != 1:
        raise DomainError(_("With 'is', choose exactly one answer; use 'is one of' for several."))
    question.condition_question_id = on_question.id
    question.condition_operator, question.condition_values = operator, values
    db.session.flush()


def _check_conditions_refer_back(consultation) -> None:
    """Every condition tests a question on an earlier page: a tenant's answers count once
    their page is saved, so a question cannot depend on one beside it."""
    page_of = {question.id: question.page for question in consultation.questions}
    for question in consultation.questions:
        target = question.condition_question_id
        if target is not None and page_of[target] >= question.page:
            raise DomainError(
                _(
                    "A question can only depend on a question on an earlier page;"
                    " this change would break that."
                )
            )


def copy_consultation(consultation: Consultation, title: str, opens_on, closes_on) -> Consultation:
    """A new draft with the same introduction, questions, pages and conditions."""
    from consult.surveys.services import create_consultation

    copy = create_consultation(
        consultation.organisation,
        title,
        consultation.introduction,
        opens_on,
        closes_on,
        language=consultation.language,
    )
    new_ids: dict[int, Question] = {}
    option_ids: dict[int, QuestionOption] = {}
    for source in ordered(consultation):
        question = Question(
            page=source.page,
            position=source.position,
            condition_operator=source.condition_operator,
        )
        _apply(question, _spec_of(source))
        copy.questions.append(question)
        db.session.flush()
        new_ids[source.id] = question
        option_ids.update(zip([o.id for o in source.options], question.options, strict=True))
    for source in ordered(consultation):
        if source.condition_question_id is None:
            continue
        question, tested = new_ids[source.id], source.condition_question
        question.condition_question_id = new_ids[tested.id].id
        question.condition_values = (
            [option_ids[value].id for value in source.condition_values]
            if QuestionKind(tested.kind) in CHOICE_KINDS
            else list(source.condition_values)
        )
    db.session.flush()
    return copy


def _spec_of(question: Question) -> QuestionSpec:
    return QuestionSpec(
        QuestionKind(question.kind),
        question.text,
        question.help_text,
        question.required,
        [option.label for option in question.options],
        question.allows_other,
        question.max_choices,
        question.min_value,
        question.max_value,
        question.shows_nps,
        question.earliest_on,
        question.latest_on,
        question.date_limit,
    )
