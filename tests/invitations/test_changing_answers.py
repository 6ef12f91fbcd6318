"""A member of an identified consultation looks at the answers they sent and changes them
until closing: one response, replaced, never doubled; frozen evidence stays as it was."""

import json
import threading

import pytest
from sqlalchemy import func, select

from consult.core import clock
from consult.core.errors import DomainError
from consult.dossiers import services as dossiers
from consult.extensions import db
from consult.invitations import links, participation, submitting
from consult.invitations.models import Invitation
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Answer, Response, ResponseDraft
from tests import factories


def identified(org, anonymous=False):
    consultation = factories.consultation(org)
    consultation.anonymous = anonymous
    db.session.flush()
    return consultation


@pytest.fixture
def sent(app):
    """One member of an identified consultation who has sent their answers (option 0,
    scale 4, "Prima")."""
    return _sent(app, anonymous=False)


def _sent(app, anonymous):
    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        consultation = identified(org, anonymous)
        token = next(iter(factories.invite(consultation).values()))
        answers = factories.answers(consultation)
        submitting.submit(links.find_by_token(token), answers)
        changed = factories.form_data(factories.answers(consultation, option_index=2, scale=1))
        db.session.commit()
        return {"url": f"/i/{token}", "token": token, "id": consultation.id, "changed": changed}


def stored(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(
            select(Answer.option_id, Answer.number, Answer.text).order_by(Answer.question_id)
        ).all()


def responses(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Response.id)))


def test_the_link_shows_the_sent_answers_with_a_way_to_change_them(client, sent):
    """After sending, does the same link show what was sent and a button to change it?"""
    page = client.get(sent["url"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Uw antwoorden" in text and "Schoonmaak" in text and "Prima" in text
    assert "Eens" in text and "Antwoorden wijzigen" in text


def test_changed_answers_replace_the_sent_ones(app, client, sent):
    """Changing and sending again: is it still one response, with only the new answers?"""
    before = stored(app)
    response = client.post(sent["url"] + "/change")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "checked" in page and "Prima" in page  # the sent answers fill the page again
    response = client.post(sent["url"], data={**sent["changed"], "step": "send"})
    assert response.headers["Location"].endswith("/thanks")
    after = stored(app)
    assert responses(app) == 1 and after != before
    assert [number for _o, number, _t in after if number] == [1]
    with app.app_context():
        assert db.session.scalar(select(func.count(ResponseDraft.id))) == 0
    thanks = client.get(sent["url"] + "/thanks").get_data(as_text=True)
    assert "wijzigen" in thanks


def test_two_simultaneous_changes_replace_exactly_once(app, sent):
    """Two tabs send their changes at the same moment: is one applied and one told so?"""
    app.test_client().post(sent["url"] + "/change")
    barrier = threading.Barrier(2)
    statuses = []

    def send():
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(sent["url"], data={**sent["changed"], "step": "send"}))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    thanked = [r for r in statuses if r.headers.get("Location", "").endswith("/thanks")]
    other = next(r for r in statuses if r not in thanked)
    assert len(thanked) == 1
    # Told so: sent back to the link with a message while the other send was under way, or
    # (the other send already done when this one was read) shown the answers as now sent.
    assert other.headers.get("Location", "").endswith(sent["token"]) or (
        other.status_code == 200 and "Antwoorden wijzigen" in other.text
    )
    assert responses(app) == 1
    assert len(stored(app)) == 3  # one row per question, not doubled


def test_a_second_send_of_the_same_changes_is_refused(ctx):
    """Does sending changes a second time, without a draft, change nothing?"""
    org = factories.organisation()
    factories.member(org)
    consultation = identified(org)
    token = next(iter(factories.invite(consultation).values()))
    submitting.submit(links.find_by_token(token), factories.answers(consultation))
    invitation = links.find_by_token(token)
    submitting.start_change(invitation)
    submitting.resend(links.link_of(invitation), factories.answers(consultation, scale=2))
    with pytest.raises(DomainError):
        submitting.resend(links.link_of(invitation), factories.answers(consultation, scale=5))
    assert db.session.scalar(select(Answer.number).where(Answer.number.is_not(None))) == 2


def test_frozen_evidence_does_not_change_with_the_answers(ctx):
    """Evidence frozen before a change: are its figures and hash the same afterwards?"""
    org = factories.organisation()
    consultation = identified(org)
    for _ in range(5):
        factories.member(org)
    tokens = list(factories.invite(consultation).values())
    for token in tokens:
        submitting.submit(links.find_by_token(token), factories.answers(consultation))
    snapshot = dossiers.freeze_evidence(factories.dossier(org), consultation)
    figures, digest = json.loads(json.dumps(snapshot.figures)), snapshot.content_hash
    invitation = links.find_by_token(tokens[0])
    submitting.start_change(invitation)
    submitting.resend(links.link_of(invitation), factories.answers(consultation, scale=1))
    db.session.expire_all()
    assert snapshot.figures == figures and snapshot.content_hash == digest
    assert dossiers.content_hash(snapshot.figures) == digest


def test_after_closing_the_answers_can_no_longer_change(app, client, sent):
    """Once closed, does the link say so, and is a change refused?"""
    with app.app_context():
        consultation = db.session.get(Consultation, sent["id"])
        consultation.closed_on = clock.today()
        db.session.commit()
    page = client.get(sent["url"])
    assert page.status_code in (404, 410)
    assert client.post(sent["url"] + "/change").status_code in (404, 410)
    with app.app_context():
        assert db.session.scalar(select(func.count(ResponseDraft.id))) == 0


def test_anonymous_answers_cannot_be_seen_or_changed_and_the_page_says_why(app, client):
    """In an anonymous consultation, does the used link explain that answers are not kept
    with the name, and refuse a change?"""
    link = _sent(app, anonymous=True)
    page = client.get(link["url"])
    assert page.status_code == 410
    assert "anoniem" in page.get_data(as_text=True)
    assert client.post(link["url"] + "/change").status_code == 410
    with app.app_context():
        assert db.session.scalar(select(func.count(ResponseDraft.id))) == 0
        spent = participation.spent(db.session.scalar(select(Invitation)))
        assert spent and db.session.scalar(select(Invitation.used_on)) is None  # no day kept
