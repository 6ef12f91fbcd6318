"""Tenants join on the public page and are on the panel only after confirming by mail."""

from sqlalchemy import select

from consult.extensions import db
from consult.membership import services
from consult.panel.models import JoinBasis, MemberStatus, PanelMember
from tests import factories
from tests.membership.helpers import confirm_link, own_page_link


def join_page_org(app, privacy=True) -> dict:
    with app.app_context():
        org = factories.organisation("Huurders Gamma")
        factories.dimensions(org)
        if privacy:
            services.publish_privacy_text(org, "Wij bewaren uw e-mailadres voor het panel.")
        db.session.commit()
        return {"slug": org.slug}


def member(app, email) -> PanelMember | None:
    with app.app_context():
        found = db.session.scalar(select(PanelMember).where(PanelMember.email == email))
        if found is not None:
            db.session.expunge(found)
        return found


def sign_up(client, org, email="nieuw@example.org", **extra):
    data = {"email": email, "name": "An", "language": "nl", "consent": "y", **extra}
    return client.post(f"/join/{org['slug']}", data=data)


def test_a_sign_up_becomes_active_only_after_the_confirmation(app, client):
    """Is a tenant on the panel only once they pressed the button behind the mailed link?"""
    org = join_page_org(app)
    response = sign_up(client, org)
    assert response.status_code == 302 and "check-your-mail" in response.location
    assert member(app, "nieuw@example.org").status == MemberStatus.SIGNED_UP

    link = confirm_link(app, "nieuw@example.org")
    assert "Yes, I want to be on the panel" in client.get(link).text
    assert member(app, "nieuw@example.org").status == MemberStatus.SIGNED_UP  # a GET is not yes
    assert "You are on the panel" in client.post(link).text
    joined = member(app, "nieuw@example.org")
    assert joined.status == MemberStatus.ACTIVE and joined.join_basis == JoinBasis.CONSENT
    assert joined.privacy_version == 1 and joined.consented_at and joined.joined_at
    assert client.post(link).status_code == 404  # the link works once


def test_the_consent_box_is_required_and_nothing_is_stored_without_it(app, client):
    """Does a sign-up without the consent tick store nothing and say why?"""
    org = join_page_org(app)
    response = sign_up(client, org, consent="")
    assert response.status_code == 200
    assert "Please tick this box to join." in response.text
    assert member(app, "nieuw@example.org") is None


def test_segment_answers_of_another_organisation_are_refused(app, client, world):
    """Can a tampered form put a value of another organisation on a sign-up? (No.)"""
    org = join_page_org(app)
    with app.app_context():
        from consult.organisations.models import Organisation
        from consult.panel.services import dimensions_of

        alfa = db.session.get(Organisation, world.a.id)
        foreign = dimensions_of(alfa)[0].values[0].id
        own = db.session.scalar(select(Organisation).where(Organisation.slug == org["slug"]))
        own_dimension = dimensions_of(own)[0].id
    response = sign_up(client, org, **{f"segment_{own_dimension}": str(foreign)})
    assert member(app, "nieuw@example.org") is None
    assert response.status_code == 200


def test_without_a_privacy_statement_the_page_takes_no_sign_ups(app, client):
    """Does the join page refuse sign-ups until the board has written a privacy text?"""
    org = join_page_org(app, privacy=False)
    assert "does not accept sign-ups yet" in client.get(f"/join/{org['slug']}").text
    sign_up(client, org)
    assert member(app, "nieuw@example.org") is None


def test_signing_up_again_with_a_known_address_reveals_nothing(app, client):
    """Does the page answer the same for a known address, and mail the member their link?"""
    org = join_page_org(app)
    with app.app_context():
        from consult.organisations.models import Organisation

        factories.member(
            db.session.scalar(select(Organisation).where(Organisation.slug == org["slug"])),
            email="bekend@example.org",
        )
        db.session.commit()
    first = sign_up(client, org, email="bekend@example.org")
    second = sign_up(client, org, email="onbekend@example.org")
    assert first.location == second.location
    assert member(app, "bekend@example.org").status == MemberStatus.ACTIVE
    assert own_page_link(app, "bekend@example.org").startswith("/m/")


def test_a_member_added_by_the_board_confirms_too(app, client):
    """Is a member added without a recorded basis only invited until they confirm?"""
    with app.app_context():
        org = factories.organisation()
        factories.member(org, email="gevraagd@example.org", basis_note=None)
        db.session.commit()
    assert member(app, "gevraagd@example.org").status == MemberStatus.INVITED
    client.post(confirm_link(app, "gevraagd@example.org"))
    assert member(app, "gevraagd@example.org").status == MemberStatus.ACTIVE


def test_an_unknown_confirmation_link_gets_a_clear_page(client):
    """Does a mistyped confirmation link say it does not work, without an error?"""
    response = client.get("/join/confirm/not-a-real-token")
    assert response.status_code == 404
    assert "This link does not work (any more)" in response.text


def test_a_hostile_name_comes_back_escaped_in_the_mail_and_on_the_board_list(app, client, world):
    """Is markup typed as a name on the public page shown as text in the confirmation mail
    and to the board, never as markup?"""
    from consult.organisations.models import Organisation

    with app.app_context():
        slug = db.session.get(Organisation, world.a.id).slug
        services.publish_privacy_text(db.session.get(Organisation, world.a.id), "Privacy.")
        db.session.commit()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    sign_up(client, {"slug": slug}, email="boos@example.org", name=hostile)
    with app.app_context(), app.test_request_context():
        from consult.mail.models import OutboxMessage
        from consult.mail.rendering import render

        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == "boos@example.org")
        )
        html = render(message).html
    assert "<script>" not in html and "&lt;script&gt;" in html
    from tests.conftest import login

    login(client, world.a.board)
    page = client.get(f"/o/{slug}/panel/").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
