"""Answer pages and questionnaires kept and reused: the answer page's fast path, and its rule.

What is kept, per process: whole answer pages as they look before any answer, and later
pages as they look before any of their own questions is answered (at most 1,024 together),
with the link's key and the CSRF token cut out; the HTML of each unanswered question without
a message (at most 4,096); and each questionnaire, its questions with their options (at most
256). Most tenants open their link before answering anything, so this spares most of the
rendering; and no page, save or send loads a questionnaire another request has loaded.

Why it is safe: a page is kept and reused only for a GET that shows nothing of the person asking
(``_may_reuse``: no saved answers on it, no message waiting, nobody signed in, no remember-me
cookie). What earlier answers do to a later page (which questions it holds, its number, the
numbering of its questions, the progress shown) follows from the layout of all pages, which is
in that page's key (``page``).
The only parts of such a page that differ between visitors, the link's key in its addresses and
the CSRF token, are cut out before it is kept and each visitor's own are pasted in. All else that
shapes the page is in its key: the kind of link (the endpoint), the language, the query string,
the language of the questionnaire (its own or a translation's), and the stored values of the
consultation and its organisation (``shape_of``; the consultation's
content version counts every change to its questions and options), so any change renews it.
A questionnaire is kept by that same shape (and language), so a changed question or translation
is loaded anew (saving a translation raises the content version too); its questions
are loaded in a session of their own and closed, so they belong to no request's session and
are only read (a lazy load on them fails rather than reaching into another request).
tests/surveys/test_kept_pages.py fails if anything of one visitor reaches the next, or if a
reused page differs from the page rendered anew.

How to turn it off: ``KEEP_ANSWER_PAGES = False`` (config, or the environment); every page is
then rendered anew, and a questionnaire is loaded once per request.
"""

import functools
from collections.abc import Callable
from types import SimpleNamespace

from flask import current_app, g, get_template_attribute, request
from flask import session as browser_session
from flask_babel import force_locale, get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from consult.extensions import db
from consult.organisations.models import Organisation
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import Question, in_order
from consult.surveys.models.translations import Translation

#: Pages before any answer, by everything that shapes them, with the link's key and the CSRF
#: token cut out.
_pages: dict[str, str] = {}
_PAGES_KEPT = 1024
_LINK_KEY, _CSRF_TOKEN = "\ue000link\ue000", "\ue000csrf\ue000"
#: Unanswered questions as HTML, by everything that shapes them (see ``question_html``).
_questions: dict[str, Markup] = {}
_QUESTIONS_KEPT = 4096
#: Questionnaires (questions with their options, in order) by the shape of their consultation.
_questionnaires: dict[str, list[Question]] = {}
_QUESTIONNAIRES_KEPT = 256


def forget() -> None:
    """Drop every kept page, question and questionnaire (the tests start each test without)."""
    _pages.clear()
    _questions.clear()
    _questionnaires.clear()


def shape_columns() -> list:
    """The columns whose values shape a page before any answer, in the order of ``shape_of``:
    a link read with them finds its kept page without loading any object."""
    return [
        attribute.columns[0]
        for model in (Consultation, Organisation)
        for attribute in _shown_attributes(model)
    ]


def shape_of(consultation) -> tuple:
    """The values of ``shape_columns()`` for this consultation and its organisation."""
    return _stored_values(consultation) + _stored_values(consultation.organisation)


def shape_value(shape: tuple, attribute):
    """The value in ``shape`` of one of its columns, such as ``Consultation.id``."""
    column = attribute.property.columns[0]
    return shape[_shape_positions()[column.table.name, column.name]]


def shown_consultation(shape: tuple) -> SimpleNamespace:
    """The consultation of this ``shape`` with its ``organisation``, as their stored values
    only: what an answer page shows of them, without loading either (read only)."""
    values = iter(shape)
    consultation, organisation = (
        {attribute.key: next(values) for attribute in _shown_attributes(model)}
        for model in (Consultation, Organisation)
    )
    return SimpleNamespace(**consultation, organisation=SimpleNamespace(**organisation))


def questionnaire(shape: tuple, language: str | None = None) -> list[Question]:
    """The questions of the consultation of this ``shape`` with their options, in order: loaded
    once and kept (see the top), so they are read only. In ``language``, when that is not the
    consultation's own: its texts from the translation (an offered one, see
    ``surveys.translations``), the answers' ids the same."""
    kept = _questionnaires
    if not current_app.config["KEEP_ANSWER_PAGES"]:
        kept = g.setdefault("questionnaires", {})  # still loaded once per request
    if language == shape_value(shape, Consultation.language):
        language = None
    key = repr(shape) if language is None else repr((shape, language))
    questions = kept.get(key)
    if questions is None:
        if len(kept) >= _QUESTIONNAIRES_KEPT:
            kept.clear()
        questions = kept[key] = _loaded(shape_value(shape, Consultation.id), language)
    return questions


def questionnaire_of(consultation) -> list[Question]:
    """``questionnaire`` of this consultation, with its changes not yet stored counted."""
    db.session.flush()
    return questionnaire(shape_of(consultation))


def kept_page(
    shape: tuple, saved: dict, link_key: str, language: str = "", address_language=None
) -> str | None:
    """The kept page for pages of this ``shape`` in the questionnaire ``language``, with this
    link's key and a fresh CSRF token pasted in; None when none is kept yet or when this
    request may not reuse one. ``address_language``: the ``?lang=`` its page addresses carry
    (``translations.in_address``; it depends on the member's own language)."""
    if not _may_reuse(saved):
        return None
    kept = _pages.get(_page_key(shape, language, address_language))
    return None if kept is None else _pasted(kept, link_key)


def page(
    shape: tuple,
    saved: dict,
    link_key: str,
    render: Callable[[], object],
    language: str = "",
    layout: tuple = (),
    address_language=None,
):
    """The answer page of a consultation of this ``shape`` in the questionnaire ``language``:
    a kept one when this request may reuse it, else ``render()``, kept for the next visitor
    when this request may reuse pages.

    ``saved``: the answers saved so far, or with a ``layout``, only those shown on the page.
    ``address_language``: as for ``kept_page``.
    ``layout``: for a page after some answers, its number and the question ids of every page
    as these answers make them (conditions can add pages); such a page is the same for every
    respondent with that layout as long as none of its own questions has an answer.
    """
    if not _may_reuse(saved):
        return render()
    key = _page_key(shape, language, address_language, layout)
    kept = _pages.get(key)
    if kept is not None:
        return _pasted(kept, link_key)
    html = render()
    if len(_pages) >= _PAGES_KEPT:
        _pages.clear()
    _pages[key] = html.replace(link_key, _LINK_KEY).replace(generate_csrf(), _CSRF_TOKEN)
    return html


def question_html(form, question, number: int, language: str) -> Markup:
    """One question of the answer page as HTML, with the questionnaire's fixed texts (scale
    ends, "required") in the consultation's ``language``, whatever the interface's.

    An unanswered question without a message looks the same for every respondent, so its
    HTML is kept, keyed by the question's and its options' stored values, its number and the
    language: a reworded question gets a new key, so nothing stale is ever shown.
    """
    interface_language = str(get_locale())
    with force_locale(language):
        fields = form.fields_of(question)
        for field in fields:  # messages are in the interface's language, and say so
            field.message_language = interface_language if interface_language != language else ""
        answered = any(field.errors or field.data not in (None, "", []) for field in fields)
        if answered or not current_app.config["KEEP_ANSWER_PAGES"]:
            return _render_question(form, question, number)
        stored = (_stored_values(question), *map(_stored_values, question.options))
        key = repr((str(get_locale()), number, *stored))
        html = _questions.get(key)
        if html is None:
            if len(_questions) >= _QUESTIONS_KEPT:
                _questions.clear()
            html = _questions[key] = _render_question(form, question, number)
        return html


def _may_reuse(saved: dict) -> bool:
    """Whether this request's page may be a kept one (and kept): pages are kept, it is a GET
    before any answer, and it would show nothing of the person asking: no messages waiting
    for them, nobody signed in. Read from the session as Flask-Login keeps it, without
    loading a user: a signed-in user id, or a remember-me cookie that would sign someone in,
    counts as personal."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return (
        current_app.config["KEEP_ANSWER_PAGES"]
        and request.method == "GET"
        and not saved
        and "_flashes" not in browser_session
        and "_user_id" not in browser_session
        and remember_cookie not in request.cookies
    )


def _page_key(shape: tuple, language: str, address_language, layout: tuple = ()) -> str:
    # The endpoint and the language of the addresses too: the page's form posts to them.
    key = (request.endpoint, str(get_locale()), request.query_string, shape, language)
    return repr((*key, address_language, *layout))


def _pasted(kept: str, link_key: str) -> str:
    return kept.replace(_LINK_KEY, link_key).replace(_CSRF_TOKEN, generate_csrf())


def _render_question(form, question, number: int) -> Markup:
    render = get_template_attribute("surveys/_answer_question.html", "answer_question")
    return Markup(render(form, question, number))


def _loaded(consultation_id: int, language: str | None) -> list[Question]:
    """Read on the request's connection (so in its transaction) by a session of their own,
    closed at once: the questions belong to no session and outlive the request. In another
    ``language`` their texts are the translation's (set on these detached copies only)."""
    with Session(bind=db.session.connection()) as reading:
        questions = list(reading.scalars(in_order(consultation_id)).unique())
        if language is None:
            return questions
        texts = dict(
            reading.execute(
                select(Translation.key, Translation.text).where(
                    Translation.consultation_id == consultation_id,
                    Translation.language == language,
                )
            ).all()
        )
    for question in questions:
        question.text = texts.get(f"question:{question.id}:text") or question.text
        question.help_text = texts.get(f"question:{question.id}:help") or question.help_text
        for option in question.options:
            option.label = texts.get(f"option:{option.id}:label") or option.label
    return questions


@functools.cache
def _shape_positions() -> dict[tuple[str, str], int]:
    return {(column.table.name, column.name): i for i, column in enumerate(shape_columns())}


def _stored_values(row) -> tuple:
    """The row's stored values, but for deferred ones (such as a logo), which are not shown."""
    return tuple(getattr(row, attribute.key) for attribute in _shown_attributes(type(row)))


@functools.cache
def _shown_attributes(model) -> list:
    return [attribute for attribute in inspect(model).column_attrs if not attribute.deferred]
