"""Open links: anyone with the link answers once, confirmed by e-mail or anonymously."""

import re
from urllib.parse import urlsplit

from sqlalchemy import func, select

from consult.core.policy import Role
from consult.extensions import db
from consult.mail import delivery
from consult.surveys import open_links
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Channel, OpenVote, Response, ResponseDraft
from tests import factories
from tests.conftest import login


def open_survey(app, mode: str, **consultation) -> dict:
    """A one-page consultation of a new organisation with its open link on in ``mode``."""
    with app.app_context():
        org = factories.organisation()
        survey = factories.consultation(org, **consultation)
        open_links.set_open_link(survey, mode)
        form = factories.form_data(factories.answers(survey))
        db.session.commit()
        return {"url": f"/open/{survey.open_link_key}", "form": form, "id": survey.id}


def responses(app, channel=None) -> int:
    with app.app_context():
        query = select(func.count(Response.id))
        if channel:
            query = query.where(Response.channel == channel)
        return db.session.scalar(query)


def test_the_board_turns_the_open_link_on_and_off(app, client, world):
    """Does the board get a link, and does it stop working when turned off or renewed?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    page = client.post(f"{base}/open-link", data={"mode": "anonymous"}, follow_redirects=True)
    link = re.search(r'href="http://localhost(/open/[\w-]+)"', page.get_data(as_text=True))
    assert link, "the consultation page shows the open link"
    assert anonymous_client(app).get(link.group(1)).status_code == 200
    client.post(f"{base}/open-link/renew")
    assert anonymous_client(app).get(link.group(1)).status_code == 404
    client.post(f"{base}/open-link", data={"mode": ""})
    with app.app_context():
        key = db.session.get(Consultation, world.a.consultation_id).open_link_key
    assert anonymous_client(app).get(f"/open/{key}").status_code == 404


def anonymous_client(app):
    return app.test_client()


def test_anonymous_answers_count_once_per_browser_under_their_own_channel(app):
    """Is an anonymous open answer stored as such, and is the same browser kept to one?"""
    survey = open_survey(app, "anonymous")
    browser = anonymous_client(app)
    page = browser.post(survey["url"], data=survey["form"]).get_data(as_text=True)
    assert "Bedankt voor uw antwoorden" in page
    again = browser.get(survey["url"])
    assert again.status_code == 410
    assert responses(app, Channel.OPEN_ANONYMOUS) == 1
    anonymous_client(app).post(survey["url"], data=survey["form"])
    assert responses(app, Channel.OPEN_ANONYMOUS) == 2


def test_confirmed_answers_count_after_the_mailed_button_once_per_address(mailing_app, smtp_server):
    """Do answers count only after confirmation, once per address, without storing it?"""
    survey = open_survey(mailing_app, "confirmed")

    def answer_and_confirm(address: str):
        counted_before = responses(mailing_app)
        browser = mailing_app.test_client()
        response = browser.post(survey["url"], data=survey["form"])
        assert response.headers["Location"].endswith("/address")
        page = browser.post(survey["url"] + "/address", data={"email": address})
        assert "Kijk in uw e-mail" in page.get_data(as_text=True)
        assert responses(mailing_app) == counted_before  # nothing counts before confirming
        with mailing_app.app_context():
            delivery.deliver_all()
        mail = smtp_server.messages()[-1]
        text = next(
            part.get_payload(decode=True).decode()
            for part in mail.walk()
            if part.get_content_type() == "text/plain"
        )
        path = urlsplit(re.search(r"http://\S+/open/confirm/[\w-]+", text).group(0)).path
        assert "Bevestig uw antwoorden" in browser.get(path).get_data(as_text=True)
        return browser.post(path)

    assert answer_and_confirm("Joke@example.org").status_code == 200
    assert responses(mailing_app, Channel.OPEN_CONFIRMED) == 1
    second = answer_and_confirm("joke@example.org ")
    assert second.status_code == 410  # the same address, another browser
    assert responses(mailing_app) == 1
    with mailing_app.app_context():
        votes = db.session.scalars(select(OpenVote.email_hash)).all()
        assert len(votes) == 1 and "joke" not in votes[0]
        assert not db.session.scalar(select(func.count(ResponseDraft.id)))


def test_a_closed_open_link_says_so_under_the_organisations_name(app):
    """Does the open link of a closed consultation say calmly, under the organisation's
    name, that it closed (a failed look-up all the same), and one not yet open that it will
    open, while an unknown key names nobody?"""
    closed = open_survey(app, "anonymous", opens_in_days=-10, closes_in_days=-1)
    coming = open_survey(app, "anonymous", opens_in_days=2, closes_in_days=9)
    response = anonymous_client(app).get(closed["url"])
    assert response.status_code == 404
    assert "Deze raadpleging is gesloten." in response.text
    assert "Huurdersvereniging" in response.text
    response = anonymous_client(app).get(coming["url"])
    assert "Deze raadpleging is nog niet open" in response.text
    unknown = anonymous_client(app).get("/open/not-a-key")
    assert unknown.status_code == 404
    assert "Huurdersvereniging" not in unknown.text and "Bewonersraadpleging" in unknown.text


def test_open_answers_are_checked_like_any_other(app):
    """Is a tampered open answer refused, storing nothing?"""
    survey = open_survey(app, "anonymous")
    form = {**survey["form"], next(iter(survey["form"])): "999999"}
    response = anonymous_client(app).post(survey["url"], data=form)
    assert response.status_code == 200
    assert responses(app) == 0


def test_turning_the_link_off_drops_waiting_confirmations(mailing_app, smtp_server):
    """After the board turns the open link off, does a mailed confirmation count nothing?"""
    survey = open_survey(mailing_app, "confirmed")
    browser = mailing_app.test_client()
    browser.post(survey["url"], data=survey["form"])
    browser.post(survey["url"] + "/address", data={"email": "kees@example.org"})
    with mailing_app.app_context():
        token = open_links.derive_token(
            open_links.PURPOSE, db.session.scalar(select(ResponseDraft.confirm_salt))
        )
        open_links.set_open_link(db.session.get(Consultation, survey["id"]), None)
        db.session.commit()
    assert browser.post(f"/open/confirm/{token}").status_code == 404
    assert responses(mailing_app) == 0


def test_an_anonymous_link_has_no_address_step(app):
    """Is the address page of an anonymous link like an unknown page (no 'confirmed' votes)?"""
    survey = open_survey(app, "anonymous")
    response = anonymous_client(app).post(survey["url"] + "/address", data={"email": "a@b.nl"})
    assert response.status_code == 404


def test_the_outbox_does_not_show_who_confirmed_open_answers(mailing_app, smtp_server):
    """Does the board's outbox list an open-link confirmation without the address?"""
    survey = open_survey(mailing_app, "confirmed")
    browser = mailing_app.test_client()
    browser.post(survey["url"], data=survey["form"])
    browser.post(survey["url"] + "/address", data={"email": "fatima@example.org"})
    with mailing_app.app_context():
        organisation = db.session.get(Consultation, survey["id"]).organisation
        admin = factories.user(organisation, role=Role.ADMIN).email
        slug = organisation.slug
        db.session.commit()
    board = mailing_app.test_client()
    login(board, admin)
    page = board.get(f"/o/{slug}/outbox").get_data(as_text=True)
    assert "Bevestiging van antwoorden via een open link" in page
    assert "fatima@example.org" not in page
