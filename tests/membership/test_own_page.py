"""A member's own page, reached through a mailed link: details, pause, leave, download."""

import json
from datetime import date, timedelta

from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.panel.models import MemberStatus, PanelMember
from consult.panel.services import dimensions_of
from tests import factories
from tests.membership.helpers import own_page_link


def panel_member(app, email="lid@example.org") -> dict:
    with app.app_context():
        org = factories.organisation()
        wijk, leeftijd = factories.dimensions(org)
        member = factories.member(org, email=email, values=[wijk.values[0]], name="Lid Een")
        db.session.commit()
        return {
            "slug": org.slug,
            "id": member.id,
            "wijk": wijk.id,
            "zuid": wijk.values[1].id,
            "leeftijd": leeftijd.id,
            "oud": leeftijd.values[1].id,
        }


def page_for(app, client, member, email="lid@example.org") -> str:
    """Ask for the link, follow it from the mail and press the button that opens the page."""
    client.post(f"/join/{member['slug']}/my-page", data={"email": email})
    link = own_page_link(app, email)
    assert "Open my page" in client.get(link).text
    assert client.post(f"{link}/open").status_code == 302
    return link


def stored(app, member_id) -> PanelMember:
    with app.app_context():
        found = db.session.get(PanelMember, member_id)
        labels = sorted(s.value.label for s in found.segments)
        db.session.expunge(found)
        found.labels = labels
        return found


def test_a_member_gets_a_link_to_their_page_without_a_password(app, client):
    """Does asking with one's address mail a link that opens one's own page?"""
    member = panel_member(app)
    page = client.get(page_for(app, client, member))
    assert page.status_code == 200
    assert "lid@example.org" in page.text and "Your details" in page.text


def test_a_used_page_link_is_worthless_in_another_browser(app, client):
    """Once opened, does the link (forwarded, leaked) open nothing elsewhere, not even the
    data download?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    stranger = app.test_client()
    assert stranger.get(link).status_code == 404
    assert stranger.post(f"{link}/open").status_code == 404
    assert stranger.get(f"{link}/data.json").status_code == 404
    assert client.get(f"{link}/data.json").status_code == 200


def test_a_mail_scanner_opening_the_link_spends_nothing(app, client):
    """Does a GET of the link (as mail scanners do) leave it usable for the member?"""
    member = panel_member(app)
    client.post(f"/join/{member['slug']}/my-page", data={"email": "lid@example.org"})
    link = own_page_link(app, "lid@example.org")
    scanner = app.test_client()
    assert scanner.get(link).status_code == 200
    assert client.post(f"{link}/open").status_code == 302
    assert "Your details" in client.get(link).text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, client):
    """Does the link request tell a stranger nothing about who is on the panel?"""
    member = panel_member(app)
    known = client.post(f"/join/{member['slug']}/my-page", data={"email": "lid@example.org"})
    unknown = client.post(f"/join/{member['slug']}/my-page", data={"email": "niet@example.org"})
    assert known.location == unknown.location
    with app.app_context():
        from consult.mail.models import OutboxMessage

        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert "niet@example.org" not in recipients


def test_a_member_changes_their_segments(app, client):
    """Can a member correct their district and age band on their page?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    response = client.post(
        f"{link}/details",
        data={
            "language": "en",
            f"segment_{member['wijk']}": str(member["zuid"]),
            f"segment_{member['leeftijd']}": str(member["oud"]),
        },
    )
    assert response.status_code == 302
    changed = stored(app, member["id"])
    assert changed.labels == ["Zuid", "oud"] and changed.locale == "en"


def test_a_tampered_segment_value_changes_nothing(app, client, world):
    """Is a value id of another organisation refused, keeping the member's details?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    with app.app_context():
        from consult.organisations.models import Organisation

        foreign = dimensions_of(db.session.get(Organisation, world.a.id))[0].values[1].id
    response = client.post(
        f"{link}/details", data={"language": "nl", f"segment_{member['wijk']}": str(foreign)}
    )
    assert response.status_code == 400
    assert stored(app, member["id"]).labels == ["Noord"]


def test_pausing_stops_invitations_until_the_day(app, client):
    """Does a paused member get no invitation until the chosen day has passed?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    until = date.today() + timedelta(days=30)
    assert client.post(f"{link}/pause", data={"until": until.isoformat()}).status_code == 302
    assert stored(app, member["id"]).paused_until == until
    with app.app_context():
        from consult.invitations.inviting import invite_panel
        from consult.organisations.models import Organisation

        org = db.session.scalar(select(Organisation).where(Organisation.slug == member["slug"]))
        assert invite_panel(factories.consultation(org)) == 0


def test_a_pause_in_the_past_is_refused(app, client):
    """Does a day that has passed get a message next to the field, and no pause?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    response = client.post(f"{link}/pause", data={"until": "2001-01-01"})
    assert response.status_code == 400 and "Choose a day in the future." in response.text
    assert stored(app, member["id"]).paused_until is None


def test_leaving_stops_mail_but_keeps_the_page(app, client):
    """Does a member who leaves get no more invitations, yet can still erase their data?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    client.post(f"{link}/leave")
    left = stored(app, member["id"])
    assert left.status == MemberStatus.LEFT and left.left_at is not None
    assert "You left the panel" in client.get(link).text


def test_the_download_holds_everything_about_the_member(app, client):
    """Does the JSON download contain the address, segments, consent and invitations?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    response = client.get(f"{link}/data.json")
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["member"]["email"] == "lid@example.org"
    assert data["segments"] == {"Wijk": "Noord"}
    assert data["basis"]["kind"] == "recorded_basis"
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "member.exported_own_data" in actions


def test_an_expired_page_link_does_not_open(app, client):
    """Does the page link stop working after its time?"""
    member = panel_member(app)
    link = page_for(app, client, member)
    with app.app_context():
        from consult.panel.models import MemberLink

        for member_link in db.session.scalars(select(MemberLink)):
            member_link.expires_at -= timedelta(days=2)
        db.session.commit()
    assert client.get(link).status_code == 404
