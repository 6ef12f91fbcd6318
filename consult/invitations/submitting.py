"""Answering through a personal link: saving the answers so far, and sending them once."""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations.links import LinkState, link_state, mark_opened
from consult.invitations.models import Invitation
from consult.membership.services import note_activity
from consult.panel.models import Channel as MemberChannel
from consult.panel.models import MemberSegment
from consult.surveys import drafts
from consult.surveys import services as surveys
from consult.surveys.models.responses import Channel, ResponseDraft


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
        .values(
            used_on=clock.today(),
            opened_on=func.coalesce(Invitation.opened_on, clock.today()),
        )
    ).rowcount
    if spent != 1:
        raise DomainError(_("These answers have already been sent with this link."))
    note_activity(invitation.member)
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.invitation_id == invitation.id))
    segments = db.session.execute(
        select(MemberSegment.dimension_id, MemberSegment.value_id).where(
            MemberSegment.member_id == invitation.member_id
        )
    ).all()
    return surveys.record_response(
        invitation.consultation,
        answers,
        Channel.LETTER if invitation.channel == MemberChannel.POST else Channel.INVITATION,
        [tuple(s) for s in segments],
        member_id=invitation.member_id,
    )


def save_draft(invitation: Invitation, answers: dict[int, dict]) -> None:
    """Keep the answers so far, to resume through the same link; never counted in results.

    :raises DomainError: when the link can no longer be used.
    """
    if link_state(invitation) != LinkState.OPEN:
        raise DomainError(_("This link can no longer be used."))
    if invitation.opened_on is None:  # saving a page means the link was opened
        mark_opened(invitation.id)
    drafts.store(
        ResponseDraft.invitation_id == invitation.id,
        answers,
        consultation_id=invitation.consultation_id,
        invitation_id=invitation.id,
    )
