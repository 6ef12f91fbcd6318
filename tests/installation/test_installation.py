"""The installation's administrator: organisations without the command line, their size and
last activity, and suspending one without deleting anything."""

import pytest
from sqlalchemy import func, select

from consult.accounts.models import User
from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.installation import queries, services
from consult.mail.models import OutboxMessage
from consult.organisations.models import Membership, Organisation
from consult.panel.models import PanelMember
from consult.surveys.models.responses import Response
from tests import factories
from tests.conftest import login
from tests.dossiers.test_documents import english

INSTALLATION_ADMIN = "beheer@example.org"


@pytest.fixture
def installation_admin(app, world):
    """An installation administrator, made as ``consult create-admin`` makes one."""
    result = app.test_cli_runner().invoke(
        args=["create-admin", INSTALLATION_ADMIN, "--password", factories.PASSWORD]
    )
    assert result.exit_code == 0, result.output
    return INSTALLATION_ADMIN


def counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Organisation, Membership, PanelMember, Response)
        )


def test_create_admin_makes_an_installation_admin_without_an_organisation(
    app, client, installation_admin, world
):
    """Does create-admin without --organisation give a login that opens the installation's
    page, with every organisation listed and no role in any of them?"""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == installation_admin))
        assert user.is_installation_admin and user.memberships == []
    login(english(client), installation_admin)
    assert client.get("/").headers["Location"].endswith("/installation/")
    page = client.get("/installation/").text
    assert "Huurders Alfa" in page and "Huurders Beta" in page
    assert client.get(f"/o/{world.a.slug}/").status_code == 404


def test_the_overview_counts_in_sql_and_shows_the_last_activity(app, world):
    """Are team, active panel members, consultations and the last activity right per
    organisation?"""
    with app.app_context():
        rows = {row.organisation.slug: row for row in queries.organisations_overview()}
        alfa = rows[world.a.slug]
        assert (alfa.team, alfa.members, alfa.consultations) == (4, 3, 2)
        organisation = db.session.get(Organisation, world.a.id)
        factories.consultation(organisation, title="Later")
        db.session.commit()
        later = {r.organisation.slug: r for r in queries.organisations_overview()}[world.a.slug]
        assert later.consultations == 3 and later.last_activity > alfa.last_activity
        assert rows[world.b.slug].last_activity < later.last_activity


def test_an_installation_admin_creates_an_organisation_and_invites_its_admin(
    app, client, installation_admin
):
    """Does the form make the organisation and mail its first admin a link to choose a
    password through the outbox, recorded in the new organisation's audit log?"""
    login(english(client), installation_admin)
    response = client.post(
        "/installation/",
        data={"name": "HV Noord", "admin_name": "Noor", "admin_email": "noor@example.org"},
        follow_redirects=True,
    )
    assert "HV Noord is created; noor@example.org is invited to be its admin." in response.text
    with app.app_context():
        organisation = db.session.scalar(
            select(Organisation).where(Organisation.slug == "hv-noord")
        )
        [membership] = organisation.memberships
        assert membership.role == "admin" and membership.user.email == "noor@example.org"
        mail = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == "noor@example.org")
        )
        assert mail.kind == "account_invitation" and mail.organisation_id == organisation.id
        actions = set(
            db.session.scalars(
                select(AuditEntry.action).where(AuditEntry.organisation_id == organisation.id)
            )
        )
        assert actions == {"organisation.created", "team.invited"}


def test_a_name_taken_already_is_refused_next_to_the_field(app, client, installation_admin, world):
    """Is a second "Huurders Alfa" refused with a message, nothing created and no mail?"""
    login(english(client), installation_admin)
    before = counts(app)
    with app.app_context():
        mails = db.session.scalar(select(func.count(OutboxMessage.id)))
    response = client.post(
        "/installation/",
        data={"name": "Huurders  Alfa", "admin_name": "X", "admin_email": "x@example.org"},
    )
    assert response.status_code == 400
    assert "/o/huurders-alfa/ exists already" in response.text
    assert counts(app) == before
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == mails


def test_a_suspended_organisation_says_so_everywhere_and_keeps_everything(
    app, client, installation_admin, world
):
    """After suspending: do its pages, answer links, join page and API say calmly that it is
    suspended, the other organisation work, nothing go, and everything come back on lifting?"""
    before = counts(app)
    login(english(client), installation_admin)
    assert client.post(f"/installation/{world.a.id}/suspend").status_code == 302
    assert "Suspended since" in client.get("/installation/").text
    member = english(app.test_client())
    login(member, world.a.admin)
    paths = [f"/o/{world.a.slug}/", f"/i/{world.a.tokens[0]}", f"/join/{world.a.slug}"]
    for path in paths:
        response = member.get(path)
        assert response.status_code == 403, path
        assert "Huurders Alfa is suspended for now" in response.text
        assert "Nothing has been deleted" in response.text
    api = member.get(
        f"/api/v1/organisations/{world.a.slug}", headers={"Authorization": "Bearer nothing"}
    )
    assert api.status_code == 401  # an unknown token learns nothing, suspended or not
    assert counts(app) == before
    other = app.test_client()
    login(other, world.b.admin)
    assert other.get(f"/o/{world.b.slug}/").status_code == 200

    assert client.post(f"/installation/{world.a.id}/reinstate").status_code == 302
    assert member.get(f"/o/{world.a.slug}/").status_code == 200
    assert member.get(f"/i/{world.a.tokens[0]}").status_code == 200
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.organisation_id == world.a.id)
        ).all()
        assert {"organisation.suspended", "organisation.reinstated"} <= set(actions)


def test_an_api_token_of_a_suspended_organisation_gets_json_saying_so(app, world):
    """Does a working API token of a suspended organisation get a 403 in JSON, in Dutch?"""
    from consult.api.tokens import make_token

    with app.app_context():
        organisation = db.session.get(Organisation, world.a.id)
        board = db.session.scalar(select(User).where(User.email == world.a.board))
        _token, secret = make_token(organisation, "Power BI", board)
        services.suspend(organisation, None)
        db.session.commit()
    response = app.test_client().get(
        f"/api/v1/organisations/{world.a.slug}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 403 and "is voorlopig geschorst" in response.json["error"]


def test_create_admin_with_an_organisation_still_makes_that_organisations_admin(app):
    """Does --organisation keep making an organisation's admin, not an installation admin?"""
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "chair@example.org",
            "--organisation",
            "HV Zuid",
            "--password",
            "a long password",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "chair@example.org"))
        assert not user.is_installation_admin and user.memberships[0].role == "admin"
