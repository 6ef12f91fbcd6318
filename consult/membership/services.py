"""Adding members and joining, confirming, the member's own page, leaving and erasure.

Links work like the invitation links: a random salt is stored, the token is derived from it
with the app's key, and only the token's hash is looked up (see consult.core.tokens).
"""

import functools
import hmac
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, or_, select, update

from consult.audit import services as audit
from consult.core import clock
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.mail import outbox
from consult.mail.models import MessageStatus, OutboxMessage
from consult.panel.models import (
    JoinBasis,
    LinkPurpose,
    MemberLink,
    MemberSegment,
    MemberStatus,
    PanelMember,
    PrivacyStatement,
)
from consult.panel.services import activate_on_basis, own_values, set_segments
from consult.panel.services import pause as panel_pause

#: Who the audit log names when members act on their own page.
THE_MEMBER = "member (own page)"

#: Statuses in which a person is (still) on the panel and may use their own page.
ON_PANEL = (MemberStatus.ACTIVE, MemberStatus.LEFT)


def current_privacy(organisation) -> PrivacyStatement | None:
    """The privacy text new members are shown (the highest version)."""
    return db.session.scalar(
        select(PrivacyStatement)
        .where(PrivacyStatement.organisation_id == organisation.id)
        .order_by(PrivacyStatement.version.desc())
        .limit(1)
    )


def publish_privacy_text(organisation, text: str, actor=None) -> PrivacyStatement:
    """Store a new version of the privacy text; earlier consents keep naming their version."""
    current = current_privacy(organisation)
    statement = PrivacyStatement(
        organisation_id=organisation.id,
        version=(current.version + 1) if current else 1,
        text=text.strip(),
    )
    db.session.add(statement)
    audit.record(organisation, "privacy.published", f"version {statement.version}", actor=actor)
    return statement


def save_panel_settings(organisation, privacy_text: str, retention_months: int, actor=None):
    """Store the retention period, and the privacy text as a new version if it changed."""
    current = current_privacy(organisation)
    if current is None or current.text != privacy_text.strip():
        publish_privacy_text(organisation, privacy_text, actor)
    organisation.retention_months = retention_months


def sign_up(organisation, email: str, name, value_ids, locale: str, privacy) -> None:
    """A tenant joins on the public page; they become active once they confirm by mail.

    The page answers the same whether or not the address is known, so it never tells a
    visitor who is on the panel: an active member gets a link to their own page instead.
    :param privacy: the PrivacyStatement the tenant was shown and agreed to.
    """
    email = email.strip().lower()
    values = own_values(organisation, value_ids)
    member = db.session.scalar(
        select(PanelMember).where(
            PanelMember.organisation_id == organisation.id, PanelMember.email == email
        )
    )
    if member is not None and member.status == MemberStatus.ACTIVE:
        send_access_link(organisation, email)
        return
    if member is None:
        member = PanelMember(organisation_id=organisation.id, email=email)
        db.session.add(member)
    member.status = MemberStatus.SIGNED_UP
    member.name = (name or "").strip() or member.name
    member.locale = locale
    member.consented_at = utcnow()
    member.privacy_version = privacy.version if privacy else None
    set_segments(member, values)
    db.session.flush()
    ask_to_confirm([member])


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
        member.status = MemberStatus.INVITED
        db.session.flush()
        ask_to_confirm([member])
    audit.record(organisation, "member.added", f"member {member.id}", actor=actor)
    current_app.logger.info("%s added by %s", member, actor)
    return member


def _new_link(member: PanelMember, purpose: LinkPurpose, valid_for) -> MemberLink:
    salt = new_salt()
    link = MemberLink(
        member=member,
        purpose=purpose,
        token_salt=salt,
        token_hash=hash_token(derive_token(f"member-{purpose}", salt)),
        expires_at=utcnow() + valid_for,
    )
    db.session.add(link)
    return link


def link_token(link: MemberLink) -> str:
    return derive_token(f"member-{link.purpose}", link.token_salt)


def ask_to_confirm(members, reason: str | None = None) -> None:
    """Create a confirmation link per member and queue the mail asking them to use it.

    :param members: flushed PanelMembers (signed up, invited to join, or asked to stay).
    :param reason: "signup", "invited" or "reconsent"; by default taken from the status.
    """
    valid_for = current_app.config["MEMBER_CONFIRM_VALID_FOR"]
    links = [_new_link(member, LinkPurpose.CONFIRM, valid_for) for member in members]
    db.session.flush()  # once for the batch: the mails need the links' ids
    for link in links:
        member = link.member
        outbox.queue(
            "member_confirm",
            member.email,
            f"member_confirm:{link.id}",
            organisation=member.organisation,
            locale=member.locale,
            link_id=link.id,
            reason=reason or _confirm_reason(member),
        )


def _confirm_reason(member: PanelMember) -> str:
    return {MemberStatus.SIGNED_UP: "signup", MemberStatus.ACTIVE: "reconsent"}.get(
        member.status, "invited"
    )


def find_link(token: str, purpose: LinkPurpose, unused: bool = True) -> MemberLink | None:
    """The unexpired link for ``token`` (by default only while unused), or None."""
    conditions = [
        MemberLink.token_hash == hash_token(token),
        MemberLink.purpose == purpose,
        MemberLink.expires_at > utcnow(),
    ]
    if unused:
        conditions.append(MemberLink.used_at.is_(None))
    return db.session.scalar(select(MemberLink).where(*conditions))


def _spend(link: MemberLink | None) -> bool:
    """Mark the link used by one conditional UPDATE: of two clicks, exactly one wins."""
    if link is None:
        return False
    spent = db.session.execute(
        update(MemberLink)
        .where(MemberLink.id == link.id, MemberLink.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return spent == 1


def confirm(token: str, privacy=None) -> PanelMember:
    """Use a confirmation link: the membership becomes (or stays) active, with consent.

    The link is spent by one conditional UPDATE, so a double click confirms once.
    :param privacy: the PrivacyStatement shown with the confirmation button.
    :raises DomainError: when the link is unknown, used or expired.
    """
    link = find_link(token, LinkPurpose.CONFIRM)
    if not _spend(link):
        raise DomainError(_("This confirmation link does not work (any more)."))
    member = link.member
    now = utcnow()
    if member.status != MemberStatus.ACTIVE:
        member.status, member.joined_at, member.left_at = MemberStatus.ACTIVE, now, None
    member.join_basis, member.basis_note = JoinBasis.CONSENT, None
    member.consented_at = now
    member.privacy_version = privacy.version if privacy else None
    member.last_active_on = date.today()
    return member


def send_access_link(organisation, email: str) -> None:
    """Mail a link to the member's own page, if the address is on the panel (silently not)."""
    member = db.session.scalar(
        select(PanelMember).where(
            PanelMember.organisation_id == organisation.id,
            PanelMember.email == email.strip().lower(),
            PanelMember.status.in_(ON_PANEL),
        )
    )
    if member is None:
        return
    link = _new_link(member, LinkPurpose.ACCESS, current_app.config["MEMBER_ACCESS_VALID_FOR"])
    db.session.flush()
    outbox.queue(
        "member_access",
        member.email,
        f"member_access:{link.id}",
        organisation=organisation,
        locale=member.locale,
        priority=0,
        link_id=link.id,
    )


def open_own_page(token: str) -> MemberLink | None:
    """Spend an own-page link for the browser that opens it, which then holds the page;
    a forwarded or leaked link is worthless after that.

    :returns: the link, or None when it is unknown, expired or already used.
    """
    link = find_link(token, LinkPurpose.ACCESS)
    if link is None or link.member.status not in ON_PANEL or not _spend(link):
        return None
    return link


def member_for_access(token: str, opened_link_id: int | None) -> PanelMember | None:
    """The member whose own-page link this browser opened, until the link expires."""
    link = find_link(token, LinkPurpose.ACCESS, unused=False)
    if link is None or link.used_at is None or link.id != opened_link_id:
        return None
    return link.member if link.member.status in ON_PANEL else None


def update_details(member: PanelMember, value_ids, locale: str) -> None:
    """The member's own segment answers and mail language.

    :raises DomainError: for a value that is not one of the organisation's.
    """
    set_segments(member, own_values(member.organisation, value_ids))
    member.locale = locale
    audit.record(member.organisation, "member.edited", f"member {member.id}", actor=THE_MEMBER)


def note_activity(member: PanelMember) -> None:
    """The member showed up (answered, or opened their page): resets the re-consent clock."""
    member.last_active_on = date.today()


def note_activity_of(member_id: int) -> None:
    """``note_activity`` in one UPDATE, without loading the member (a send); it writes
    nothing when the day is noted already."""
    db.session.execute(_noted_activity(), {"member_id": member_id, "today": clock.today()})


@functools.cache
def _noted_activity():
    """Built once, in Core: a send spends no time on the ORM's bookkeeping."""
    members = PanelMember.__table__
    return (
        update(members)
        .where(
            members.c.id == bindparam("member_id"),
            or_(members.c.last_active_on.is_(None), members.c.last_active_on != bindparam("today")),
        )
        .values(last_active_on=bindparam("today"))
    )


def pause(member: PanelMember, until: date | None) -> None:
    """The member pauses their invitations on their own page (see ``panel.services.pause``).

    :raises DomainError: for a day that has passed.
    """
    panel_pause(member, until, actor=THE_MEMBER)


def leave(member: PanelMember, actor=THE_MEMBER) -> None:
    """Leave the panel: no more mail. The data stays, so the member can come back or erase it."""
    if member.status == MemberStatus.LEFT:
        return
    member.status = MemberStatus.LEFT
    member.left_at = utcnow()
    member.paused_until = None
    audit.record(member.organisation, "member.left", f"member {member.id}", actor=actor)


def erase(member: PanelMember, actor=THE_MEMBER) -> None:
    """Erase everything personal; only the membership's dates stay, for the panel's size.

    Answers were never linked to the member (responses have no member or invitation
    column, except in identified consultations, where that link is removed); answers saved
    for later are deleted; the invitations lose their link to the
    person, mail waiting for the address is dropped and sent mail keeps no address, uploads
    that hold the address are discarded.
    """
    from consult.invitations.models import Invitation
    from consult.panel.models import PanelImport
    from consult.surveys import photos
    from consult.surveys.models.responses import Response, ResponseDraft

    email, organisation = member.email, member.organisation
    db.session.execute(delete(MemberLink).where(MemberLink.member_id == member.id))
    invitations = select(Invitation.id).where(Invitation.member_id == member.id)
    saved = select(ResponseDraft.answers).where(ResponseDraft.invitation_id.in_(invitations))
    photos.discard_unsent((answers, organisation.id) for answers in db.session.scalars(saved))
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.invitation_id.in_(invitations)))
    db.session.execute(
        update(Response).where(Response.member_id == member.id).values(member_id=None)
    )
    db.session.execute(
        update(Invitation).where(Invitation.member_id == member.id).values(member_id=None)
    )
    _forget_mail_to(organisation, email)
    for upload in db.session.scalars(
        select(PanelImport).where(
            PanelImport.organisation_id == organisation.id, PanelImport.content.is_not(None)
        )
    ):
        if email and email.encode() in upload.content.lower():
            upload.content = None
    member.segments = []
    for column in ("email", "name", "postal_address", "bounced_at", "basis_note", "consented_at"):
        setattr(member, column, None)
    member.privacy_version = member.paused_until = member.last_active_on = None
    member.reconsent_asked_at = None
    member.token_salt = new_salt()  # the old unsubscribe link stops working
    member.left_at = member.left_at or utcnow()
    member.status = MemberStatus.ERASED
    audit.record(organisation, "member.erased", f"member {member.id}", actor=actor)


def _forget_mail_to(organisation, email: str | None) -> None:
    if not email:
        return
    mail = OutboxMessage
    mine = (mail.organisation_id == organisation.id) & (func.lower(mail.recipient) == email)
    db.session.execute(delete(mail).where(mine, mail.status == MessageStatus.PENDING))
    db.session.execute(
        update(mail).where(mine).values(recipient="-").execution_options(synchronize_session=False)
    )


def unsubscribe_token(member: PanelMember) -> str:
    return derive_token(f"unsubscribe:{member.id}", member.token_salt)


def unsubscribe_url(member: PanelMember) -> str:
    """The one-click unsubscribe link every mail to the member carries; it never expires."""
    return outbox.external_url(
        "membership.unsubscribe", member_id=member.id, token=unsubscribe_token(member)
    )


def member_for_unsubscribe(member_id: int, token: str) -> PanelMember | None:
    member = db.session.get(PanelMember, member_id)
    if member is None or member.status == MemberStatus.ERASED:
        return None
    return member if hmac.compare_digest(unsubscribe_token(member), token) else None
