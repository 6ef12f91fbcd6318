"""The questionnaire on paper: what is printed, in the consultation's language.

Every word of the paper form is chosen here, so ``paper_pdf`` only lays it out. Questions
carry the numbers of ``flow.numbers``, the same as the paper-entry screen, so a volunteer
finds question 7 of the paper as question 7 on the screen. A condition is written as an
instruction to skip: "Alleen als u bij vraag 1 “Ja” koos. Anders: ga naar vraag 5."
"""

from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _

from consult.core.i18n import parsed_locale
from consult.core.templating import long_date
from consult.surveys import builder, dates, flow, services
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import (
    AGREE_SCALE,
    DATE_LIMIT_LABELS,
    YES_NO,
    ConditionOperator,
    DateLimit,
    Question,
)
from consult.surveys.models.questions import QuestionKind as Kind

#: Lines to write on, by kind of open question.
WRITING_LINES = {Kind.SHORT_TEXT: 1, Kind.OPEN_TEXT: 5}


@dataclass
class PrintedQuestion:
    #: As on the paper-entry screen; None for an information block.
    number: int | None
    kind: str
    text: str
    help: str = ""
    #: "Only if ... Otherwise: go to question 7." (empty without a condition).
    instruction: str = ""
    #: Boxes to tick, one per choice (a matrix: its statements; a ranking: its items).
    choices: list[str] = field(default_factory=list)
    #: The tick-box columns of a matrix or rating row: ("1", "2", ...) or ("0", ..., "10").
    columns: list[str] = field(default_factory=list)
    #: What the columns mean ("1 = Strongly disagree ...", "0 is very bad ...").
    legend: str = ""
    #: "Other, namely:" with a line after it (empty: no such choice).
    other: str = ""
    #: A note on how to answer ("Choose at most 2.", "Write a number from 0 to 12.").
    note: str = ""
    writing_lines: int = 0


@dataclass
class PrintedQuestionnaire:
    language: str
    title: str
    introduction: str
    organisation: str
    return_address: str
    #: "Please return this form before 1 March 2027 to:".
    return_heading: str
    how_to: str
    #: The link the QR code holds (empty: no code printed) and the words beside it.
    link: str
    link_note: str
    #: The member's short code, printed beside the QR code (empty on a blank form).
    code: str
    questions: list[PrintedQuestion]
    the_end: str


def questionnaire_of(
    consultation: Consultation, link: str = "", code: str = ""
) -> PrintedQuestionnaire:
    """The paper questionnaire in the consultation's language.

    :param link: the address the QR code opens (the open link, or a member's own link).
    :param code: a personal short code to print beside it (see ``personal_link``).
    """
    with force_locale(parsed_locale(consultation.language)):
        return _build(consultation, link, code)


def _build(consultation: Consultation, link: str, code: str) -> PrintedQuestionnaire:
    questions = services.questions_with_options(consultation)
    numbers = flow.numbers(questions)
    printed = [_printed(question, questions, numbers) for question in questions]
    return PrintedQuestionnaire(
        language=consultation.language,
        title=consultation.title,
        introduction=consultation.introduction,
        organisation=consultation.organisation.name,
        return_address=consultation.organisation.return_address,
        return_heading=_(
            "Please return this form before %(date)s to:", date=long_date(consultation.closes_on)
        ),
        how_to=_(
            "Put a cross in the box of your answer and write on the lines. Answer only the "
            "questions that apply to you: where it says “go to question”, continue there."
        ),
        link=link,
        link_note=(
            _("Rather answer online? Scan this code with your phone's camera.") if link else ""
        ),
        code=code,
        questions=printed,
        the_end=_("This is the end of the questionnaire. Thank you for taking part."),
    )


def _printed(question: Question, questions: list[Question], numbers: dict) -> PrintedQuestion:
    kind = Kind(question.kind)
    printed = PrintedQuestion(
        numbers.get(question.id),
        kind,
        question.text,
        question.help_text,
        instruction=_instruction(question, questions, numbers),
    )
    if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.RANKING, Kind.MATRIX):
        printed.choices = [option.label for option in question.options]
    if kind == Kind.YES_NO:
        printed.choices = [str(YES_NO[1]), str(YES_NO[0])]
    if kind == Kind.AGREE_SCALE:
        printed.choices = [str(label) for label in AGREE_SCALE.values()]
    if kind == Kind.MATRIX:
        printed.columns = [str(point) for point in AGREE_SCALE]
        printed.legend = "   ".join(f"{point} = {label}" for point, label in AGREE_SCALE.items())
    if kind == Kind.RATING:
        printed.columns = [str(point) for point in range(11)]
        printed.legend = _("0 is very bad, 10 is excellent.")
    if question.allows_other:
        printed.other = _("Other, namely:")
    printed.note = _note(question)
    printed.writing_lines = WRITING_LINES.get(kind, 0)
    return printed


def _note(question: Question) -> str:
    kind = Kind(question.kind)
    if kind in (Kind.SINGLE_CHOICE, Kind.YES_NO, Kind.AGREE_SCALE):
        return _("Tick one box.")
    if kind == Kind.MULTIPLE_CHOICE:
        if question.max_choices:
            return _("Tick at most %(n)d boxes.", n=question.max_choices)
        return _("Tick all boxes that apply.")
    if kind == Kind.MATRIX:
        return _("Tick one box on each line.")
    if kind == Kind.RANKING:
        places = question.max_choices or len(question.options)
        return _(
            "Write 1 in the box of what matters most to you, 2 by the next, up to %(n)d.",
            n=places,
        )
    if kind == Kind.NUMBER:
        return _number_note(question)
    if kind == Kind.DATE:
        return _date_note(question)
    if kind == Kind.PHOTO:
        return _("A photo can only be added online, through the QR code or the link.")
    return ""


def _date_note(question: Question) -> str:
    """How to write the date, with its fixed bounds and any relative one."""
    parts = [_("Write the date as day - month - year.")]
    if question.earliest_on:
        parts.append(_("Not before %(day)s.", day=dates.shown(question.earliest_on)))
    if question.latest_on:
        parts.append(_("Not after %(day)s.", day=dates.shown(question.latest_on)))
    if question.date_limit:
        parts.append(str(DATE_LIMIT_LABELS[DateLimit(question.date_limit)]) + ".")
    return " ".join(parts)


def _number_note(question: Question) -> str:
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        return _("Write a whole number from %(low)d to %(high)d.", low=low, high=high)
    return _("Write a whole number.")


def _instruction(question: Question, questions: list[Question], numbers: dict) -> str:
    """ "Only if at question 1 you chose “Yes”. Otherwise: go to question 5." """
    on = question.condition_question
    if on is None or not question.condition_operator:
        return ""
    values = dict(builder.condition_choices(on))
    chosen = ", ".join(f"“{values.get(value, value)}”" for value in question.condition_values)
    if question.condition_operator == ConditionOperator.NOT:
        only_if = _(
            "Only if at question %(n)d you did not choose %(values)s.",
            n=numbers.get(on.id, 0),
            values=chosen,
        )
    else:
        only_if = _(
            "Only if at question %(n)d you chose %(values)s.",
            n=numbers.get(on.id, 0),
            values=chosen,
        )
    following = _skip_to(question, questions, numbers)
    otherwise = (
        _("Otherwise: go to question %(n)d.", n=following)
        if following
        else _("Otherwise: you have finished the questionnaire.")
    )
    return f"{only_if} {otherwise}"


def _skip_to(question: Question, questions: list[Question], numbers: dict) -> int | None:
    """The number of the first question after ``question`` and after the questions right
    behind it with the same condition (they are skipped together), or None at the end."""
    same = (
        question.condition_question_id,
        question.condition_operator,
        sorted(question.condition_values or []),
    )
    after = questions[questions.index(question) + 1 :]
    for later in after:
        condition = (
            later.condition_question_id,
            later.condition_operator,
            sorted(later.condition_values or []),
        )
        if later.asks_answer and condition != same:
            return numbers[later.id]
    return None
