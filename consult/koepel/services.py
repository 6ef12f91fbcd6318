"""Koepel rules: its member organisations, their positions on joint dossiers, and the
two-thirds rule for consent (the Portaal framework: consent only with two thirds of the
recognised organisations)."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.dossiers.models import FINISHED_PHASES, Dossier
from consult.dossiers.services import record_event
from consult.extensions import db
from consult.koepel.models import KoepelMember, Position, Stance
from consult.organisations.models import Organisation


def members_of(koepel: Organisation) -> list[KoepelMember]:
    """The koepel's member organisations, accepted ones first, then the invitations."""
    return db.session.scalars(
        select(KoepelMember)
        .join(Organisation, Organisation.id == KoepelMember.member_id)
        .where(KoepelMember.koepel_id == koepel.id)
        .order_by(KoepelMember.accepted_at.is_(None), Organisation.name)
    ).all()


def membership(koepel: Organisation, membership_id: int) -> KoepelMember | None:
    """A membership of this koepel, or None (also for another koepel's)."""
    return db.session.scalar(
        select(KoepelMember).where(
            KoepelMember.id == membership_id, KoepelMember.koepel_id == koepel.id
        )
    )


def invite_member(koepel: Organisation, slug: str, recognised: bool, actor=None) -> None:
    """Invite an organisation (by its address name) to the koepel; its admin accepts.

    Whether an organisation with that name exists is not told: the answer is the same.
    :raises DomainError: for the koepel's own name, or one invited before.
    """
    slug = slug.strip().lower()
    if slug == koepel.slug:
        raise DomainError(_("A koepel cannot be its own member."))
    member = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if member is None:
        return
    if any(m.member_id == member.id for m in members_of(koepel)):
        raise DomainError(_("This organisation was invited before."))
    db.session.add(KoepelMember(koepel_id=koepel.id, member_id=member.id, recognised=recognised))
    audit.record(koepel, "koepel.member_invited", slug, actor, recognised=recognised)
    current_app.logger.info("%s invited %s, by %s", koepel, member, actor)


def invitations_for(member: Organisation) -> list[KoepelMember]:
    """The koepels that invited the organisation and wait for its answer."""
    return db.session.scalars(
        select(KoepelMember).where(
            KoepelMember.member_id == member.id, KoepelMember.accepted_at.is_(None)
        )
    ).all()


def answer_invitation(member: Organisation, membership_id: int, accept: bool, actor=None):
    """Accept a koepel's invitation, or decline it (which removes it).

    :raises DomainError: for an invitation that is not the organisation's or not open.
    """
    invitation = next((i for i in invitations_for(member) if i.id == membership_id), None)
    if invitation is None:
        raise DomainError(_("This invitation is not open."))
    if accept:
        invitation.accepted_at = utcnow()
    else:
        db.session.delete(invitation)
    action = "koepel.joined" if accept else "koepel.declined"
    audit.record(member, action, invitation.koepel.name, actor)


def joint_dossiers_for(member: Organisation) -> list[Dossier]:
    """The joint dossiers of every koepel the organisation belongs to."""
    return db.session.scalars(
        select(Dossier)
        .join(KoepelMember, KoepelMember.koepel_id == Dossier.organisation_id)
        .where(
            KoepelMember.member_id == member.id,
            KoepelMember.accepted_at.is_not(None),
            Dossier.joint,
        )
        .options(selectinload(Dossier.organisation))
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
    if dossier.phase in FINISHED_PHASES:
        raise DomainError(_("The dossier is finished; positions can no longer change."))
    position = position_of(dossier, member) or Position(dossier_id=dossier.id, organisation=member)
    position.stance, position.note, position.decided_on = stance, note.strip(), decided_on
    position.entered_by = member.name
    db.session.add(position)
    record_event(dossier, "position", member.name)
    return position


def positions_of(dossier: Dossier) -> list[Position]:
    """The positions of the koepel's current member organisations (those that left are
    not counted, so not shown either)."""
    return db.session.scalars(
        select(Position)
        .join(Organisation, Organisation.id == Position.organisation_id)
        .join(
            KoepelMember,
            (KoepelMember.member_id == Position.organisation_id)
            & (KoepelMember.koepel_id == dossier.organisation_id)
            & KoepelMember.accepted_at.is_not(None),
        )
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
        KoepelMember.koepel_id == dossier.organisation_id,
        KoepelMember.recognised,
        KoepelMember.accepted_at.is_not(None),
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
