"""The mail of invitations: the invitation and the reminder with the personal link, and what
the invitation notes when its mail went out or bounced."""

import functools

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from consult.core.clock import utcnow
from consult.core.prepared import PreparedStatement
from consult.core.tokens import derive_token
from consult.extensions import db
from consult.invitations.links import PURPOSE, WITH_CONSULTATION
from consult.invitations.models import Invitation
from consult.mail.kinds import MailKinds
from consult.mail.models import MessageStatus
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember
from consult.surveys.models.consultations import Consultation
from consult.texts import placeholders
from consult.texts.services import text_for

kinds = MailKinds()
PERSONAL = ("name", "first_name", "link", "unsubscribe_url")


@kinds.on_outcome("invitation", "reminder")
def record_delivery(connection, message, status: MessageStatus) -> None:
    """Note on the invitation when its mail went out or bounced; a bounce marks the address."""
    invitation_id = message.context["invitation_id"]
    now = utcnow()
    if status == MessageStatus.SENT and message.kind == "invitation":
        _MARK_SENT.execute(connection, {"invitation_id": invitation_id, "sent": now})
    elif status == MessageStatus.BOUNCED:
        connection.execute(
            update(Invitation.__table__)
            .where(Invitation.id == invitation_id, Invitation.bounced_at.is_(None))
            .values(bounced_at=now)
        )
        member_id = select(Invitation.member_id).where(Invitation.id == invitation_id)
        connection.execute(
            update(PanelMember.__table__)
            .where(PanelMember.id == member_id.scalar_subquery())
            .values(bounced_at=now)
        )


#: Prepared once: the mail worker runs it for every invitation it sends.
_MARK_SENT = PreparedStatement(
    update(Invitation.__table__)
    .where(Invitation.__table__.c.id == bindparam("invitation_id"))
    .values(sent_at=bindparam("sent"))
)


def mail_context(invitation: Invitation, locale: str) -> dict:
    """What invitation and reminder mails show: the personal link and the consultation."""
    consultation = invitation.consultation
    member = invitation.member
    name = (member.name if member else None) or _tenant(locale)
    return {
        "link": external_url("answer.respond", token=derive_token(PURPOSE, invitation.token_salt)),
        "consultation": consultation,
        "organisation": consultation.organisation,
        "name": name,
        "first_name": placeholders.first_name(name),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }


@kinds.prefetch("invitation", "reminder")
def load_invitations(messages) -> list[Invitation]:
    """The invitations of a batch of mails, with member, consultation and organisation."""
    ids = [message.context["invitation_id"] for message in messages]
    return db.session.scalars(
        select(Invitation)
        .where(Invitation.id.in_(ids))
        .options(
            joinedload(Invitation.member),
            WITH_CONSULTATION,
            joinedload(Invitation.consultation).selectinload(Consultation.board_texts),
        )
    ).all()


SUBJECTS = {
    "invitation": _l("Your opinion, please: %(title)s"),
    "reminder": _l("Reminder: %(title)s"),
}


@kinds.renderer("invitation", label=_l("Invitation"), personal=PERSONAL)
@kinds.renderer("reminder", label=_l("Reminder"), personal=PERSONAL)
def render_invitation(message):
    """An invitation or a reminder: the same personal link, another subject; the board's own
    text when it wrote one (``board_body``, filled in by the template)."""
    invitation = db.session.get(Invitation, message.context["invitation_id"])
    consultation = invitation.consultation
    context = mail_context(invitation, message.locale)
    own = text_for(consultation, f"{message.kind}_mail", message.locale)
    if own is None:
        return _subject(message.locale, message.kind, consultation.title), context
    values = placeholders.about(consultation) | {
        "voornaam": context["first_name"],
        "naam": context["name"],
    }
    return placeholders.fill(own.subject, values), context | {"board_body": own.body}


# Translated once per language (the message's, which is in force while it renders, passed
# as the key): a batch of mails needs the same few strings for every message.
@functools.lru_cache(maxsize=256)
def _subject(locale: str, kind: str, title: str) -> str:
    return str(SUBJECTS[kind] % {"title": title})


@functools.lru_cache(maxsize=16)
def _tenant(locale: str) -> str:
    return _("tenant")
