"""Personal paper questionnaires: the blank form with a member's own one-time link as QR code.

A returned personal form counts as that member's one response: a volunteer scans its QR code
and types the answers in through the member's link, which spends the invitation exactly once
(``submitting``), as when the member answers online.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.invitations import codes, participation
from consult.invitations.links import PURPOSE
from consult.invitations.models import Invitation
from consult.mail.outbox import external_url
from consult.panel.models import PanelMember
from consult.surveys.printing import PrintedQuestionnaire, questionnaire_of


def waiting_members(consultation) -> list[tuple[int, str]]:
    """(member id, name or address) of the invited members who have not answered yet, by
    name: the members a personal paper form can be printed for."""
    label = func.coalesce(func.nullif(PanelMember.name, ""), PanelMember.email)
    rows = db.session.execute(
        select(PanelMember.id, label)
        .join(Invitation, Invitation.member_id == PanelMember.id)
        .where(
            Invitation.consultation_id == consultation.id,
            Invitation.organisation_id == consultation.organisation_id,
            ~participation.answered(Invitation.consultation_id == consultation.id),
        )
        .order_by(label)
    )
    return [(member_id, name) for member_id, name in rows]


def personal_questionnaire(consultation, member_id: int | None) -> PrintedQuestionnaire:
    """The paper form for one invited member, with their link as QR code.

    :raises DomainError: when the member was not invited to ``consultation`` or has answered.
    """
    invitation = db.session.scalar(
        select(Invitation).where(
            Invitation.consultation_id == consultation.id,
            Invitation.organisation_id == consultation.organisation_id,
            Invitation.member_id == member_id,
        )
    )
    if invitation is None or participation.spent(invitation):
        raise DomainError(_("Choose a member who was invited and has not answered yet."))
    link, code = personal_link(invitation)
    return questionnaire_of(consultation, link, code)


def personal_link(invitation: Invitation) -> tuple[str, str]:
    """The member's one-time link, and the short code of a letter invitation (``codes``) to
    print under its QR code; empty for an invitation by e-mail, which has no code."""
    token = derive_token(PURPOSE, invitation.token_salt)
    return external_url("answer.respond", token=token), codes.code_of(invitation) or ""
