"""Finding members in the board's list and export, filtered in SQL."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.panel.models import MemberSegment, MemberStatus, PanelMember

PER_PAGE = 100


@dataclass
class MemberFilter:
    search: str = ""
    status: str = ""  #: a MemberStatus, or "" for all but erased
    #: dimension id -> chosen value id, or 0 for "unknown" in that dimension
    segments: dict[int, int] = field(default_factory=dict)
    refused_only: bool = False
    paused_only: bool = False


def _matching(organisation, filters: MemberFilter, today: date):
    query = select(PanelMember).where(
        PanelMember.organisation_id == organisation.id,
        PanelMember.status != MemberStatus.ERASED,
    )
    if filters.status:
        query = query.where(PanelMember.status == filters.status)
    if filters.search.strip():
        pattern = f"%{filters.search.strip().lower()}%"
        query = query.where(
            or_(PanelMember.email.like(pattern), func.lower(PanelMember.name).like(pattern))
        )
    for dimension_id, value_id in filters.segments.items():
        in_dimension = exists().where(
            MemberSegment.member_id == PanelMember.id, MemberSegment.dimension_id == dimension_id
        )
        if value_id:
            query = query.where(
                exists().where(
                    MemberSegment.member_id == PanelMember.id, MemberSegment.value_id == value_id
                )
            )
        else:
            query = query.where(~in_dimension)
    if filters.refused_only:
        query = query.where(PanelMember.bounced_at.is_not(None))
    if filters.paused_only:
        query = query.where(PanelMember.paused_until >= today)
    return query


def page_of(organisation, filters: MemberFilter, today: date, page: int = 1):
    """One page of matching members (newest first, segments loaded), how many match, and
    the page shown: ``page`` within the first and the last."""
    query = _matching(organisation, filters, today)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = min(max(page, 1), max(1, -(-total // PER_PAGE)))
    members = db.session.scalars(
        query.options(selectinload(PanelMember.segments).selectinload(MemberSegment.value))
        .order_by(PanelMember.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return members, total, page


def all_matching(organisation, filters: MemberFilter, today: date) -> list[PanelMember]:
    """Every matching member with segments, for the export."""
    return db.session.scalars(
        _matching(organisation, filters, today)
        .options(selectinload(PanelMember.segments).selectinload(MemberSegment.value))
        .order_by(PanelMember.id)
    ).all()
