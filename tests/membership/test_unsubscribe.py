"""Every mail to a member carries a one-click unsubscribe link and the RFC 8058 headers."""

import re

from sqlalchemy import select

from consult.extensions import db
from consult.invitations import inviting
from consult.mail import delivery
from consult.panel.models import MemberStatus, PanelMember
from tests import factories


def invited(mailing_app, smtp_server) -> str:
    with mailing_app.app_context():
        org = factories.organisation()
        factories.member(org, email="lezer@example.org")
        factories.member(org, email="nieuw@example.org", basis_note=None)  # confirmation mail
        inviting.invite_panel(factories.consultation(org))
        db.session.commit()
        delivery.deliver_all()
    return smtp_server.messages()


def test_invitations_and_confirmations_carry_list_unsubscribe(mailing_app, smtp_server):
    """Do both kinds of member mail offer one-click unsubscribe to the mail program?"""
    messages = invited(mailing_app, smtp_server)
    assert len(messages) == 2
    for message in messages:
        assert re.fullmatch(r"<http://[^>]+/u/\d+/[A-Za-z0-9_-]+>", message["List-Unsubscribe"])
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = message["List-Unsubscribe"][1:-1]
        plain = next(part for part in message.walk() if part.get_content_type() == "text/plain")
        assert url in plain.get_payload(decode=True).decode()


def test_the_one_click_post_unsubscribes_without_a_session(mailing_app, smtp_server, app_with):
    """Does the mail program's POST (no cookie, no CSRF token) take the member off the panel?"""
    message = next(m for m in invited(mailing_app, smtp_server) if m["To"] == "lezer@example.org")
    path = "/" + message["List-Unsubscribe"][1:-1].split("/", 3)[3]
    protected = app_with(WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    assert client.get(path).status_code == 200  # a scanner's GET only asks
    with protected.app_context():
        member = db.session.scalar(
            select(PanelMember).where(PanelMember.email == "lezer@example.org")
        )
        assert member.status == MemberStatus.ACTIVE
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with protected.app_context():
        member = db.session.scalar(
            select(PanelMember).where(PanelMember.email == "lezer@example.org")
        )
        assert member.status == MemberStatus.LEFT


def test_a_forged_unsubscribe_link_does_nothing(client, world):
    """Can someone unsubscribe a member by guessing the number in the link? (No.)"""
    response = client.post(f"/u/{world.a.member_ids[0]}/forged-token")
    assert response.status_code == 404
