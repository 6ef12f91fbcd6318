"""A page view and a page save through a personal link are one or two SQL statements (issue 27)."""

import pytest
from sqlalchemy import select, update

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import links, participation, submitting
from consult.invitations.models import Invitation
from consult.surveys.models.responses import ResponseDraft
from tests.invitations.test_send_statements import link, statements_of  # noqa: F401

#: A page with answers saved: the link with its draft and all the page shows, in one read.
MOST_FOR_A_PAGE = 1
#: Saving a page: the link, then the draft written in one statement (inserted or updated).
MOST_FOR_A_SAVE = 2


def _saved(app) -> dict:
    with app.app_context():
        return db.session.scalar(select(ResponseDraft.answers))


def test_a_page_save_and_a_page_view_take_one_or_two_statements(app, client, link):  # noqa: F811
    """Are a first save, a second save and a page showing the saved answers each at most
    two statements, one for the page, and are the answers kept each time?"""
    url = f"/i/{link['token']}"
    assert client.get(url).status_code == 200  # opened: nothing left to note
    first, *others = link["form"]
    for posted in ({first: link["form"][first]}, link["form"]):
        statements = statements_of(
            app, lambda posted=posted: client.post(url, data={**posted, "step": "save"})
        )
        assert len(statements) <= MOST_FOR_A_SAVE, "\n".join(statements)
        saved = _saved(app)
        assert all(saved[question[1:]] for question in posted)
    page = None

    def view():
        nonlocal page
        page = client.get(url)

    statements = statements_of(app, view)
    assert page.status_code == 200
    assert len(statements) <= MOST_FOR_A_PAGE, "\n".join(statements)


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_save_through_a_link_spent_meanwhile_keeps_nothing(app, link, anonymous):  # noqa: F811
    """Is a page saved through a link read as open but spent a moment later (in another tab)
    refused, with no draft left: by its day (identified) or by its keyed hash (anonymous,
    where a draft left behind would tie a moment to the member)?"""
    with app.test_request_context():
        read = links.find_link(link["token"])
        if anonymous:
            invitation = db.session.scalar(select(Invitation))
            key = participation.key_of(invitation.token_hash)
            assert participation.record(invitation.consultation_id, key)
        else:
            db.session.execute(update(Invitation).values(used_on=clock.today()))
        with pytest.raises(DomainError):
            submitting.save_link_draft(read, {1: {"text": "ja"}})
        assert db.session.scalar(select(ResponseDraft.id)) is None


def test_paging_through_a_link_does_not_send_the_session_cookie_again(client, link):  # noqa: F811
    """After the first page set the session cookie, do saving a page and viewing the next
    leave the browser's cookies as they are (nothing signed and sent anew each time)?"""
    url = f"/i/{link['token']}"
    assert "Set-Cookie" in client.get(url).headers
    first = next(iter(link["form"]))
    saved = client.post(url, data={first: link["form"][first], "step": "back"})
    assert saved.status_code == 302 and "Set-Cookie" not in saved.headers
    assert "Set-Cookie" not in client.get(url).headers
