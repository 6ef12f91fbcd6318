"""Closing a consultation early: the board confirms with a reason, links then say it closed."""

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import closing, open_links
from consult.surveys.models.consultations import Consultation, ConsultationState
from consult.surveys.models.responses import ResponseDraft
from consult.surveys.services import purge_closed_drafts
from tests import factories
from tests.conftest import login


def test_closing_early_ends_it_today_and_logs_the_reason(ctx):
    """Is an open consultation closed from today, its planned date kept and the reason logged?"""
    org = factories.organisation()
    consultation = factories.consultation(org)
    planned = consultation.closes_on
    closing.close_early(consultation, "  De verhuurder trok het voorstel in.  ")
    assert consultation.state_on(today()) == ConsultationState.CLOSED
    assert consultation.closes_on == planned and consultation.closed_on == today()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.organisation_id == org.id))
    assert entry.action == "consultation.closed_early"
    assert entry.details["reason"] == "De verhuurder trok het voorstel in."


@pytest.mark.parametrize(
    ("publish", "reason", "message"),
    [(True, " ", "Zeg waarom"), (False, "Reden", "Alleen een geplande of open")],
    ids=["no reason", "draft"],
)
def test_closing_early_needs_a_reason_and_an_open_consultation(ctx, publish, reason, message):
    """Is closing refused without a reason, or for a draft, leaving it unchanged?"""
    consultation = factories.consultation(factories.organisation(), publish=publish)
    with pytest.raises(DomainError, match=message):
        closing.close_early(consultation, reason)
    assert consultation.closed_on is None


def test_a_closed_consultation_cannot_be_closed_again(ctx):
    """Is a consultation past its closing date refused?"""
    consultation = factories.consultation(factories.organisation(), closes_in_days=-1)
    with pytest.raises(DomainError):
        closing.close_early(consultation, "Nog eens")


def test_the_board_confirms_and_the_links_then_answer_as_closed(app, client, world):
    """Does the board see what follows, confirm with a reason, and do the invitation link and
    the open link then say that the consultation has closed?"""
    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        factories.member(consultation.organisation)
        token = next(iter(factories.invite(consultation).values()))
        open_links.set_open_link(consultation, "anonymous")
        db.session.commit()
        open_url = f"/open/{consultation.open_link_key}"
    assert client.get(f"/i/{token}").status_code == 200
    assert client.get(open_url).status_code == 200
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/close"
    page = client.get(url).get_data(as_text=True)
    assert "niet meer ongedaan" in page and "open link" in page
    refused = client.post(url, data={"reason": ""})
    assert refused.status_code == 400 and "Zeg waarom" in refused.get_data(as_text=True)
    done = client.post(url, data={"reason": "Voorstel ingetrokken"}, follow_redirects=True)
    assert "vroegtijdig gesloten" in done.get_data(as_text=True)
    client.get("/logout")
    for closed in client.get(f"/i/{token}"), client.get(open_url):
        assert closed.status_code == 404
        assert "Deze raadpleging is gesloten." in closed.text
        assert "heeft de raadpleging op" in closed.text  # closed early, by its organisation


def test_another_organisation_cannot_close_it(client, world):
    """Is closing another organisation's consultation refused, leaving it open?"""
    login(client, world.a.admin)
    url = f"/o/{world.b.slug}/consultations/{world.b.consultation_id}/close"
    assert client.post(url, data={"reason": "Weg ermee"}).status_code in (403, 404)


def test_unsent_answers_of_a_consultation_closed_early_are_purged(ctx):
    """Are answers saved but not sent cleared once the consultation closed early, as after
    its closing date, and those of an open one kept?"""
    org = factories.organisation()
    closed, still_open = factories.consultation(org), factories.consultation(org)
    for consultation in (closed, still_open):
        open_links.set_open_link(consultation, "anonymous")
        answers = factories.answers(consultation)
        open_links.save_draft(consultation, open_links.new_browser_key(), answers)
    closing.close_early(closed, "Voorstel ingetrokken")
    assert purge_closed_drafts() == 1
    kept = db.session.scalars(select(ResponseDraft.consultation_id)).all()
    assert kept == [still_open.id]
