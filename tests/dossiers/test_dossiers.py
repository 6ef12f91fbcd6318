"""Advice dossiers: codes, the legal advice term, and results frozen as evidence."""

from datetime import date

import pytest
from sqlalchemy import select

from consult.agreements.models import AdviceRight
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.models import AdviceKind, EvidenceSnapshot
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from tests import factories
from tests.conftest import login


def test_codes_count_per_organisation_and_year(ctx):
    """Are codes K26-001, K26-002 per organisation, restarting in a new year?"""
    alfa, beta = factories.organisation(), factories.organisation()
    codes = [
        factories.dossier(alfa, requested_on=date(2026, 3, 1)).code,
        factories.dossier(alfa, requested_on=date(2026, 9, 1)).code,
        factories.dossier(beta, requested_on=date(2026, 9, 1)).code,
        factories.dossier(alfa, requested_on=date(2027, 1, 4)).code,
    ]
    assert codes == ["K26-001", "K26-002", "K26-001", "K27-001"]


def test_advice_is_due_six_weeks_after_the_request(ctx):
    """Is the advice due date the request date plus six weeks?"""
    dossier = factories.dossier(factories.organisation(), requested_on=date(2026, 11, 2))
    assert dossier.advice_due_on == date(2026, 12, 14)


def test_the_information_right_has_no_advice_due_date(ctx):
    """Is no advice deadline set where the organisation only has to be informed?"""
    dossier = factories.dossier(
        factories.organisation(), requested_on=date(2026, 11, 2), right=AdviceRight.INFORMATION
    )
    assert dossier.advice_due_on is None


def test_requested_advice_needs_the_request_date(ctx):
    """Is requested advice without the landlord's request date refused?"""
    with pytest.raises(DomainError):
        services.create_dossier(
            factories.organisation(),
            services.DossierDetails("X", AdviceKind.REQUESTED, AdviceRight.ADVICE),
        )


def test_unsolicited_advice_needs_no_request_date(ctx):
    """Can the organisation open a dossier for advice on its own initiative?"""
    dossier = services.create_dossier(
        factories.organisation(),
        services.DossierDetails("Eigen advies", AdviceKind.UNSOLICITED, AdviceRight.ADVICE),
    )
    assert dossier.requested_on is None and dossier.advice_due_on is None


@pytest.fixture
def linked(ctx):
    """A dossier with the evidence of a consultation answered by one of two members."""
    org = factories.organisation()
    for _ in range(2):
        factories.member(org)
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    first, second = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    submitting.submit(first, factories.answers(consultation))
    dossier = factories.dossier(org)
    snapshot = services.freeze_evidence(dossier, consultation)
    db.session.commit()
    return snapshot, second, consultation


def test_evidence_does_not_change_when_answers_come_in_later(linked):
    """Does a later answer leave the linked evidence exactly as it was?"""
    snapshot, second, consultation = linked
    before = (snapshot.respondents, snapshot.response_rate, snapshot.figures, snapshot.content_hash)
    submitting.submit(second, factories.answers(consultation, option_index=1))
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(EvidenceSnapshot, snapshot.id)
    assert (stored.respondents, stored.response_rate, stored.figures, stored.content_hash) == before
    assert before[0] == 1 and before[1] == 50.0


def test_evidence_cannot_be_edited(linked):
    """Is changing a stored snapshot refused?"""
    snapshot, *_ = linked
    snapshot.respondents = 999
    with pytest.raises(ValueError, match="evidence"):
        db.session.flush()


def test_the_fingerprint_matches_the_figures(linked):
    """Can anyone recompute the shown SHA-256 from the stored figures?"""
    snapshot, *_ = linked
    assert snapshot.content_hash == services.content_hash(snapshot.figures)
    assert len(snapshot.content_hash) == 64


def test_a_draft_cannot_be_linked(ctx):
    """Is a draft consultation (no results) refused as evidence?"""
    org = factories.organisation()
    draft = factories.consultation(org, publish=False)
    with pytest.raises(DomainError):
        services.freeze_evidence(factories.dossier(org), draft)


def test_board_opens_a_dossier_and_links_results(app, client, world):
    """Can the board open a dossier and link results, and see them on its page?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={
            "title": "Huurbeleid",
            "kind": "requested",
            "right": "advice",
            "requested_on": "2026-11-02",
        },
    )
    dossier_page = response.headers["Location"]
    client.post(f"{dossier_page}/consultations", data={"consultation": world.a.consultation_id})
    client.post(f"{dossier_page}/consultations/{world.a.consultation_id}/evidence")
    page = client.get(dossier_page).get_data(as_text=True)
    assert "K26-002" in page and "Huurbeleid" in page
    assert "14 december 2026" in page  # six weeks after 2 November
    assert "SHA-256" in page and "Welke post is belangrijk?" in page


def test_requested_advice_without_a_date_is_refused_on_the_page(client, world):
    """Does the form say that requested advice needs the request date?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={
            "title": "Huurbeleid",
            "kind": "requested",
            "right": "advice",
        },
    )
    assert "Vul de datum van de adviesaanvraag van de verhuurder in." in response.get_data(
        as_text=True
    )


def test_evidence_shows_no_small_group_even_if_frozen_before_the_rule(app, client, world):
    """Evidence stored with a question's figures for three people: are they kept out of view?"""
    from consult.organisations.models import Organisation
    from tests.conftest import login

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        consultation = factories.consultation(org, title="Oud")
        dossier = factories.dossier(org)
        snapshot = services.freeze_evidence(dossier, consultation)
        figures = dict(snapshot.figures)
        figures["questions"] = [
            {**q, "answered": 3, "suppressed": False, "open_answers": ["Mijn buurman"]}
            for q in figures["questions"]
        ]
        figures["respondents"] = 3
        db.session.execute(
            EvidenceSnapshot.__table__.update()
            .where(EvidenceSnapshot.__table__.c.id == snapshot.id)
            .values(figures=figures)
        )
        db.session.commit()
        dossier_id = dossier.id
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/dossiers/{dossier_id}").get_data(as_text=True)
    assert "Mijn buurman" not in page and "minder dan 5" in page
