"""Kept answer pages (consult/surveys/kept_pages.py): a page reused for the next visitor holds
nothing of the visitor before, and is exactly the page rendered anew for the next visitor.

Each visitor brings a distinctive marker in every personal input a page could ever show: the
link, the session, a cookie, the browser's name, the CSRF token, a signed-in account, a message
waiting and saved answers. A field added to the answer page later that shows any of these
reaches the next visitor only through a kept page, and then these tests fail.
"""

import html
import re
from dataclasses import dataclass

import pytest
from flask import template_rendered
from sqlalchemy import text

from consult.core.policy import Role
from consult.extensions import db
from consult.surveys import translations
from tests import factories

#: The last page of the factory questionnaire for a tenant without a balcony: its short text
#: question shows a saved answer.
PAGE = "?page=2"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Visitor:
    """A visitor of an answer page and all they bring; empty: not brought."""

    name: str
    signed_in: bool = False
    message: bool = False
    saved: bool = False

    def marker(self, what: str) -> str:
        return f"{what}-of-{self.name}"


def _client(app, visitor: Visitor, link: dict):
    """A browser of ``visitor``: their session, cookie and browser name, signed in if they
    are, with their answer saved through their link and a message waiting if they have."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = visitor.marker("browser")
    client.set_cookie("visitor", visitor.marker("cookie"))
    with client.session_transaction() as session:
        session["note"] = visitor.marker("session")
    if visitor.signed_in:
        token = CSRF.search(client.get("/login").text).group(1)
        email = link["emails"][visitor.name]
        client.post(
            "/login",
            data={"csrf_token": token, "email": email, "password": factories.PASSWORD},
        )
    url = f"/i/{link['tokens'][visitor.name]}{PAGE}"
    if visitor.saved:
        token = CSRF.search(client.get(url).text).group(1)
        street = {f"q{link['street']}": visitor.marker("answer"), "step": "save"}
        assert client.post(url, data={**street, "csrf_token": token}).status_code == 302
    if visitor.message:
        with client.session_transaction() as session:
            session["_flashes"] = [("info", visitor.marker("message"))]
    return client


def visit(app, visitor: Visitor, link: dict) -> tuple[str, str]:
    """(the page ``visitor`` gets, its CSRF token)."""
    page = _client(app, visitor, link).get(f"/i/{link['tokens'][visitor.name]}{PAGE}").text
    return page, CSRF.search(page).group(1)


@pytest.fixture
def link(app):
    """Links of two invited tenants to the factory questionnaire, and an account each."""
    names = ("first", "second")
    with app.app_context():
        org = factories.organisation()
        emails = {name: f"{name}-account@example.org" for name in names}
        for name in names:
            factories.member(org, email=f"{name}@example.org")
            factories.user(org, Role.BOARD, email=emails[name])
        survey = factories.questionnaire(org)
        tokens = factories.invite(survey)
        db.session.commit()
        return {
            "tokens": {name: tokens[f"{name}@example.org"] for name in names},
            "emails": emails,
            "street": survey.questions[-2].id,
            "balcony": survey.questions[0].id,
            "heating": survey.questions[2].id,
            "heating_option": survey.questions[2].options[0].id,
        }


FIRST_VISITORS = [
    Visitor("first"),
    Visitor("first", signed_in=True, message=True),
    Visitor("first", saved=True, message=True),
]
SECOND_VISITORS = [Visitor("second"), Visitor("second", signed_in=True)]


@pytest.mark.parametrize("second", SECOND_VISITORS, ids=["anonymous", "signed-in"])
@pytest.mark.parametrize("first", FIRST_VISITORS, ids=["anonymous", "signed-in", "saved"])
def test_the_next_visitor_gets_nothing_of_the_visitor_before(app_with, link, first, second):
    """After one visitor's page, does the next visitor's page show none of the first's link,
    session, cookie, browser, CSRF token, account, message or answers, and is it the page
    rendered anew for the next visitor?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    first_page, first_csrf = visit(app, first, link)
    shown = ["session", "cookie", "browser", "answer", "message"]
    assert first.marker("answer") in first_page or not first.saved  # the markers are shown
    assert first.marker("message") in first_page or not first.message
    page, csrf = visit(app, second, link)
    personal = [first.marker(what) for what in shown]
    personal += [link["tokens"]["first"], first_csrf, link["emails"]["first"]]
    assert [marker for marker in personal if marker in page] == []
    app.config["KEEP_ANSWER_PAGES"] = False  # this test's own app
    anew, anew_csrf = visit(app, second, link)
    assert page.replace(csrf, "CSRF") == anew.replace(anew_csrf, "CSRF")


@pytest.mark.parametrize("keep", [True, False])
def test_the_setting_turns_keeping_off(app_with, link, keep):
    """Is a page before any answer reused while KEEP_ANSWER_PAGES is on, and rendered anew
    for every visitor when it is off? (The question is changed behind the app's back.)"""
    app = app_with(KEEP_ANSWER_PAGES=keep)
    url = f"/i/{link['tokens']['first']}{PAGE}"
    assert "In welke straat woont u?" in app.test_client().get(url).text
    with app.app_context():
        db.session.execute(
            text("UPDATE questions SET text = 'Welke straat?' WHERE id = :id"),
            {"id": link["street"]},
        )
        db.session.commit()
    page = app.test_client().get(url).text
    assert ("Welke straat?" in page) == (not keep)


def test_a_later_page_is_reused_only_with_the_same_pages_and_holds_nothing_before(app_with, link):
    """Once page 1 is answered, is the next page (the balcony page, or the last page when the
    answer skips it) reused only for a tenant whose answers make the same pages, showing
    nothing of the tenant before, and is it the page rendered anew?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    rendered = []
    template_rendered.connect(lambda _app, template, **_: rendered.append(template.name), app)

    def second_page(name: str, balcony: str) -> tuple[str, list[str]]:
        """(page 2 as ``name`` gets it after answering page 1, the pages rendered for it)."""
        client, url = app.test_client(), f"/i/{link['tokens'][name]}?page=1"
        token = CSRF.search(client.get(url).text).group(1)
        answers = {f"q{link['balcony']}": balcony, f"q{link['heating']}": link["heating_option"]}
        posted = client.post(url, data={**answers, "step": "next", "csrf_token": token})
        assert posted.status_code == 302, posted.text
        rendered.clear()
        page = client.get(posted.location).text
        return page.replace(CSRF.search(page).group(1), "CSRF"), list(rendered)

    def anew(name: str, balcony: str) -> str:
        app.config["KEEP_ANSWER_PAGES"] = False
        page, _ = second_page(name, balcony)
        app.config["KEEP_ANSWER_PAGES"] = True
        return page

    first, _ = second_page("first", "1")
    assert "Het balkon is veilig." in first
    second, _ = second_page("second", "0")  # no balcony: the last page comes second
    assert "Het balkon is veilig." not in second and "In welke straat" in second
    assert second == anew("second", "0")
    reused, rendered_for_it = second_page("second", "1")
    assert "invitations/respond.html" not in rendered_for_it  # the first tenant's page, kept
    assert link["tokens"]["first"] not in reused
    assert reused == anew("second", "1")


ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def action(page: str) -> str:
    """Where the page's form posts to."""
    return html.unescape(ACTION.search(page).group(1))


def test_a_kept_page_posts_to_the_language_the_next_tenant_asked_for(app_with):
    """A member whose own language is Arabic and one whose is Dutch both open the Arabic
    questionnaire (``?lang=ar``). Amal's pages need no ``lang`` in their addresses, Jan's do:
    does Jan, given a page kept from Amal's visit, still post to the Arabic pages, on the
    first page and on a later one?"""
    app = app_with(WTF_CSRF_ENABLED=True)
    with app.app_context():
        org = factories.organisation()
        factories.member(org, email="amal@example.org").locale = "ar"
        factories.member(org, email="jan@example.org")
        survey = factories.questionnaire(org)
        translations.add_language(survey, "ar")
        (status,) = translations.statuses(survey)
        translations.save_translation(survey, "ar", {t.key: f"AR {t.key}" for t in status.missing})
        tokens = factories.invite(survey)
        first_page = {
            f"q{survey.questions[0].id}": "1",
            f"q{survey.questions[2].id}": str(survey.questions[2].options[0].id),
        }
        db.session.commit()

    def actions(email: str) -> list[str]:
        """Where page 1 and then page 2 post, in Arabic, for the member with ``email``."""
        client, link = app.test_client(), f"/i/{tokens[email]}"
        page = client.get(f"{link}?page=1&lang=ar").text
        token = CSRF.search(page).group(1)
        posted = client.post(
            action(page),
            data={**first_page, "step": "next"} | {"csrf_token": token},
        )
        assert posted.status_code == 302
        later = client.get(f"{link}?page=2&lang=ar").text
        return [action(shown).replace(tokens[email], "LINK") for shown in (page, later)]

    assert actions("amal@example.org") == ["/i/LINK?page=1", "/i/LINK?page=2"]
    assert actions("jan@example.org") == ["/i/LINK?page=1&lang=ar", "/i/LINK?page=2&lang=ar"]
