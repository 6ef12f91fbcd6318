"""The answer pages, shared by every way of answering (invitation link, open link).

A caller says where the answers so far are kept and what "send" means; this module does the
paging: show a page, check it, save it, and go back, forward, stay, or finish.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import (
    current_app,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
)
from flask import session as browser_session
from flask_babel import LazyString, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from consult.core.requests import whole_number
from consult.extensions import db
from consult.surveys import flow, page_shape
from consult.surveys.answer_forms import answer_form
from consult.surveys.services import questions_with_options


@dataclass
class AnswerSession:
    """One respondent's way through a questionnaire."""

    consultation: object
    saved: dict[int, dict]  #: the answers saved so far
    save: Callable[[dict[int, dict]], None]  #: keeps the answers (the caller commits later)
    #: sends these answers (keeping them as a draft if that fails); returns the response
    finish: Callable[[dict[int, dict]], object]
    page_url: Callable[[int], str]
    saved_note: LazyString  #: what to tell after "save and continue later"
    link_key: str  #: the link's own part of the page's address


def answer_pages(session: AnswerSession):
    """Show the requested page, or save the posted one and move on; every page saves.

    The form names the questions it showed: a post from a page that has changed meanwhile
    (another tab, the browser's back button after an answer hid a page) is not saved over
    other answers but shown again. "Send" sends only from the last page as it is now.
    """
    if request.method == "GET" and not session.saved and _shows_nothing_personal():
        return _blank_page(session)
    return _answer_page(session)


def _answer_page(session: AnswerSession):
    questions = questions_with_options(session.consultation)
    all_pages = flow.pages(questions, session.saved)
    number = request.args.get("page", type=whole_number) or flow.resume_page(
        all_pages, session.saved
    )
    number = min(max(number, 1), len(all_pages))
    form = answer_form(all_pages[number - 1])
    step = request.form.get("step") or ("send" if number == len(all_pages) else "next")
    page_questions = ",".join(str(q.id) for q in all_pages[number - 1])
    posted = request.form.get("questions")
    if request.method == "POST" and posted is not None and posted != page_questions:
        flash(_("This page has changed meanwhile. Please check your answers."), "error")
        return redirect(session.page_url(number))
    if request.method == "GET":
        form.fill(session.saved)
    elif form.check(required=step in ("next", "send")):
        answers = {**session.saved, **form.answers()}
        pages_now = len(flow.pages(questions, answers))
        if step == "send" and number >= pages_now:
            return session.finish(answers)
        session.save(answers)
        db.session.commit()
        if step == "back":
            return redirect(session.page_url(max(number - 1, 1)))
        if step == "save":
            flash(str(session.saved_note), "info")
            return redirect(session.page_url(number))
        return redirect(session.page_url(min(number + 1, pages_now)))
    shown = [question for page in all_pages for question in page]
    before = [question for page in all_pages[: number - 1] for question in page]
    return render_template(
        "invitations/respond.html",
        consultation=session.consultation,
        form=form,
        action=session.page_url(number),
        page_questions=page_questions,
        page=number,
        pages=len(all_pages),
        first_number=len(flow.counted(before)) + 1,
        total=len(flow.counted(shown)),
        question_html=question_html,
    )


#: Pages before any answer, by everything that shapes them, with the link's key and the CSRF
#: token cut out (see ``_blank_page``).
_blank_pages: dict[str, str] = {}
_BLANK_PAGES_KEPT = 1024
_LINK_KEY, _CSRF_TOKEN = "\ue000link\ue000", "\ue000csrf\ue000"


def _shows_nothing_personal() -> bool:
    """Whether this request's page would show nothing of the person asking: no messages
    waiting for them, and nobody signed in. Read from the session as Flask-Login keeps it,
    without loading a user: a signed-in user id, or a remember-me cookie that would sign
    someone in, counts as personal."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return not (
        "_flashes" in browser_session
        or "_user_id" in browser_session
        or remember_cookie in request.cookies
    )


def kept_blank_page(shape: tuple, link_key: str) -> str | None:
    """The kept page before any answer for pages of this shape (see ``page_shape.of``), with
    this link's key and a fresh CSRF token pasted in; None when no such page is kept yet or
    when this request's page would show something of the person asking."""
    if not _shows_nothing_personal():
        return None
    kept = _blank_pages.get(_blank_key(shape))
    return None if kept is None else _pasted(kept, link_key)


def _blank_page(session: AnswerSession) -> str:
    """A page before any answer, as most tenants first see it.

    It is the same for every visitor but for the link's key in its addresses and the CSRF
    token, so it is rendered once per process and kept with those two cut out; each visitor
    gets their own pasted in. The key holds all else it shows: the kind of link (the
    endpoint), the language, the query string and the ``page_shape``.
    """
    key = _blank_key(page_shape.of(session.consultation))
    kept = _blank_pages.get(key)
    if kept is not None:
        return _pasted(kept, session.link_key)
    page = _answer_page(session)
    if len(_blank_pages) >= _BLANK_PAGES_KEPT:
        _blank_pages.clear()
    _blank_pages[key] = page.replace(session.link_key, _LINK_KEY).replace(
        generate_csrf(), _CSRF_TOKEN
    )
    return page


def _blank_key(shape: tuple) -> str:
    # The endpoint too: an open link's page and a personal link's page post to other addresses.
    return repr((request.endpoint, str(get_locale()), request.query_string, shape))


def _pasted(kept: str, link_key: str) -> str:
    return kept.replace(_LINK_KEY, link_key).replace(_CSRF_TOKEN, generate_csrf())


#: Unanswered questions as HTML, by everything that shapes them (see ``question_html``).
_blank_questions: dict[str, Markup] = {}
_BLANK_QUESTIONS_KEPT = 4096


def question_html(form, question, number: int, total: int) -> Markup:
    """One question of the answer page as HTML.

    An unanswered question without a message looks the same for every respondent, so its
    HTML is kept, keyed by the question's and its options' stored values, its number and the
    language: a reworded question gets a new key, so nothing stale is ever shown. This is
    most of the work of a page that a tenant opens for the first time.
    """
    fields = form.fields_of(question)
    if any(field.errors or field.data not in (None, "", []) for field in fields):
        return _render_question(form, question, number, total)
    key = repr(
        (
            str(get_locale()),
            number,
            total,
            page_shape.stored_values(question),
            *map(page_shape.stored_values, question.options),
        )
    )
    html = _blank_questions.get(key)
    if html is None:
        if len(_blank_questions) >= _BLANK_QUESTIONS_KEPT:
            _blank_questions.clear()
        html = _blank_questions[key] = _render_question(form, question, number, total)
    return html


def forget_kept_pages() -> None:
    """Drop every kept page and question (the tests start each test without any)."""
    _blank_pages.clear()
    _blank_questions.clear()


def _render_question(form, question, number: int, total: int) -> Markup:
    render = get_template_attribute("surveys/_answer_question.html", "answer_question")
    return Markup(render(form, question, number, total))
