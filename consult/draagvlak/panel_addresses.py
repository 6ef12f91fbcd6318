"""The addresses concerned taken from the panel: the postal addresses of the active members in
one segment (for example the complex "Vogelbuurt"), besides the landlord's list. One address
per postal address however many members live there; the link is mailed to the first of them
(by membership) when they take mail, else the address gets a letter."""

from flask import current_app
from sqlalchemy import select

from consult.core.clock import today
from consult.draagvlak.models import Meting
from consult.draagvlak.services import add_address
from consult.extensions import db
from consult.panel.models import (
    Channel,
    MemberSegment,
    MemberStatus,
    PanelMember,
    SegmentDimension,
    SegmentValue,
)


def segment_values(organisation) -> list[tuple[int, str]]:
    """(value id, "dimension: value") of the organisation's segments, for a choice."""
    rows = db.session.execute(
        select(SegmentValue.id, SegmentDimension.name, SegmentValue.label)
        .join(SegmentDimension, SegmentDimension.id == SegmentValue.dimension_id)
        .where(SegmentDimension.organisation_id == organisation.id)
        .order_by(SegmentDimension.name, SegmentValue.label)
    )
    return [(value_id, f"{name}: {label}") for value_id, name, label in rows]


def add_from_segment(meting: Meting, value_id: int, actor=None) -> tuple[int, int]:
    """Add the postal addresses of the segment's active members; addresses already in the
    meting stay as they are.

    :returns: (addresses added, members of the segment without a postal address).
    """
    members = db.session.execute(
        select(PanelMember, PanelMember.mailable_on(today()))
        .join(MemberSegment, MemberSegment.member_id == PanelMember.id)
        .where(
            PanelMember.organisation_id == meting.organisation_id,
            PanelMember.status == MemberStatus.ACTIVE,
            MemberSegment.value_id == value_id,
        )
        .order_by(PanelMember.id)
    ).all()
    known = {a.address.casefold(): a for a in meting.addresses}
    added = unknown = 0
    for member, mailable in members:
        address = ", ".join(line.strip() for line in (member.postal_address or "").splitlines())
        address = " ".join(address.split())[:200]
        if not address:
            unknown += 1
            continue
        if address.casefold() in known:
            continue  # a housemate, or already on the landlord's list
        email = member.email if mailable and member.channel != Channel.POST else None
        known[address.casefold()] = add_address(meting, address, email)
        added += 1
    db.session.flush()
    current_app.logger.info("%d panel addresses added to %s by %s", added, meting, actor)
    return added, unknown
