"""Which questions a tenant sees, page by page, given the answers so far.

Conditions are evaluated on the server, in question order: a question is shown when its
condition holds on the answers to the questions shown before it. Answers to questions that
are not shown are dropped and never stored.
"""

from itertools import groupby

from consult.core.errors import DomainError
from consult.surveys.answers import condition_holds, is_empty, rows
from consult.surveys.models.questions import Question


def shown_questions(questions: list[Question], answers: dict[int, dict]) -> list[Question]:
    """The questions (and information blocks) shown, in order."""
    shown, shown_answers = [], {}
    for question in questions:
        if condition_holds(question, shown_answers):
            shown.append(question)
            if question.id in answers:
                shown_answers[question.id] = answers[question.id]
    return shown


def shown_answers(questions: list[Question], answers: dict[int, dict]) -> dict[int, dict]:
    """The answers to shown questions only, without empty ones."""
    return {
        question.id: answers[question.id]
        for question in shown_questions(questions, answers)
        if not is_empty(answers.get(question.id))
    }


def pages(questions: list[Question], answers: dict[int, dict]) -> list[list[Question]]:
    """The pages the tenant goes through: shown questions grouped by page, empty pages left out."""
    return [
        list(on_page)
        for _, on_page in groupby(shown_questions(questions, answers), key=lambda q: q.page)
    ]


def counted(questions: list[Question]) -> list[Question]:
    """The questions that ask an answer (information blocks are not numbered)."""
    return [question for question in questions if question.asks_answer]


def numbers(questions: list[Question]) -> dict[int, int]:
    """Each question's number (question id -> 1, 2, ...), as the paper-entry screen and the
    printed questionnaire show it: every question that asks an answer, in order, whatever its
    condition; information blocks have none."""
    return {question.id: number for number, question in enumerate(counted(questions), start=1)}


def resume_page(all_pages: list[list[Question]], answers: dict[int, dict]) -> int:
    """The page (1-based) to continue on: page 1 for a newcomer (it has the introduction),
    else the page after the last one with a saved answer, or an earlier one where a
    required question is still open."""
    answered = [
        number
        for number, on_page in enumerate(all_pages, start=1)
        if any(q.id in answers for q in on_page)
    ]
    if not answered:
        return 1
    unfit = first_unfit_page(all_pages, answers)
    for number, on_page in enumerate(all_pages, start=1):
        if number == unfit or any(
            q.required and is_empty(answers.get(q.id)) for q in counted(on_page)
        ):
            return min(number, max(answered) + 1)
    return min(max(answered) + 1, len(all_pages))


def first_unfit_page(all_pages: list[list[Question]], answers: dict[int, dict]) -> int | None:
    """The first page (1-based) with a filled-in answer that cannot be sent as it is (saved
    for later with a mistake), or None."""
    for number, on_page in enumerate(all_pages, start=1):
        for question in counted(on_page):
            try:
                rows(question, answers.get(question.id))
            except (DomainError, TypeError, ValueError):
                return number
    return None
