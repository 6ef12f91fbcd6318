"""Writing and sending a mailing to the panel, and what it reaches before it is sent."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.core import clock
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.extensions import db
from consult.mail import outbox
from consult.mailings.models import Mailing
from consult.panel.models import PanelMember
from consult.panel.segments import described, in_segments


@dataclass(frozen=True)
class Reach:
    #: Members with an e-mail address: they get the mailing.
    mailed: int
    #: Members on post only: not reached.
    unreached: int


def _audience(organisation, value_ids):
    """Members of the chosen segments who may get panel mail today: not left, not paused,
    not bounced (with or without an e-mail address)."""
    query = select(PanelMember).where(
        PanelMember.organisation_id == organisation.id,
        PanelMember.reachable_on(clock.today()),
    )
    return in_segments(query, value_ids)


def reach(organisation, value_ids) -> Reach:
    """How many members a mailing to these segments reaches, and how many it cannot."""
    members = _audience(organisation, value_ids).subquery()
    total, mailed = db.session.execute(
        select(func.count(), func.count(members.c.email)).select_from(members)
    ).one()
    return Reach(mailed, total - mailed)


def send(organisation, subject: str, body: str, value_ids, actor=None) -> Mailing:
    """Queue the mailing to every member of the segments with an e-mail address.

    :raises DomainError: for an empty subject or text, or when it would reach nobody.
    """
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise DomainError(_("Write a subject and a text."))
    counted = reach(organisation, value_ids)
    if not counted.mailed:
        raise DomainError(_("Nobody with an e-mail address is in the chosen segments."))
    mailing = Mailing(
        organisation_id=organisation.id,
        subject=subject,
        body=body,
        value_ids=sorted(value_ids),
        audience=described(value_ids) or _("The whole panel"),
        sent_at=utcnow(),
        sent_by_id=getattr(actor, "id", None),
        recipients=0,
        unreached=counted.unreached,
    )
    db.session.add(mailing)
    db.session.flush()
    members = db.session.scalars(
        _audience(organisation, value_ids)
        .where(PanelMember.email.is_not(None))
        .order_by(PanelMember.id)
    )
    for member in members:
        mailing.recipients += 1
        outbox.queue(
            "panel_mailing",
            member.email,
            f"mailing:{mailing.id}:{member.id}",
            organisation=organisation,
            locale=member.locale,
            mailing_id=mailing.id,
            member_id=member.id,
        )
    current_app.logger.info("%s to %d members added by %s", mailing, mailing.recipients, actor)
    return mailing


def mailings_of(organisation) -> list[Mailing]:
    """The organisation's mailings, the newest first."""
    return db.session.scalars(
        select(Mailing)
        .where(Mailing.organisation_id == organisation.id)
        .order_by(Mailing.sent_at.desc(), Mailing.id.desc())
    ).all()
