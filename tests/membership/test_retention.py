"""Quiet members are asked to stay; unconfirmed sign-ups and lapsed consent are cleaned up."""

from datetime import date, timedelta

from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.core.clock import utcnow
from consult.extensions import db
from consult.membership import retention
from consult.panel.models import MemberStatus, PanelMember
from tests import factories
from tests.membership.helpers import confirm_link


def test_quiet_members_are_asked_and_staying_resets_the_clock(app, client):
    """Is a member quiet for the retention period asked to stay, and kept when confirming?"""
    with app.app_context():
        org = factories.organisation()
        quiet = factories.member(org, email="stil@example.org")
        factories.member(org, email="actief@example.org").last_active_on = date.today()
        quiet.joined_at = utcnow() - timedelta(days=800)
        db.session.commit()
        assert [m.email for m in retention.due_for_reconsent(org)] == ["stil@example.org"]
        assert retention.ask_reconsent(org) == 1
        db.session.commit()
        assert retention.due_for_reconsent(org) == []  # asked once, not every day
    client.post(confirm_link(app, "stil@example.org"))
    with app.app_context():
        member = db.session.scalar(
            select(PanelMember).where(PanelMember.email == "stil@example.org")
        )
        assert member.status == MemberStatus.ACTIVE and member.last_active_on == date.today()
        assert retention.purge_expired() == 0


def test_unconfirmed_sign_ups_are_erased_and_silent_members_leave(app):
    """After the confirmation period: are sign-ups erased and unanswered re-consents left?"""
    with app.app_context():
        org = factories.organisation()
        stale = factories.member(org, email="nooit@example.org", basis_note=None)
        asked = factories.member(org, email="weg@example.org")
        fresh = factories.member(org, email="vers@example.org", basis_note=None)
        long_ago = utcnow() - timedelta(days=30)
        stale.created_at = long_ago
        asked.joined_at = long_ago - timedelta(days=800)
        asked.reconsent_asked_at = long_ago
        db.session.commit()
        assert retention.purge_expired() == 2
        assert stale.status == MemberStatus.ERASED and stale.email is None
        assert asked.status == MemberStatus.LEFT
        assert fresh.status == MemberStatus.INVITED
        assert "panel.purged" in db.session.scalars(select(AuditEntry.action)).all()
