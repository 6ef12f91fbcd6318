"""The answer pages, shared by every way of answering (invitation link, open link).

A caller says where the answers so far are kept and what "send" means; this module does the
paging: show a page, check it, save it, and go back, forward, stay, or finish. Pages before any
answer may be kept and reused (see ``kept_pages``).
"""

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import LazyString
from flask_babel import gettext as _

from consult.core.requests import whole_number
from consult.core.uploads import allow_upload
from consult.extensions import db
from consult.surveys import chrome, flow, kept_pages, translations
from consult.surveys.answer_forms import answer_form
from consult.surveys.models.consultations import Consultation


@dataclass
class AnswerSession:
    """One respondent's way through a questionnaire."""

    shape: tuple  #: ``kept_pages.shape_of`` the consultation: finds its kept page and questions
    consultation: Callable[[], object]  #: loads the consultation, only for a page to show
    saved: dict[int, dict]  #: the answers saved so far
    save: Callable[[dict[int, dict]], None]  #: keeps the answers (the caller commits later)
    #: sends these answers (keeping them as a draft if that fails); returns the response
    finish: Callable[[dict[int, dict]], object]
    page_url: Callable[[int], str]
    saved_note: LazyString  #: what to tell after "save and continue later"
    link_key: str  #: the link's own part of the page's address
    #: The questionnaire's language (``translations.chosen_language``); "" for its own.
    language: str = ""
    #: The ``?lang=`` of ``page_url``'s addresses (``translations.in_address``), or None.
    address_language: str | None = None


def allow_photos(endpoint, values) -> None:
    """A posted answer page may carry a photo (see ``photos``), larger than other requests:
    registered as the answer blueprints' URL value preprocessor, so it runs before the CSRF
    check reads the form. Other bodies keep the general MAX_CONTENT_LENGTH."""
    multipart = request.mimetype == "multipart/form-data"  # only such a body carries a file
    if request.method == "POST" and multipart and endpoint in ("answer.respond", "open.respond"):
        allow_upload(current_app.config["MAX_PHOTO_BYTES"])


def answer_pages(session: AnswerSession):
    """Show the requested page, or save the posted one and move on; every page saves.

    The form names the questions it showed: a post from a page that has changed meanwhile
    (another tab, the browser's back button after an answer hid a page) is not saved over
    other answers but shown again. "Send" sends only from the last page as it is now.
    """
    return kept_pages.page(
        session.shape,
        session.saved,
        session.link_key,
        lambda: _answer_page(session),
        session.language,
        address_language=session.address_language,
    )


def in_questionnaire_language(shape: tuple, language: str):
    """Where a page in a translation is rendered: its own texts (buttons, messages) in that
    language too (see ``chrome``); in the consultation's own language they stay in the
    visitor's screen language."""
    if not language or language == translations.offered_languages(shape)[0]:
        return nullcontext()
    return chrome.in_language(language)


def _answer_page(session: AnswerSession):
    with in_questionnaire_language(session.shape, session.language):
        return _answer_page_in_language(session)


def _answer_page_in_language(session: AnswerSession):
    own = translations.offered_languages(session.shape)[0]
    language = session.language or own
    questions = kept_pages.questionnaire(session.shape, language)
    all_pages = flow.pages(questions, session.saved)
    number = request.args.get("page", type=whole_number) or flow.resume_page(
        all_pages, session.saved
    )
    number = min(max(number, 1), len(all_pages))
    page = _Page(session, all_pages, number, language, own)
    if request.method == "GET":
        return page.shown()
    form = answer_form(all_pages[number - 1])
    form.take_photos(
        kept_pages.shape_value(session.shape, Consultation.organisation_id),
        kept_pages.shape_value(session.shape, Consultation.anonymous),
    )
    step = request.form.get("step") or ("send" if number == len(all_pages) else "next")
    posted = request.form.get("questions")
    if posted is not None and posted != page.question_ids():
        flash(_("This page has changed meanwhile. Please check your answers."), "error")
        return redirect(session.page_url(number))
    if step in ("back", "save") and form.validate():
        return _keep_and_leave(session, form, step, number)
    if step in ("next", "send") and form.check():
        return _check_and_go_on(session, form, step, number, questions)
    return page.rendered(form)


@dataclass
class _Page:
    """Page ``number`` of ``all_pages`` (as the answers so far make them) in ``language``."""

    session: AnswerSession
    all_pages: list
    number: int
    language: str
    own: str  #: the consultation's own language

    def question_ids(self) -> str:
        return ",".join(str(q.id) for q in self.all_pages[self.number - 1])

    def shown(self):
        """The page filled with the answers saved. A later page before any of its own
        answers is the same for everyone with this layout of pages: kept and reused."""
        if not self.session.saved:  # a page before any answer: see ``answer_pages``
            return self._filled()
        on_page = {question.id for question in self.all_pages[self.number - 1]}
        return kept_pages.page(
            self.session.shape,
            {key: value for key, value in self.session.saved.items() if key in on_page},
            self.session.link_key,
            self._filled,
            self.session.language,
            layout=(self.number, tuple(tuple(q.id for q in page) for page in self.all_pages)),
            address_language=self.session.address_language,
        )

    def _filled(self):
        form = answer_form(self.all_pages[self.number - 1])
        form.fill(self.session.saved)
        form.mark_problems()
        return self.rendered(form)

    def rendered(self, form):
        """The page with ``form`` as it stands (filled, or checked with its messages)."""
        number, all_pages, language = self.number, self.all_pages, self.language
        before = [question for page in all_pages[: number - 1] for question in page]
        title, introduction = translations.heading(self.session.shape, language)
        return render_template(
            "invitations/respond.html",
            consultation=self.session.consultation(),
            title=title,
            introduction=introduction,
            language=language,
            # A translation is the whole page's language; else the screen's, as on every page.
            page_language=language if language != self.own else None,
            page_direction=chrome.direction(language),
            languages=_language_switch(self.session.shape, language, number),
            form=form,
            action=self.session.page_url(number),
            page_questions=self.question_ids(),
            page=number,
            pages=len(all_pages),
            first_number=len(flow.counted(before)) + 1,
            done=100 * (number - 1) // len(all_pages),
            question_html=kept_pages.question_html,
        )


def thanks_page(consultation, *wanted: str | None, **context):
    """The thanks after sending, in the first of ``wanted`` that is offered (the language asked
    for in the address, the member's); ``context`` goes to the template as it is."""
    shape = kept_pages.shape_of(consultation)
    language = translations.chosen_language(shape, *wanted)
    with in_questionnaire_language(shape, language):
        return render_template(
            "invitations/thanks.html",
            consultation=consultation,
            title=translations.heading(shape, language)[0],
            page_language=language
            if language != translations.offered_languages(shape)[0]
            else None,
            page_direction=chrome.direction(language),
            **context,
        )


def _language_switch(shape: tuple, language: str, number: int) -> list[tuple[str, str, str]]:
    """(language, its name, address) of each other language the questionnaire is offered in."""
    return [
        (
            other,
            chrome.language_name(other),
            url_for(request.endpoint, **request.view_args, page=number, lang=other),
        )
        for other in translations.offered_languages(shape)
        if other != language
    ]


def _keep_and_leave(session: AnswerSession, form, step: str, number: int):
    """On "back" and "save and continue later": keep the page as it is, right or wrong, so that
    leaving a page never loses an answer (its message shows when the page opens again)."""
    session.save({**session.saved, **form.draft_answers()})
    db.session.commit()
    for problem in form.photo_problems():  # the rest is kept; the photo was not
        flash(problem, "error")
    if step == "save":
        flash(str(session.saved_note), "info")
        return redirect(session.page_url(number))
    return redirect(session.page_url(max(number - 1, 1)))


def _check_and_go_on(session: AnswerSession, form, step: str, number: int, questions):
    """On "next", or "send" on the last page: send only when no page keeps an answer that
    cannot be sent (saved earlier with a mistake); else save, and show the first such page."""
    answers = {**session.saved, **form.answers()}
    pages_now = flow.pages(questions, answers)
    unfit = flow.first_unfit_page(pages_now, answers)
    if step == "send" and number >= len(pages_now) and unfit is None:
        return session.finish(answers)
    session.save(answers)
    db.session.commit()
    if step == "send" and unfit is not None:
        flash(_("One of your answers is not right yet. Please look at it again."), "error")
        return redirect(session.page_url(unfit))
    return redirect(session.page_url(min(number + 1, len(pages_now))))
