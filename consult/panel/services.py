"""Panel rules: defining segments, changing and exporting members (adding them, with the
request to confirm, is membership's)."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.audit import services as audit
from consult.core import spreadsheets
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.extensions import db
from consult.panel import queries
from consult.panel.models import (
    STATUS_LABELS,
    Channel,
    JoinBasis,
    MemberSegment,
    MemberStatus,
    PanelMember,
    SegmentDimension,
    SegmentValue,
)


def dimensions_of(organisation) -> list[SegmentDimension]:
    """The organisation's segment dimensions with their values, in display order."""
    return db.session.scalars(
        select(SegmentDimension)
        .where(SegmentDimension.organisation_id == organisation.id)
        .options(selectinload(SegmentDimension.values))
        .order_by(SegmentDimension.position, SegmentDimension.id)
    ).all()


def define_dimension(organisation, name: str, labels: list[str]) -> SegmentDimension:
    """Add a segment dimension with its allowed values, in the given order."""
    dimension = SegmentDimension(
        organisation_id=organisation.id,
        name=name,
        position=len(dimensions_of(organisation)),
        values=[SegmentValue(label=label, position=i) for i, label in enumerate(labels)],
    )
    db.session.add(dimension)
    db.session.flush()
    return dimension


def activate_on_basis(member: PanelMember, basis_note: str) -> None:
    """Make the member active on the lawful basis the organisation recorded."""
    member.status = MemberStatus.ACTIVE
    member.join_basis = JoinBasis.RECORDED_BASIS
    member.basis_note = basis_note.strip()[:300]
    member.joined_at = utcnow()


def own_values(organisation, value_ids: list[int]) -> list[SegmentValue]:
    """The organisation's segment values with these ids.

    :raises DomainError: when a value is of another organisation or two share a dimension."""
    wanted = {int(v) for v in value_ids}
    if not wanted:
        return []
    values = db.session.scalars(
        select(SegmentValue)
        .join(SegmentDimension)
        .where(SegmentValue.id.in_(wanted), SegmentDimension.organisation_id == organisation.id)
    ).all()
    if len(values) != len(wanted) or len({v.dimension_id for v in values}) != len(values):
        raise DomainError(_("Choose one known value per segment."))
    return values


def set_segments(member: PanelMember, values: list[SegmentValue]) -> None:
    """Give the member exactly these values (one per dimension; a missing one is unknown).

    Rows are changed in place: replacing them would insert before the old ones are deleted.
    """
    wanted = {value.dimension_id: value.id for value in values}
    for segment in list(member.segments):
        if segment.dimension_id in wanted:
            segment.value_id = wanted.pop(segment.dimension_id)
        else:
            member.segments.remove(segment)
    member.segments += [MemberSegment(dimension_id=d, value_id=v) for d, v in wanted.items()]


def clear_bounce(member: PanelMember, actor=None) -> None:
    """The board says the member's address works again (for example after fixing a typo
    with the member): mail may go to it again."""
    member.bounced_at = None
    current_app.logger.info("bounce of %s cleared by %s", member, actor)


def members_of(organisation) -> list[PanelMember]:
    """All panel members with their segment values, newest first."""
    return db.session.scalars(
        select(PanelMember)
        .where(PanelMember.organisation_id == organisation.id)
        .options(selectinload(PanelMember.segments).selectinload(MemberSegment.value))
        .order_by(PanelMember.id.desc())
    ).all()


def active_member_count(organisation) -> int:
    return db.session.scalar(
        select(func.count(PanelMember.id)).where(
            PanelMember.organisation_id == organisation.id,
            PanelMember.status == MemberStatus.ACTIVE,
        )
    )


def pause(member: PanelMember, until: date | None, actor) -> None:
    """No invitations until and including ``until`` (None: invitations again).

    :raises DomainError: for a day that has passed.
    """
    if until is not None and until < date.today():
        raise DomainError(_("Choose a day in the future."))
    member.paused_until = until
    audit.record(member.organisation, "member.paused", f"member {member.id}", actor=actor)


def update_member(member: PanelMember, name, locale: str, value_ids, paused_until, actor=None):
    """The board changes a member's name, mail language, segments and pause.

    :raises DomainError: for a foreign segment value or a pause that ends in the past.
    """
    set_segments(member, own_values(member.organisation, value_ids))
    member.name, member.locale = (name or "").strip() or None, locale
    if paused_until != member.paused_until:
        pause(member, paused_until, actor=actor)
    audit.record(member.organisation, "member.edited", f"member {member.id}", actor=actor)
    current_app.logger.info("%s edited by %s", member, actor)


def set_post_details(member: PanelMember, postal_address: str | None, channel: str, actor=None):
    """The board records a member's postal address and preferred channel (mail or post).

    :raises DomainError: for post without a postal address, or mail without an e-mail
        address (nothing is changed then).
    """
    address = "\n".join(line.strip() for line in (postal_address or "").strip().splitlines())
    if channel == Channel.POST and not address:
        raise DomainError(_("Letters by post need a postal address."))
    if channel == Channel.MAIL and not member.email:
        raise DomainError(_("E-mail needs an e-mail address; choose letters by post."))
    member.postal_address, member.channel = address or None, Channel(channel)
    audit.record(member.organisation, "member.edited", f"member {member.id}", actor=actor)


EXPORT_HEADINGS = (
    _l("E-mail address"),
    _l("Name"),
    _l("Status"),
    _l("Language"),
    _l("Joined"),
    _l("Paused until"),
    _l("Address refused"),
)


def export_members(organisation, filters, kind: str, actor=None) -> bytes:
    """The filtered member list as CSV or XLSX, every cell safe from formula injection;
    the export is recorded in the audit log (with its size, never its content)."""
    dimensions = dimensions_of(organisation)
    members = queries.all_matching(organisation, filters, date.today())
    header = [str(heading) for heading in EXPORT_HEADINGS] + [d.name for d in dimensions]
    rows = [
        [
            member.email,
            member.name,
            str(STATUS_LABELS[MemberStatus(member.status)]),
            member.locale,
            member.joined_at.date().isoformat() if member.joined_at else "",
            member.paused_until.isoformat() if member.paused_until else "",
            member.bounced_at.date().isoformat() if member.bounced_at else "",
            *[(member.value_in(d).label if member.value_in(d) else "") for d in dimensions],
        ]
        for member in members
    ]
    audit.record(organisation, "panel.exported", None, actor=actor, rows=len(rows), format=kind)
    if kind == "xlsx":
        return spreadsheets.xlsx_bytes(header, rows, str(_l("Panel")))
    return spreadsheets.csv_bytes(header, rows)
