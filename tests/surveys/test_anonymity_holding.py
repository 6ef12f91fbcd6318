"""Anonymous responses held back and written in blocks: every channel, closing, reading."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.core import clock
from consult.extensions import db
from consult.surveys import closing, holding, publication
from consult.surveys import services as surveys
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Answer, Channel, HeldResponse, Response
from tests import factories
from tests.conftest import login

MIN = 5


@pytest.fixture
def held(app_with):
    """The application as installed, with an anonymous consultation and a board member."""
    app = app_with(HOLD_ANONYMOUS_RESPONSES=True)
    with app.app_context():
        org = factories.organisation()
        consultation = factories.consultation(org)
        board = factories.user(org)
        db.session.commit()
        return app, {"id": consultation.id, "slug": org.slug, "board": board.email}


def _paper(app, consultation_id, how_many, channel=Channel.PAPER):
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for _ in range(how_many):
            answers = factories.answers(consultation)
            surveys.record_response(consultation, answers, channel)
        db.session.commit()
        return publication.counts(consultation_id)


def test_responses_are_shown_a_block_at_a_time(held):
    """Are nine responses all held, the tenth the moment five of them are written?"""
    app, made = held
    assert _paper(app, made["id"], 2 * MIN - 1) == (0, 2 * MIN - 1)
    assert _paper(app, made["id"], 1) == (MIN, 2 * MIN)
    assert _paper(app, made["id"], MIN - 1) == (MIN, 3 * MIN - 1)


def test_an_installation_holds_whatever_its_settings_say(app_with):
    """Turning holding off is for tests alone: does an installation (not under test) with
    HOLD_ANONYMOUS_RESPONSES = False in its settings still hold anonymous responses back?"""
    app = app_with(HOLD_ANONYMOUS_RESPONSES=False)
    with app.app_context():
        consultation_id = factories.consultation(factories.organisation()).id
        db.session.commit()
    assert _paper(app, consultation_id, 1) == (1, 1)  # under test, turned off: shown at once
    app.testing = False
    assert _paper(app, consultation_id, 1) == (1, 2)  # an installation: held


def test_closing_early_writes_all_that_is_held(held):
    """When the board closes the consultation early, are all held responses shown?"""
    app, made = held
    _paper(app, made["id"], 2 * MIN + 3)
    with app.app_context():
        closing.close_early(db.session.get(Consultation, made["id"]), "Genoeg")
        db.session.commit()
        assert publication.counts(made["id"]) == (2 * MIN + 3, 2 * MIN + 3)


def test_fewer_than_a_block_in_all_stay_sealed(held):
    """Do three responses to a consultation that closed stay sealed, shown to nobody?"""
    app, made = held
    _paper(app, made["id"], 3)
    with app.app_context():
        closing.close_early(db.session.get(Consultation, made["id"]), "Genoeg")
        db.session.commit()
        assert publication.counts(made["id"]) == (0, 3)


def test_the_results_page_writes_what_a_passed_closing_date_left(held, monkeypatch):
    """After the closing date passed, does opening the results show every response, and
    does the mail worker's round do the same for another consultation?"""
    app, made = held
    _paper(app, made["id"], MIN + 2)
    with app.app_context():
        other = factories.consultation(db.session.get(Consultation, made["id"]).organisation)
        db.session.commit()
        other_id = other.id
    _paper(app, other_id, MIN + 1)
    real = clock.datetime

    class Later(real):
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + timedelta(days=20)

    monkeypatch.setattr(clock, "datetime", Later)
    client = app.test_client()
    login(client, made["board"])
    page = client.get(f"/o/{made['slug']}/consultations/{made['id']}/results")
    assert page.status_code == 200
    with app.app_context():
        assert publication.counts(made["id"]) == (MIN + 2, MIN + 2)
        assert holding.settle_closed() == 1
        assert publication.counts(other_id) == (MIN + 1, MIN + 1)
        assert not db.session.scalar(select(func.count()).select_from(HeldResponse))


def test_a_few_letter_responses_count_as_invitations(held):
    """With fewer than five letter responses, is none of them stored as "letter"?"""
    app, made = held
    _paper(app, made["id"], 3, Channel.LETTER)
    _paper(app, made["id"], 2 * MIN - 3, Channel.INVITATION)
    with app.app_context():
        channels = db.session.scalars(select(Response.channel)).all()
    assert len(channels) == MIN and Channel.LETTER not in channels


def test_a_volunteer_is_told_why_the_paper_count_goes_up_in_steps(held):
    """Does saving a paper form of an anonymous consultation say it is counted in blocks?"""
    app, made = held
    client = app.test_client()
    login(client, made["board"])
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        form = factories.form_data(factories.answers(consultation))
    url = f"/o/{made['slug']}/consultations/{made['id']}/paper"
    page = client.post(url, data=form, follow_redirects=True).get_data(as_text=True)
    assert "5 tegelijk" in page
    with app.app_context():
        assert publication.counts(made["id"]) == (0, 1)


@pytest.mark.postgres(reason="sends in parallel transactions")
def test_sends_at_the_same_moment_store_every_response_once(held):
    """Twenty tenants send at once, so several sends see a block due together: is every
    response stored exactly once (written or still held), none twice?"""
    app, ids = held
    with app.app_context():
        consultation = db.session.get(Consultation, ids["id"])
        org = consultation.organisation
        for number in range(20):
            factories.member(org, f"tegelijk{number}@example.org")
        tokens = list(factories.invite(consultation).values())
        form = factories.form_data(factories.answers(consultation))
        db.session.commit()
    barrier = threading.Barrier(len(tokens))
    statuses = []

    def send(token):
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(f"/i/{token}", data=form).status_code)

    threads = [threading.Thread(target=send, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * len(tokens)
    with app.app_context():
        shown, received = publication.counts(ids["id"])
        assert received == len(tokens) and shown % MIN == 0
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        assert answers == shown * len(form)
