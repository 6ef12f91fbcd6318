"""Personal paper questionnaires: the blank form with a member's own one-time link as QR code.

A returned personal form counts as that member's one response: a volunteer scans its QR code
and types the answers in through the member's link, or types the code printed on the form or
the letter into the paper-entry screen (``enter_personal_paper``); either spends the
invitation exactly once (``submitting``), as when the member answers online.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.invitations import codes, links, participation, submitting
from consult.invitations.links import PURPOSE
from consult.invitations.models import Invitation
from consult.mail.outbox import external_url
from consult.membership.services import note_activity_of
from consult.panel.models import PanelMember
from consult.surveys import services as surveys
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


def enter_personal_paper(consultation, typed_code: str, answers, segments=(), actor=None):
    """Store a returned personal paper form (or a letter's code written on a blank one) as
    that member's one response: the invitation behind the code is spent exactly once, in the
    transaction that stores the answers (a refused form spends nothing).

    :param typed_code: the code as the volunteer typed it (spaces and case do not matter).
    :param segments: as typed; without any, the member's own segments.
    :raises DomainError: for a code not of this consultation, a code already used (the
        member answered online or on paper), and whatever ``enter_paper_form`` refuses.
    """
    invitation = links.find_by_code(typed_code)
    if invitation is None or invitation.consultation_id != consultation.id:
        raise DomainError(
            _("This code is not known for this consultation. Check the code on the form.")
        )
    if invitation.member_id is None or not _spend(invitation):
        raise DomainError(
            _(
                "This code has already been used: this member has already answered, online or"
                " on paper. The form is not stored, so the member counts once."
            )
        )
    if not consultation.anonymous:
        note_activity_of(invitation.member_id)
    return surveys.enter_paper_form(
        consultation,
        answers,
        segments or links.link_of(invitation).segments,
        actor,
        member_id=invitation.member_id,
    )


def _spend(invitation: Invitation) -> bool:
    """Spend the invitation once: its keyed hash in an anonymous consultation (nothing dated,
    see ``participation``), its day in an identified one. True if this call spent it."""
    if invitation.consultation.anonymous:
        key = participation.key_of(invitation.token_hash)
        return participation.record(invitation.consultation_id, key)
    return submitting.spend(invitation.id)


def personal_link(invitation: Invitation) -> tuple[str, str]:
    """The member's one-time link, and the short code of a letter invitation (``codes``) to
    print under its QR code; empty for an invitation by e-mail, which has no code."""
    token = derive_token(PURPOSE, invitation.token_salt)
    return external_url("answer.respond", token=token), codes.code_of(invitation) or ""
