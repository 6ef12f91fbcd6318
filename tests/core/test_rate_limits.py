"""Rate limits stop guessing and flooding, never a crowd of real tenants behind one address.

Every client here comes from the same address (the test client's 127.0.0.1), as tenants do on
a community centre's Wi-Fi. The limits are the shipped defaults unless a test says otherwise.
"""

import logging

import pytest
from sqlalchemy import func, select

from consult.core.policy import Role
from consult.extensions import db
from consult.surveys.models.responses import Response
from tests import factories
from tests.conftest import login
from tests.core.test_hostile_requests import _joinable

TENANTS = 60


def _three_pages(org):
    """The factory consultation with each of its three questions on a page of its own."""
    survey = factories.consultation(org, publish=False)
    for page, question in enumerate(sorted(survey.questions, key=lambda q: q.position), 1):
        question.page = page
    survey.publish()
    db.session.flush()
    return survey


@pytest.fixture
def meeting(app):
    """An organisation whose 60 panel members all have a link to a three-page consultation."""
    with app.app_context():
        org = factories.organisation("Huurders Gamma")
        for number in range(TENANTS):
            factories.member(org, email=f"huurder{number}@example.org")
        survey = _three_pages(org)
        tokens = list(factories.invite(survey).values())
        answers = factories.answers(survey)
        pages = [{field: value} for field, value in factories.form_data(answers).items()]
        db.session.commit()
        return survey.id, tokens, pages


def _answer(client, token, pages) -> list[int]:
    """One tenant's whole way through: open the link, answer each page, see the thanks."""
    statuses = [client.get(f"/i/{token}").status_code]
    for number, fields in enumerate(pages, 1):
        posted = client.post(f"/i/{token}?page={number}", data=fields)
        statuses.append(posted.status_code)
        if number < len(pages):
            statuses.append(client.get(posted.location).status_code)
    statuses.append(client.get(f"/i/{token}/thanks").status_code)
    return statuses


def test_a_whole_meeting_behind_one_address_answers_without_refusal(app, meeting):
    """Do 60 tenants on one Wi-Fi, answering a three-page consultation at once, all get
    through, with every response stored?"""
    survey_id, tokens, pages = meeting
    statuses = [_answer(app.test_client(), token, pages) for token in tokens]
    assert all(429 not in tenant for tenant in statuses)
    assert all(tenant[-1] == 200 for tenant in statuses)
    with app.app_context():
        stored = db.session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == survey_id)
        )
    assert stored == TENANTS


def test_guessed_links_are_refused_after_the_limit_and_logged(app, client, caplog):
    """Are 1,000 guessed links from one address refused once the failed look-ups pass the
    limit, and is the refusal logged for the operator?"""
    limit = int(app.config["LINK_GUESS_RATE_LIMIT"].split()[0])
    with caplog.at_level(logging.WARNING, logger="consult"):
        statuses = [client.get(f"/i/guess{n:04d}" + "x" * 40).status_code for n in range(1000)]
    assert statuses[:limit] == [404] * limit
    assert set(statuses[limit:]) == {429}
    assert any("Refused link look-ups from 127.0.0.1" in r.getMessage() for r in caplog.records)


def test_a_valid_link_is_not_refused_because_guessers_share_its_address(app, client, meeting):
    """While another person at the same address fails look-ups (below the limit), does a
    tenant's valid link keep working, without its own views counting as failures?"""
    _survey_id, tokens, _pages = meeting
    limit = int(app.config["LINK_GUESS_RATE_LIMIT"].split()[0])
    for n in range(limit - 1):
        assert client.get(f"/i/wrong{n}" + "y" * 40).status_code == 404
    tenant = app.test_client()
    assert all(tenant.get(f"/i/{tokens[0]}").status_code == 200 for _ in range(10))
    assert client.get("/i/one-more-wrong" + "z" * 40).status_code == 404


def test_a_hammered_link_is_slowed_without_touching_other_links(app, meeting):
    """Does a script hammering one valid link get refused at its ceiling, while another
    tenant's link from the same address still opens?"""
    _survey_id, tokens, _pages = meeting
    ceiling = int(app.config["LINK_RATE_LIMIT"].split()[0])
    script = app.test_client()
    statuses = [script.get(f"/i/{tokens[0]}").status_code for _ in range(ceiling + 5)]
    assert statuses[:ceiling] == [200] * ceiling
    assert set(statuses[ceiling:]) == {429}
    assert app.test_client().get(f"/i/{tokens[1]}").status_code == 200


def test_a_refused_link_gets_a_calm_page_with_the_organisation_and_retry_after(app, meeting):
    """Does the refusal say whose consultation it is, how long to wait, and tell programs
    the same in Retry-After?"""
    _survey_id, tokens, _pages = meeting
    client = app.test_client()
    for _ in range(int(app.config["LINK_RATE_LIMIT"].split()[0])):
        client.get(f"/i/{tokens[0]}")
    refused = client.get(f"/i/{tokens[0]}")
    assert refused.status_code == 429
    seconds = int(refused.headers["Retry-After"])
    assert 0 < seconds <= 60
    assert "Huurders Gamma" in refused.text
    assert f"Wacht {seconds} seconden" in refused.text or f"Wacht {seconds + 1} seconden" in (
        refused.text
    )


def test_a_room_of_board_members_signs_in_from_one_address(app, world):
    """Can 20 board members sign in correctly from one address within a minute (only
    failed sign-ins count)?"""
    with app.app_context():
        org = factories.organisation("Huurders Delta")
        emails = [factories.user(org, Role.BOARD).email for _ in range(20)]
        db.session.commit()
    assert [login(app.test_client(), email).status_code for email in emails] == [302] * 20


def test_one_board_locked_out_leaves_the_other_boards_at_that_address(app, app_with):
    """When one account is guessed at (or mistyped) from an office address until refused,
    can another board's member still sign in from that same address?"""
    with app.app_context():
        guessed, other = [
            factories.user(factories.organisation(name), Role.BOARD).email
            for name in ("Huurders Delta", "Huurders Epsilon")
        ]
        db.session.commit()
    # Per hour, so that no minute boundary falls between the tries.
    office = app_with(LOGIN_RATE_LIMIT="3 per hour")
    tries = [login(office.test_client(), guessed, "fout").status_code for _ in range(4)]
    assert tries == [200, 200, 200, 429]
    assert login(office.test_client(), guessed).status_code == 429  # this pair waits
    assert login(office.test_client(), other).status_code == 302


def test_trying_many_accounts_from_one_address_is_stopped(app_with):
    """Is guessing still limited when a guesser changes the account with every try?"""
    app = app_with(LOGIN_ADDRESS_RATE_LIMIT="5 per hour")
    guesser = app.test_client()
    tries = [login(guesser, f"bestuur{n}@example.org", "fout").status_code for n in range(6)]
    assert tries == [200] * 5 + [429]


def test_a_recruitment_evening_signs_up_from_one_address(app, client, world):
    """Can 40 tenants join the panel from one address, while one mailbox cannot be flooded
    with confirmation mail?"""
    join = _joinable(app, world)

    def sign_up(email):
        return client.post(join, data={"email": email, "consent": "y", "language": "nl"})

    assert [sign_up(f"nieuw{n}@example.org").status_code for n in range(40)] == [302] * 40
    limit = int(app.config["MAIL_REQUEST_RATE_LIMIT"].split()[0])
    flood = [sign_up("slachtoffer@example.org").status_code for _ in range(limit + 1)]
    assert flood[-1] == 429


def test_a_whole_meeting_answers_through_one_open_link(app):
    """Can 60 tenants at one address answer through the same open link, each stored?"""
    from tests.surveys.test_open_links import open_survey, responses

    survey = open_survey(app, "anonymous")
    for _ in range(TENANTS):
        browser = app.test_client()
        assert browser.get(survey["url"]).status_code == 200
        assert "Bedankt" in browser.post(survey["url"], data=survey["form"]).text
    assert responses(app) == TENANTS
