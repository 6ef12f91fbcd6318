"""The answer pages, shared by every way of answering (invitation link, open link).

A caller says where the answers so far are kept and what "send" means; this module does the
paging: show a page, check it, save it, and go back, forward, stay, or finish.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect, render_template, request

from consult.extensions import db
from consult.surveys import flow
from consult.surveys.answer_forms import answer_form
from consult.surveys.services import questions_with_options


@dataclass
class AnswerSession:
    """One respondent's way through a questionnaire."""

    consultation: object
    saved: dict[int, dict]  #: the answers saved so far
    save: Callable[[dict[int, dict]], None]  #: keeps the answers (the caller commits later)
    finish: Callable[[], object]  #: sends the saved answers; returns the response to give
    page_url: Callable[[int], str]
    saved_note: str  #: what to tell after "save and continue later"


def answer_pages(session: AnswerSession):
    """Show the requested page, or save the posted one and move on; every page saves."""
    questions = questions_with_options(session.consultation)
    all_pages = flow.pages(questions, session.saved)
    number = request.args.get("page", type=int) or flow.resume_page(all_pages, session.saved)
    number = min(max(number, 1), len(all_pages))
    form = answer_form(all_pages[number - 1])
    step = request.form.get("step", "next")
    if request.method == "GET":
        form.fill(session.saved)
    elif form.check(required=step in ("next", "send")):
        answers = {**session.saved, **form.answers()}
        session.save(answers)
        db.session.commit()
        pages_now = len(flow.pages(questions, answers))
        if step == "back":
            return redirect(session.page_url(max(number - 1, 1)))
        if step == "save":
            flash(session.saved_note, "info")
            return redirect(session.page_url(number))
        if step == "next" and number < pages_now:
            return redirect(session.page_url(number + 1))
        return session.finish()
    shown = [question for page in all_pages for question in page]
    before = [question for page in all_pages[: number - 1] for question in page]
    return render_template(
        "invitations/respond.html",
        consultation=session.consultation,
        form=form,
        action=session.page_url(number),
        page=number,
        pages=len(all_pages),
        first_number=len(flow.counted(before)) + 1,
        total=len(flow.counted(shown)),
    )
