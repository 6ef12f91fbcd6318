"""Keeping the panel current: purge unconfirmed sign-ups, ask quiet members to re-consent."""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, select

from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.extensions import db
from consult.membership.services import ask_to_confirm, erase, leave
from consult.organisations.models import Organisation
from consult.panel.models import MemberStatus, PanelMember

UNCONFIRMED = (MemberStatus.SIGNED_UP, MemberStatus.INVITED)


def _months_ago(months: int, today: date) -> date:
    return today - timedelta(days=round(months * 30.44))


def _quiet_since(cutoff: date):
    """Active members who neither answered nor opened their page since ``cutoff``."""
    return and_(
        PanelMember.status == MemberStatus.ACTIVE,
        func.coalesce(PanelMember.last_active_on, func.date(PanelMember.joined_at)) < cutoff,
        or_(
            PanelMember.reconsent_asked_at.is_(None),
            func.date(PanelMember.reconsent_asked_at) < cutoff,
        ),
    )


def due_for_reconsent(organisation, today: date | None = None) -> list[PanelMember]:
    """Members quiet for the organisation's retention period, not asked since."""
    cutoff = _months_ago(organisation.retention_months, today or date.today())
    return db.session.scalars(
        select(PanelMember)
        .where(PanelMember.organisation_id == organisation.id, _quiet_since(cutoff))
        .order_by(PanelMember.id)
    ).all()


def ask_reconsent(organisation, actor=None, today: date | None = None) -> int:
    """Mail every quiet member a link to confirm they want to stay.

    :returns: how many were asked.
    """
    members = due_for_reconsent(organisation, today)
    now = utcnow()
    for member in members:
        member.reconsent_asked_at = now
    ask_to_confirm(members, reason="reconsent")
    audit.record(organisation, "panel.reconsent_asked", None, actor=actor, members=len(members))
    current_app.logger.info("%d members of %s asked to re-consent", len(members), organisation)
    return len(members)


def _group(condition) -> list[PanelMember]:
    return db.session.scalars(select(PanelMember).where(condition)).all()


def purge_expired() -> int:
    """Erase sign-ups and invitations to join not confirmed in time; members who did not
    answer the re-consent mail in time leave; members who left long ago are erased.

    :returns: how many members were erased or left.
    """
    asked_before = utcnow() - current_app.config["MEMBER_CONFIRM_VALID_FOR"]
    unconfirmed = _group(
        and_(PanelMember.status.in_(UNCONFIRMED), PanelMember.created_at < asked_before)
    )
    no_reconsent = _group(
        and_(
            PanelMember.status == MemberStatus.ACTIVE,
            PanelMember.reconsent_asked_at < asked_before,
            func.coalesce(PanelMember.consented_at, PanelMember.joined_at)
            < PanelMember.reconsent_asked_at,
            or_(
                PanelMember.last_active_on.is_(None),
                PanelMember.last_active_on < func.date(PanelMember.reconsent_asked_at),
            ),
        )
    )
    long_gone = []
    for organisation in db.session.scalars(select(Organisation)):
        cutoff = _months_ago(organisation.retention_months, date.today())
        long_gone += _group(
            and_(
                PanelMember.organisation_id == organisation.id,
                PanelMember.status == MemberStatus.LEFT,
                PanelMember.left_at < cutoff,
            )
        )
    counts: dict[Organisation, int] = {}
    for member in unconfirmed + long_gone:
        erase(member, actor="Consult")
        counts[member.organisation] = counts.get(member.organisation, 0) + 1
    for member in no_reconsent:
        leave(member, actor="Consult")
    for organisation, count in counts.items():
        audit.record(organisation, "panel.purged", None, members=count)
    db.session.commit()
    return len(unconfirmed) + len(no_reconsent) + len(long_gone)
