"""Inviting the panel, and answering through a personal link."""

from enum import StrEnum

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, func, select, update

from consult.core import outbox
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.panel.models import MemberSegment, MemberStatus, PanelMember
from consult.surveys import services as surveys
from consult.surveys.models import Channel, ConsultationState

PURPOSE = "invitation"


class LinkState(StrEnum):
    """What a tenant sees when opening a link; unknown and invalid links look the same."""

    INVALID = "invalid"
    USED = "used"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    OPEN = "open"


def invite_panel(consultation, actor=None) -> int:
    """Invite every active member who has no invitation to this consultation yet.

    Inviting again never doubles an invitation (and a unique constraint guards it).
    :returns: the number of new invitations, each with a message in the outbox.
    :raises DomainError: unless the consultation is published and not closed.
    """
    if consultation.state_on(surveys.today()) not in (
        ConsultationState.SCHEDULED,
        ConsultationState.OPEN,
    ):
        raise DomainError(
            _("Invitations can only be sent for a published consultation that has not closed.")
        )
    already_invited = exists().where(
        Invitation.consultation_id == consultation.id, Invitation.member_id == PanelMember.id
    )
    members = db.session.scalars(
        select(PanelMember).where(
            PanelMember.organisation_id == consultation.organisation_id,
            PanelMember.status == MemberStatus.ACTIVE,
            ~already_invited,
        )
    ).all()
    for member in members:
        salt = new_salt()
        invitation = Invitation(
            organisation_id=consultation.organisation_id,
            consultation_id=consultation.id,
            member_id=member.id,
            token_salt=salt,
            token_hash=hash_token(derive_token(PURPOSE, salt)),
        )
        db.session.add(invitation)
        db.session.flush()
        outbox.queue(
            "invitation",
            member.email,
            organisation=consultation.organisation,
            locale=member.locale,
            invitation_id=invitation.id,
        )
    current_app.logger.info("%d invitations to %s added by %s", len(members), consultation, actor)
    return len(members)


def invitation_count(consultation) -> int:
    return db.session.scalar(
        select(func.count(Invitation.id)).where(Invitation.consultation_id == consultation.id)
    )


def find_by_token(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def link_state(invitation: Invitation | None) -> LinkState:
    """What the link leads to today."""
    if invitation is None or invitation.member_id is None:
        return LinkState.INVALID
    if invitation.used_on is not None:
        return LinkState.USED
    state = invitation.consultation.state_on(surveys.today())
    if state == ConsultationState.OPEN:
        return LinkState.OPEN
    if state == ConsultationState.CLOSED:
        return LinkState.CLOSED
    return LinkState.NOT_YET_OPEN


def submit(invitation: Invitation, answers: dict[int, object]):
    """Spend the invitation and store the response in one transaction, or neither.

    The invitation is spent by a single conditional UPDATE, so of two simultaneous
    submissions exactly one wins; the other finds the link used.
    :raises DomainError: when the link is no longer open or an answer does not fit.
    """
    if link_state(invitation) != LinkState.OPEN:
        raise DomainError(_("This link can no longer be used."))
    spent = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_on.is_(None))
        .values(used_on=surveys.today())
    ).rowcount
    if spent != 1:
        raise DomainError(_("These answers have already been sent with this link."))
    segments = db.session.execute(
        select(MemberSegment.dimension_id, MemberSegment.value_id).where(
            MemberSegment.member_id == invitation.member_id
        )
    ).all()
    return surveys.record_response(
        invitation.consultation, answers, Channel.INVITATION, [tuple(s) for s in segments]
    )


@outbox.renderer("invitation")
def render_invitation(message):
    invitation = db.session.get(Invitation, message.context["invitation_id"])
    consultation = invitation.consultation
    link = outbox.external_url("answer.respond", token=derive_token(PURPOSE, invitation.token_salt))
    subject = _("Your opinion, please: %(title)s", title=consultation.title)
    return subject, {
        "link": link,
        "consultation": consultation,
        "organisation": consultation.organisation,
        "member": invitation.member,
    }
