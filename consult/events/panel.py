"""Inviting the panel: each reachable member gets a one-time link to sign up with their own
name and address; the link is spent by one guarded UPDATE when they do."""

from functools import partial

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from consult.core.clock import utcnow
from consult.core.tokens import derive_token, hash_token
from consult.events.models import Event, EventInvitation
from consult.events.places import SignUpRefused, sign_up
from consult.extensions import db
from consult.panel.inviting import invite_members

PURPOSE = "event-invitation"


def invitation_token(invitation: EventInvitation) -> str:
    return derive_token(PURPOSE, invitation.token_salt)


def invite_panel(event: Event, actor=None) -> int:
    """Invite every reachable panel member not invited to this event before.

    :returns: how many were invited now.
    """
    invited = select(EventInvitation.member_id).where(EventInvitation.event_id == event.id)
    count = invite_members(
        event.organisation,
        PURPOSE,
        invited,
        partial(EventInvitation, organisation_id=event.organisation_id, event=event),
        "event_invitation",
        "invitation_id",
    )
    current_app.logger.info("%d panel members invited to %s by %s", count, event, actor)
    return count


def find_invitation(token: str) -> EventInvitation | None:
    """The invitation of a link, used or not; None when unknown or erased."""
    return db.session.scalar(
        select(EventInvitation).where(EventInvitation.token_hash == hash_token(token))
    )


def sign_up_invited(invitation: EventInvitation, details: dict, choices: dict):
    """Sign the member up with their own name and address, spending the link once.

    :raises SignUpRefused: when the link was used a moment ago (another tab).
    """
    spent = db.session.execute(
        update(EventInvitation)
        .where(EventInvitation.id == invitation.id, EventInvitation.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if not spent.rowcount:
        raise SignUpRefused(_("You already signed up with this link."))
    member = invitation.member
    details = {**details, "name": member.name or details["name"], "email": member.email}
    return sign_up(invitation.event, details, choices, member=member)
