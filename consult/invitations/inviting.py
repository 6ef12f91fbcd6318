"""Inviting the panel to a consultation: one invitation and one mail per member."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select

from consult.core import clock
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.invitations import codes
from consult.invitations.links import PURPOSE
from consult.invitations.models import Invitation
from consult.mail import outbox
from consult.panel.models import Channel, MemberStatus, PanelMember
from consult.panel.segments import in_segments


def invite_panel(consultation, value_ids=(), emails=(), actor=None) -> int:
    """Invite the active members of the audience who have no invitation to this consultation.

    Inviting again never doubles an invitation (and a unique constraint guards it).
    :param value_ids: segment values to invite: any of the chosen values within a dimension,
        all chosen dimensions together (Wijk Noord or Oost, and 75 en ouder). Empty: everyone.
    :param emails: only these members (addresses on the panel); empty: no such restriction.
    :returns: the number of new invitations, each with a message in the outbox, or, for
        members who get post, a letter with a short code to print (consult.invitations.letters).
    :raises DomainError: unless the consultation is published and not closed, or when a
        listed address is not on the panel (then nobody is invited).
    """
    if not consultation.accepts_invitations(clock.today()):
        raise DomainError(
            _("Invitations can only be sent for a published consultation that has not closed.")
        )
    unknown = _not_on_panel(consultation.organisation_id, emails)
    if unknown:
        raise DomainError(
            _("Not on the panel, so nobody was invited: %(emails)s", emails=", ".join(unknown))
        )
    members = db.session.scalars(_audience(consultation, value_ids, emails)).all()
    invitations = [_invitation(consultation, member) for member in members]
    db.session.add_all(invitations)
    db.session.flush()  # once for the whole round: the mails need the invitations' ids
    for invitation in invitations:
        if invitation.channel == Channel.POST:
            continue  # a letter, printed by the board (consult.invitations.letters)
        outbox.queue(
            "invitation",
            invitation.member.email,
            f"invitation:{invitation.id}",
            organisation=consultation.organisation,
            locale=invitation.member.locale,
            invitation_id=invitation.id,
        )
    current_app.logger.info("%d invitations to %s added by %s", len(members), consultation, actor)
    return len(members)


def _invitation(consultation, member) -> Invitation:
    """A new invitation of ``member``: by letter, with a short code, when they get post."""
    salt = new_salt()
    by_post = member.gets_post
    return Invitation(
        organisation_id=consultation.organisation_id,
        consultation_id=consultation.id,
        member=member,
        token_salt=salt,
        token_hash=hash_token(derive_token(PURPOSE, salt)),
        channel=Channel.POST if by_post else Channel.MAIL,
        code_hash=codes.hash_code(codes.derive_code(salt)) if by_post else None,
    )


def _normalised(emails) -> list[str]:
    return [email.strip().lower() for email in emails if email.strip()]


def _not_on_panel(organisation_id: int, emails) -> list[str]:
    """The listed addresses that are not active members of the organisation's panel."""
    wanted = set(_normalised(emails))
    if not wanted:
        return []
    found = db.session.scalars(
        select(PanelMember.email).where(
            PanelMember.organisation_id == organisation_id,
            PanelMember.status == MemberStatus.ACTIVE,
            PanelMember.email.in_(wanted),
        )
    )
    return sorted(wanted - set(found))


def _audience(consultation, value_ids, emails):
    """Active, reachable members of the audience not yet invited to the consultation."""
    already_invited = exists().where(
        Invitation.consultation_id == consultation.id, Invitation.member_id == PanelMember.id
    )
    query = select(PanelMember).where(
        PanelMember.organisation_id == consultation.organisation_id,
        PanelMember.reachable_on(clock.today()),
        ~already_invited,
    )
    query = in_segments(query, value_ids)
    if emails:
        query = query.where(PanelMember.email.in_(_normalised(emails)))
    return query.order_by(PanelMember.id)
