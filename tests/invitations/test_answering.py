"""Tenants answer through a personal one-time link from their e-mail."""

import threading

import pytest
from babel.dates import format_date
from sqlalchemy import func, inspect, select

from consult.core.clock import today
from consult.extensions import db
from consult.invitations import inviting
from consult.invitations.models import Invitation
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.organisations.models import Organisation
from consult.surveys.models.responses import Answer, Response, ResponseDraft
from tests import factories
from tests.conftest import login


def response_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Response.id)))


@pytest.fixture
def survey(app):
    """An open consultation, three invited members; the tokens and the answer form data."""
    with app.app_context():
        org = factories.organisation()
        wijk, _ = factories.dimensions(org)
        for index in range(3):
            factories.member(org, values=[wijk.values[index % 2]])
        consultation = factories.consultation(org)
        tokens = list(factories.invite(consultation).values())
        form = factories.form_data(factories.answers(consultation))
        db.session.commit()
        return {"tokens": tokens, "form": form, "id": consultation.id}


def test_each_active_member_gets_one_invitation_and_again_none(ctx):
    """Does inviting the panel reach every member once, and inviting again nobody?"""
    org = factories.organisation()
    for _ in range(3):
        factories.member(org)
    consultation = factories.consultation(org)
    assert inviting.invite_panel(consultation) == 3
    assert inviting.invite_panel(consultation) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 3


def test_the_link_is_long_random_and_only_its_hash_is_stored(app, survey):
    """Does a link carry 256 bits, and does no table hold it, only its hash?"""
    token = survey["tokens"][0]
    assert len(token) >= 43  # 32 bytes, base64
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                assert token not in " ".join(map(str, row)), table.name


def test_the_invitation_mail_carries_the_personal_link(app, survey):
    """Does the invitation mail (text and HTML) contain the tenant's link, in Dutch?"""
    with app.app_context():
        mails = [render(m) for m in db.session.scalars(select(OutboxMessage))]
    links = {token for token in survey["tokens"] for mail in mails if f"/i/{token}" in mail.text}
    assert links == set(survey["tokens"])
    assert all("/i/" in mail.html and "Beste" in mail.text for mail in mails)


def test_a_tenant_answers_and_sees_thanks(app, client, survey):
    """Can a tenant open the link, answer and see the thank-you page?"""
    token = survey["tokens"][0]
    page = client.get(f"/i/{token}").get_data(as_text=True)
    assert "Servicekosten" in page and "anoniem" in page
    response = client.post(f"/i/{token}", data=survey["form"], follow_redirects=True)
    assert "Bedankt" in response.get_data(as_text=True)
    assert response_count(app) == 1


def test_opening_the_link_spends_nothing(app, client, survey):
    """Can the link be opened several times (mail scanners do) and still be used?"""
    token = survey["tokens"][0]
    for _ in range(3):
        assert client.get(f"/i/{token}").status_code == 200
    assert client.post(f"/i/{token}", data=survey["form"]).status_code == 302


def test_a_used_link_says_so_and_stores_nothing(app, client, survey):
    """Does a second submission through the same link store nothing and say why?"""
    token = survey["tokens"][0]
    client.post(f"/i/{token}", data=survey["form"])
    again = client.post(f"/i/{token}", data=survey["form"])
    assert again.status_code == 410
    assert "U heeft al geantwoord" in again.get_data(as_text=True)
    assert response_count(app) == 1


def test_unknown_links_get_a_clear_page(client, survey):
    """Does a mistyped link show a plain explanation, not an error trace?"""
    response = client.get("/i/" + "x" * 43)
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.get_data(as_text=True)


@pytest.mark.parametrize("archived", [False, True], ids=["closed", "archived"])
def test_a_closed_link_names_the_organisation_and_counts_as_failed(app, client, archived):
    """Does a link of a closed consultation (also once archived) say calmly, under the
    organisation's name, that it closed and when, with the status of a failed look-up (so
    the guessing limit still counts it), while an unknown link names nobody?

    A real link's token has 256 bits: only the member it was sent to holds it, so naming the
    organisation tells a guesser nothing (docs/assurance.md)."""
    with app.app_context():
        org = factories.organisation(name="Huurdersvereniging De Linde")
        factories.member(org)
        consultation = factories.consultation(org)
        token = next(iter(factories.invite(consultation).values()))
        consultation.closes_on = consultation.opens_on
        if archived:
            consultation.archive(today())
        closed_day = format_date(consultation.closes_on, "long", locale="nl")
        db.session.commit()
    expired, unknown = client.get(f"/i/{token}"), client.get("/i/" + "x" * len(token))
    assert expired.status_code == unknown.status_code == 404
    page = expired.get_data(as_text=True)
    assert "Huurdersvereniging De Linde" in page and "Deze raadpleging is gesloten." in page
    assert f"U kon antwoorden tot en met {closed_day}." in page
    neutral = unknown.get_data(as_text=True)
    assert "De Linde" not in neutral and "Bewonersraadpleging" in neutral
    assert ">Consult<" not in page + neutral and "· Consult<" not in page + neutral


def test_a_missing_required_answer_is_shown_next_to_the_question(app, client, survey):
    """Is a missing answer pointed out, and are the other answers kept on the page?"""
    form = dict(survey["form"])
    scale_field = [k for k, v in form.items() if v == "4"][0]
    del form[scale_field]
    form[[k for k in form if k != scale_field][-1]] = "Mijn uitgebreide opmerking"
    response = client.post(f"/i/{survey['tokens'][0]}", data=form)
    page = response.get_data(as_text=True)
    assert f'id="{scale_field}-error"' in page
    assert "Mijn uitgebreide opmerking" in page
    assert response_count(app) == 0


@pytest.mark.parametrize("tamper", ["foreign_option", "scale_out_of_range", "huge_text"])
def test_tampered_answers_store_nothing(app, client, survey, tamper):
    """Are forged option ids, impossible scale values and oversized texts refused whole?"""
    form = dict(survey["form"])
    choice, scale, text = list(form)
    if tamper == "foreign_option":
        form[choice] = 999999
    elif tamper == "scale_out_of_range":
        form[scale] = 6
    else:
        form[text] = "x" * 5001
    response = client.post(f"/i/{survey['tokens'][0]}", data=form)
    assert response.status_code == 200
    assert response_count(app) == 0
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count(Invitation.id)).where(Invitation.used_on.is_not(None))
            )
            == 0
        )


def test_two_simultaneous_submissions_store_exactly_one(app, survey):
    """Do two tabs submitting the same link at the same moment store one response?"""
    token = survey["tokens"][0]
    barrier = threading.Barrier(2)
    statuses = []

    def submit():
        client = app.test_client()
        client.get(f"/i/{token}")
        barrier.wait()
        statuses.append(client.post(f"/i/{token}", data=survey["form"]).status_code)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [302, 410]
    assert response_count(app) == 1


def test_no_row_links_an_anonymous_response_to_a_person_or_invitation(app, client, survey):
    """Does every path from a response to a member or an invitation come up empty?

    The schema's only such path is ``responses.member_id`` (for identified consultations);
    in an anonymous one it stays empty, no table points at responses except their own
    answers and segments, and no draft outlives the submission.
    """
    for token in survey["tokens"][:2]:
        client.post(f"/i/{token}", data=survey["form"])
    with app.app_context():
        schema = inspect(db.engine)
        paths = [
            (table, key["constrained_columns"])
            for table in ("responses", "answers", "response_segments")
            for key in schema.get_foreign_keys(table)
            if key["referred_table"] in {"panel_members", "invitations", "users"}
        ]
        assert paths == [("responses", ["member_id"])]
        assert db.session.scalar(select(func.count(Response.id))) == 2
        assert not db.session.scalar(
            select(func.count(Response.id)).where(Response.member_id.is_not(None))
        )
        pointing_at_responses = {
            table
            for table in schema.get_table_names()
            for key in schema.get_foreign_keys(table)
            if key["referred_table"] == "responses"
        }
        assert pointing_at_responses == {"answers", "response_segments"}
        invitation_columns = {c["name"] for c in schema.get_columns("invitations")}
        assert not any("response" in column for column in invitation_columns)
        assert not db.session.scalar(select(func.count(ResponseDraft.id)))


def test_the_response_keeps_segments_but_no_day(app, client, survey):
    """Does an anonymous response keep the member's district for cross-tabs, and not even
    the day it came, nor the day on the invitation?"""
    client.post(f"/i/{survey['tokens'][0]}", data=survey["form"])
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert len(response.segments) == 1
        assert response.submitted_on is None
        assert db.session.scalar(select(func.count()).where(Invitation.used_on.is_not(None))) == 0
        assert db.session.scalar(select(func.count(Answer.id))) == 3


def test_board_sends_invitations_from_the_consultation_page(app, client, world):
    """Does the board's button invite the panel members not yet invited?"""
    with app.app_context():
        factories.member(db.session.get(Organisation, world.a.id))
        db.session.commit()
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/invite", follow_redirects=True
    )
    assert "1 uitnodiging wordt verstuurd" in response.get_data(as_text=True)
