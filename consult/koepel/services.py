"""Koepel rules: its member organisations, their positions on joint dossiers, and the
two-thirds rule for consent (the Portaal framework: consent only with two thirds of the
recognised organisations)."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.dossiers.models import Dossier, Phase
from consult.dossiers.services import record_event
from consult.extensions import db
from consult.koepel.models import KoepelMember, Position, Stance
from consult.organisations.models import Organisation


def members_of(koepel: Organisation) -> list[KoepelMember]:
    return db.session.scalars(
        select(KoepelMember)
        .join(Organisation, Organisation.id == KoepelMember.member_id)
        .where(KoepelMember.koepel_id == koepel.id)
        .order_by(Organisation.name)
    ).all()


def membership(koepel: Organisation, membership_id: int) -> KoepelMember | None:
    """A membership of this koepel, or None (also for another koepel's)."""
    return db.session.scalar(
        select(KoepelMember).where(
            KoepelMember.id == membership_id, KoepelMember.koepel_id == koepel.id
        )
    )


def add_member(koepel: Organisation, slug: str, recognised: bool, actor=None) -> KoepelMember:
    """Add an organisation (by its address name) to the koepel.

    :raises DomainError: for an unknown organisation, the koepel itself, or one already in.
    """
    member = db.session.scalar(select(Organisation).where(Organisation.slug == slug.strip()))
    if member is None:
        raise DomainError(_("There is no organisation with that address name."))
    if member.id == koepel.id:
        raise DomainError(_("A koepel cannot be its own member."))
    if any(m.member_id == member.id for m in members_of(koepel)):
        raise DomainError(_("%(name)s is a member already.", name=member.name))
    joined = KoepelMember(koepel_id=koepel.id, member_id=member.id, recognised=recognised)
    db.session.add(joined)
    db.session.flush()
    audit.record(koepel, "koepel.member_added", member.name, actor, recognised=recognised)
    current_app.logger.info("%s added by %s", joined, actor)
    return joined


def joint_dossiers_for(member: Organisation) -> list[Dossier]:
    """The joint dossiers of every koepel the organisation belongs to."""
    return db.session.scalars(
        select(Dossier)
        .join(KoepelMember, KoepelMember.koepel_id == Dossier.organisation_id)
        .where(KoepelMember.member_id == member.id, Dossier.joint)
        .order_by(Dossier.code.desc())
    ).all()


def joint_dossier_for(member: Organisation, dossier_id: int) -> Dossier | None:
    """One joint dossier of a koepel the organisation belongs to, or None."""
    return next((d for d in joint_dossiers_for(member) if d.id == dossier_id), None)


def position_of(dossier: Dossier, organisation: Organisation) -> Position | None:
    return db.session.scalar(
        select(Position).where(
            Position.dossier_id == dossier.id, Position.organisation_id == organisation.id
        )
    )


def record_position(
    dossier: Dossier, member: Organisation, stance: Stance, note: str, decided_on: date, actor
) -> Position:
    """Set (or change) the member organisation's position on a joint dossier.

    :raises DomainError: for a dossier that is not a joint dossier of its koepel, or one
        that is finished.
    """
    if joint_dossier_for(member, dossier.id) is None:
        raise DomainError(_("This is not a joint dossier of your koepel."))
    if dossier.phase in (Phase.CLOSED, Phase.WITHDRAWN):
        raise DomainError(_("The dossier is finished; positions can no longer change."))
    position = position_of(dossier, member) or Position(dossier_id=dossier.id, organisation=member)
    position.stance, position.note, position.decided_on = stance, note.strip(), decided_on
    position.entered_by = getattr(actor, "email", "") or ""
    db.session.add(position)
    record_event(dossier, "position", actor, title=member.name)
    return position


def positions_of(dossier: Dossier) -> list[Position]:
    return db.session.scalars(
        select(Position)
        .join(Organisation, Organisation.id == Position.organisation_id)
        .where(Position.dossier_id == dossier.id)
        .order_by(Organisation.name)
    ).all()


@dataclass(frozen=True)
class ConsentCount:
    """The recognised member organisations' positions, and what they add up to."""

    recognised: int
    agree: int
    disagree: int
    abstain: int

    @property
    def undecided(self) -> int:
        return self.recognised - self.agree - self.disagree - self.abstain

    @property
    def needed(self) -> int:
        """Two thirds of the recognised organisations, rounded up."""
        return -(-2 * self.recognised // 3)

    @property
    def outcome(self) -> str:
        """ "reached", "not_reached" (even all undecided agreeing would not do) or "open"."""
        if self.recognised and self.agree >= self.needed:
            return "reached"
        if self.agree + self.undecided < self.needed or not self.recognised:
            return "not_reached"
        return "open"


def consent_count(dossier: Dossier) -> ConsentCount:
    """Count the positions of the koepel's recognised member organisations (in SQL)."""
    recognised = select(KoepelMember.member_id).where(
        KoepelMember.koepel_id == dossier.organisation_id, KoepelMember.recognised
    )
    counts = dict(
        db.session.execute(
            select(Position.stance, func.count())
            .where(Position.dossier_id == dossier.id, Position.organisation_id.in_(recognised))
            .group_by(Position.stance)
        ).all()
    )
    total = db.session.scalar(select(func.count()).select_from(recognised.subquery()))
    return ConsentCount(
        total,
        counts.get(Stance.AGREE, 0),
        counts.get(Stance.DISAGREE, 0),
        counts.get(Stance.ABSTAIN, 0),
    )


def change_member(joined: KoepelMember, change: str, actor=None) -> None:
    """Recognise, stop recognising, or remove a member organisation."""
    koepel, name = joined.koepel, joined.member.name
    if change == "remove":
        db.session.delete(joined)
    else:
        joined.recognised = change == "recognise"
    audit.record(koepel, f"koepel.member_{change}d", name, actor)
