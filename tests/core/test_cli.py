"""The `consult` command: demo data and admin accounts."""

import pytest
from sqlalchemy import func, select

from consult.accounts.models import User
from consult.agreements.models import AgreementVersion
from consult.annual.models import AnnualReport
from consult.demo import DEMO_LOGINS
from consult.dossiers.advice.models import AdvicePoint
from consult.dossiers.consent.services import told_to_members
from consult.dossiers.models import Dossier, EvidenceSnapshot
from consult.elections import counting
from consult.elections.models import Election
from consult.extensions import db
from consult.meetings.models.agenda import Decision
from consult.meetings.models.meetings import Meeting
from consult.panel.models import PanelMember
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Response
from tests.conftest import login


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.slow
def test_seed_demo_builds_a_realistic_organisation_once(app):
    """Does seed-demo create panel, consultations, answers and dossiers, and only once?"""
    runner = app.test_cli_runner()
    assert "created" in runner.invoke(args=["seed-demo"]).output
    assert "already exists" in runner.invoke(args=["seed-demo"]).output
    with app.app_context():
        assert count(PanelMember) == 200
        assert count(Consultation) == 2
        assert count(Response) == 162  # 120 in the closed, 42 in the open consultation
        assert count(Dossier) == 5 and count(EvidenceSnapshot) == 2
        assert count(AdvicePoint) == 4 and count(AgreementVersion) == 1
        phases = set(db.session.scalars(select(Dossier.phase)))
        assert phases == {"advised", "consulting", "closed", "announced"}
        consent = db.session.scalar(select(Dossier).where(Dossier.right == "consent"))
        assert told_to_members(consent).startswith("Wij hebben ingestemd onder voorwaarden: ")
        assert count(User) == len(DEMO_LOGINS)
        assert count(Meeting) == 5 and count(Decision) == 4
        assert db.session.scalar(select(AnnualReport.published_at)) is not None


@pytest.mark.slow
def test_demo_logins_work(app, client):
    """Can a newcomer sign in with the printed demo login and see the organisation?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    email, password, _ = DEMO_LOGINS[0]
    login(client, email, password)
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Huurdersvereniging De Voorbeeld" in page


def test_create_admin_makes_an_admin_of_a_new_organisation(app, client):
    """Does create-admin give a working admin login for the named organisation?"""
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "chair@example.org",
            "--organisation",
            "HV Noord",
            "--password",
            "a long password",
        ]
    )
    assert result.exit_code == 0, result.output
    login(client, "chair@example.org", "a long password")
    assert client.get("/o/hv-noord/outbox").status_code == 200


def test_create_admin_refuses_a_short_password(app):
    """Is a short password refused with a message, creating nothing?"""
    result = app.test_cli_runner().invoke(
        args=["create-admin", "x@example.org", "--password", "short"]
    )
    assert result.exit_code != 0
    with app.app_context():
        assert count(User) == 0


@pytest.mark.slow
def test_demo_panel_dashboard_tells_the_board_who_is_missing(app, client):
    """Does the demo's panel dashboard show growth, leavers and young tenants under-represented?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    email, password, _ = DEMO_LOGINS[1]
    login(client, email, password)
    page = client.get("/o/de-voorbeeld/panel/dashboard?lang=nl").get_data(as_text=True)
    assert "jonger dan 35 ondervertegenwoordigd" in page
    with app.app_context():
        left = db.session.scalar(select(func.count()).where(PanelMember.left_at.is_not(None)))
        joined_months = db.session.scalars(select(PanelMember.joined_at)).all()
    assert left == 9
    assert len({(moment.year, moment.month) for moment in joined_months}) >= 12


@pytest.mark.slow
def test_every_demo_page_of_a_consultation_opens(app, client):
    """Do the demo consultations' pages, results and preview open without an error?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    login(client, DEMO_LOGINS[1][0], DEMO_LOGINS[1][1])
    with app.app_context():
        ids = db.session.scalars(select(Consultation.id).order_by(Consultation.id)).all()
    for consultation_id in ids:
        base = f"/o/de-voorbeeld/consultations/{consultation_id}"
        for page in ("", "/results", "/preview", "/funnel", "/paper"):
            assert client.get(base + page).status_code == 200, base + page
    results = client.get(f"/o/de-voorbeeld/consultations/{ids[-1]}/results").get_data(as_text=True)
    assert "Gemiddelde plaats" in results and "Denk aan uw laatste reparatie." in results


def test_create_user_makes_a_landlord_account(app, client):
    """Does create-user --role landlord give a login that lands on the shared dossiers only?"""
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "woonconsulent@corporatie.example",
            "--organisation",
            "HV Noord",
            "--role",
            "landlord",
            "--password",
            "a long password",
        ]
    )
    assert result.exit_code == 0, result.output
    login(client, "woonconsulent@corporatie.example", "a long password")
    assert client.get("/").headers["Location"] == "/o/hv-noord/verhuurder/"
    assert client.get("/o/hv-noord/").status_code == 403


def test_the_demo_has_a_published_election_result(app, client):
    """Does the demo show last month's board election, counted and published?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        election = db.session.scalar(select(Election))
        result = counting.result(election)
        assert result.ballots > 50 and len(result.allocation.elected) == 2
        slug = election.organisation.slug
    page = client.get(f"/h/{slug}/verkiezingen/{election.id}")
    assert page.status_code == 200 and "Fatima El Amrani" in page.text
