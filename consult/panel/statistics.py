"""The panel's figures for the board's dashboard, counted by the database."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select

from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.panel.models import (
    MemberSegment,
    MemberStatus,
    PanelMember,
    SegmentDimension,
    SegmentValue,
)
from consult.panel.representation import DimensionComparison, compare

#: Members invited this often in the last consultations without ever answering are listed.
NEVER_RESPONDS_AFTER = 3


@dataclass(frozen=True)
class Month:
    first_day: date
    joined: int
    left: int
    active: int  #: at the end of the month


@dataclass(frozen=True)
class Activity:
    consultations: int  #: how many recent consultations with invitations were counted
    #: answered -> how many active members answered that many of their invitations
    distribution: dict[int, int]
    never_responding: list[str]  #: addresses, for the board to follow up
    bounced: int  #: active members whose address the mail server refused


def _active(organisation):
    return and_(
        PanelMember.organisation_id == organisation.id,
        PanelMember.status == MemberStatus.ACTIVE,
    )


def composition(organisation) -> list[DimensionComparison]:
    """Per dimension: active members per value against the population entered for it."""
    active_total = db.session.scalar(
        select(func.count(PanelMember.id)).where(_active(organisation))
    )
    rows = db.session.execute(
        select(
            SegmentDimension.id,
            SegmentDimension.name,
            SegmentValue.label,
            SegmentValue.population,
            func.count(PanelMember.id),
        )
        .join(SegmentValue, SegmentValue.dimension_id == SegmentDimension.id)
        .outerjoin(MemberSegment, MemberSegment.value_id == SegmentValue.id)
        .outerjoin(
            PanelMember, and_(PanelMember.id == MemberSegment.member_id, _active(organisation))
        )
        .where(SegmentDimension.organisation_id == organisation.id)
        .group_by(
            SegmentDimension.id,
            SegmentDimension.name,
            SegmentValue.id,
            SegmentValue.label,
            SegmentValue.population,
        )
        .order_by(SegmentDimension.position, SegmentDimension.id, SegmentValue.position)
    ).all()
    by_dimension: dict[int, tuple[str, list]] = {}
    for dimension_id, name, label, population, members in rows:
        by_dimension.setdefault(dimension_id, (name, []))[1].append((label, members, population))
    return [
        compare(name, groups, unknown=active_total - sum(count for _, count, _ in groups))
        for name, groups in by_dimension.values()
    ]


def _month_starts(today: date, months: int) -> list[date]:
    starts, year, month = [], today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def _next_month(day: date) -> datetime:
    return datetime(day.year + day.month // 12, day.month % 12 + 1, 1)


def size_over_time(organisation, today: date, months: int = 12) -> list[Month]:
    """Joined and left per month, and active at each month's end, in one query."""
    starts = _month_starts(today, months)
    mine = PanelMember.organisation_id == organisation.id
    columns = []
    for start in starts:
        begin, end = datetime(start.year, start.month, 1), _next_month(start)
        columns += [
            func.count(PanelMember.id).filter(
                PanelMember.joined_at >= begin, PanelMember.joined_at < end
            ),
            func.count(PanelMember.id).filter(
                PanelMember.left_at >= begin,
                PanelMember.left_at < end,
                PanelMember.joined_at.is_not(None),
            ),
            func.count(PanelMember.id).filter(
                PanelMember.joined_at < end,
                (PanelMember.left_at.is_(None)) | (PanelMember.left_at >= end),
            ),
        ]
    counts = db.session.execute(select(*columns).where(mine)).one()
    return [Month(start, *counts[3 * index : 3 * index + 3]) for index, start in enumerate(starts)]


def activity(organisation, last: int = 5) -> Activity:
    """How active members answered their invitations to the last consultations."""
    recent = (
        select(Invitation.consultation_id)
        .where(Invitation.organisation_id == organisation.id)
        .group_by(Invitation.consultation_id)
        .order_by(Invitation.consultation_id.desc())
        .limit(last)
    )
    consultation_ids = db.session.scalars(recent).all()
    per_member = (
        select(
            PanelMember.id.label("member_id"),
            PanelMember.email.label("email"),
            func.count(Invitation.id).label("invited"),
            func.count(Invitation.id)
            .filter(participation.answered(Invitation.consultation_id.in_(consultation_ids)))
            .label("answered"),
        )
        .join(Invitation, Invitation.member_id == PanelMember.id)
        .where(_active(organisation), Invitation.consultation_id.in_(consultation_ids))
        .group_by(PanelMember.id, PanelMember.email)
        .subquery()
    )
    distribution = dict(
        db.session.execute(
            select(per_member.c.answered, func.count())
            .group_by(per_member.c.answered)
            .order_by(per_member.c.answered)
        ).all()
    )
    never = db.session.scalars(
        select(per_member.c.email)
        .where(per_member.c.answered == 0, per_member.c.invited >= NEVER_RESPONDS_AFTER)
        .order_by(per_member.c.email)
    ).all()
    bounced = db.session.scalar(
        select(func.count(PanelMember.id)).where(
            _active(organisation), PanelMember.bounced_at.is_not(None)
        )
    )
    return Activity(len(consultation_ids), distribution, never, bounced)


@dataclass(frozen=True)
class RepresentativenessMonth:
    first_day: date
    #: dimension name -> 0-100 at the month's end (None without population figures)
    figures: dict[str, float | None]


def representativeness_over_time(
    organisation, today: date, months: int = 12
) -> list[RepresentativenessMonth]:
    """Per month, how well the members on the panel at its end mirrored the tenants, per
    dimension, in one query (members counted with the segment values they have now)."""
    starts = _month_starts(today, months)
    columns = [
        func.count(PanelMember.id).filter(
            PanelMember.joined_at < _next_month(start),
            (PanelMember.left_at.is_(None)) | (PanelMember.left_at >= _next_month(start)),
        )
        for start in starts
    ]
    rows = db.session.execute(
        select(SegmentDimension.name, SegmentValue.label, SegmentValue.population, *columns)
        .join(SegmentValue, SegmentValue.dimension_id == SegmentDimension.id)
        .outerjoin(MemberSegment, MemberSegment.value_id == SegmentValue.id)
        .outerjoin(
            PanelMember,
            and_(
                PanelMember.id == MemberSegment.member_id,
                PanelMember.organisation_id == organisation.id,
            ),
        )
        .where(SegmentDimension.organisation_id == organisation.id)
        .group_by(
            SegmentDimension.id,
            SegmentDimension.name,
            SegmentValue.id,
            SegmentValue.label,
            SegmentValue.population,
        )
        .order_by(SegmentDimension.position, SegmentDimension.id, SegmentValue.position)
    ).all()
    dimensions: dict[str, list] = {}
    for name, label, population, *counts in rows:
        dimensions.setdefault(name, []).append((label, population, counts))
    return [
        RepresentativenessMonth(
            start,
            {
                name: compare(
                    name, [(label, counts[index], pop) for label, pop, counts in groups]
                ).representativeness
                for name, groups in dimensions.items()
            },
        )
        for index, start in enumerate(starts)
    ]
