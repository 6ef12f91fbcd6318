"""The thank-you mail: sent to a member who answered through a personal link, for a
consultation whose board wrote a thank-you text (without one, nobody gets it).

The mail worker looks for such answers now and then (``THANKS_MAIL_CHECK_SECONDS``), not
the send itself: answering stays as quick as it is. Only identified consultations get it
(their invitation records the day it was used): in an anonymous consultation a thank-you
mail in the outbox would tell who answered and when, which the database keeps only as a
keyed hash (docs/assurance.md).
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import String, cast, exists, literal, select
from sqlalchemy.orm import joinedload

from consult.extensions import db
from consult.invitations.links import WITH_CONSULTATION
from consult.invitations.models import Invitation
from consult.mail import outbox
from consult.mail.kinds import MailKinds, at_most_every
from consult.mail.models import OutboxMessage
from consult.membership.services import unsubscribe_url
from consult.panel.models import Channel, PanelMember
from consult.surveys.models.consultations import Consultation
from consult.texts import placeholders
from consult.texts.catalog import kinds as text_kinds
from consult.texts.models import ConsultationText
from consult.texts.services import text_for

kinds = MailKinds()
KIND = "thanks_mail"


def send_thanks() -> int:
    """Queue the thank-you mails due (periodic; at most every few minutes)."""
    return at_most_every("consult.thanks", "THANKS_MAIL_CHECK_SECONDS", queue_thanks)


def queue_thanks(today: date) -> int:
    """Queue a thank-you mail for every answer through a personal link by mail, to an open
    consultation with a thank-you text, not thanked yet; never to members who left or paused.

    :returns: the number of mails queued.
    """
    with_text = select(ConsultationText.consultation_id).where(ConsultationText.kind == KIND)
    key = literal("thanks:") + cast(Invitation.id, String)
    thanked = exists().where(OutboxMessage.idempotency_key == key)
    invitations = db.session.scalars(
        select(Invitation)
        .join(PanelMember, PanelMember.id == Invitation.member_id)
        .join(Consultation, Consultation.id == Invitation.consultation_id)
        .where(
            Invitation.consultation_id.in_(with_text),
            Consultation.anonymous.is_(False),
            Invitation.used_on.is_not(None),
            Invitation.channel == Channel.MAIL,
            Consultation.closes_on >= today,
            PanelMember.mailable_on(today),
            ~thanked,
        )
        .options(joinedload(Invitation.member), WITH_CONSULTATION)
        .order_by(Invitation.id)
    ).all()
    queued = 0
    for invitation in invitations:
        queued += outbox.queue_once(  # False: another worker queued it a moment ago
            "thanks",
            invitation.member.email,
            f"thanks:{invitation.id}",
            organisation=invitation.consultation.organisation,
            locale=invitation.member.locale,
            invitation_id=invitation.id,
        )
    db.session.commit()
    return queued


@kinds.renderer(
    "thanks", label=text_kinds()[KIND].label, personal=("name", "first_name", "unsubscribe_url")
)
def render_thanks(message):
    """The board's thank-you text (a short default should the board have reset it)."""
    invitation = db.session.get(Invitation, message.context["invitation_id"])
    consultation, member = invitation.consultation, invitation.member
    own = text_for(consultation, KIND, message.locale)
    name = (member.name if member else None) or _("tenant")
    context = {
        "consultation": consultation,
        "organisation": consultation.organisation,
        "name": name,
        "first_name": placeholders.first_name(name),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
        "board_body": own.body if own else None,
    }
    values = placeholders.about(consultation) | {"naam": name, "voornaam": context["first_name"]}
    subject = own.subject if own else text_kinds()[KIND].default_subject()
    return placeholders.fill(subject, values), context
