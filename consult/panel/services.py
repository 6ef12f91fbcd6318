"""Panel rules: defining segments and adding members."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.core.models import utcnow
from consult.extensions import db
from consult.panel.models import (
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


def add_member(
    organisation,
    email: str,
    name: str | None,
    value_ids: list[int],
    actor=None,
    locale="nl",
    basis_note: str | None = None,
):
    """Add a member to the panel with one value per chosen dimension.

    Without a recorded basis the member is invited to join and becomes active only after
    confirming by mail (double opt-in); with one they are active at once.
    :param value_ids: ids of SegmentValues of this organisation (unknown dimensions left out).
    :param basis_note: the lawful basis the organisation records for adding them directly.
    :raises DomainError: when the address is already on the panel or a value is foreign.
    """
    email = email.strip().lower()
    exists = select(PanelMember.id).where(
        PanelMember.organisation_id == organisation.id, PanelMember.email == email
    )
    if db.session.scalar(exists):
        raise DomainError(_("This e-mail address is already on the panel."))
    values = own_values(organisation, value_ids)
    member = PanelMember(
        organisation_id=organisation.id,
        email=email,
        name=(name or "").strip() or None,
        locale=locale,
        segments=[MemberSegment(dimension_id=v.dimension_id, value_id=v.id) for v in values],
    )
    db.session.add(member)
    if basis_note and basis_note.strip():
        activate_on_basis(member, basis_note)
        db.session.flush()
    else:
        from consult.membership.services import ask_to_confirm  # membership builds on panel

        member.status = MemberStatus.INVITED
        db.session.flush()
        ask_to_confirm([member])
    audit.record(organisation, "member.added", f"member {member.id}", actor=actor)
    current_app.logger.info("%s added by %s", member, actor)
    return member


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
