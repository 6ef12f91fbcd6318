"""Inviting the panel, and answering through a personal link."""

import functools
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, exists, func, select, update
from sqlalchemy.orm import joinedload

from consult.core import clock
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.mail import outbox
from consult.membership.services import note_activity
from consult.organisations.models import Organisation
from consult.panel.models import MemberSegment, MemberStatus, PanelMember, SegmentValue
from consult.surveys import drafts
from consult.surveys import services as surveys
from consult.surveys.models import (
    Channel,
    Consultation,
    ConsultationState,
    ResponseDraft,
    consultation_state,
)
from consult.surveys.page_shape import columns as page_shape_columns

PURPOSE = "invitation"


class LinkState(StrEnum):
    """What a tenant sees when opening a link; unknown and invalid links look the same."""

    INVALID = "invalid"
    USED = "used"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    OPEN = "open"


def invite_panel(consultation, value_ids=(), emails=(), actor=None) -> int:
    """Invite the active members of the audience who have no invitation to this consultation.

    Inviting again never doubles an invitation (and a unique constraint guards it).
    :param value_ids: segment values to invite: any of the chosen values within a dimension,
        all chosen dimensions together (Wijk Noord or Oost, and 75 en ouder). Empty: everyone.
    :param emails: only these members (addresses on the panel); empty: no such restriction.
    :returns: the number of new invitations, each with a message in the outbox.
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
    invitations = []
    for member in members:
        salt = new_salt()
        invitations.append(
            Invitation(
                organisation_id=consultation.organisation_id,
                consultation_id=consultation.id,
                member=member,
                token_salt=salt,
                token_hash=hash_token(derive_token(PURPOSE, salt)),
            )
        )
    db.session.add_all(invitations)
    db.session.flush()  # once for the whole round: the mails need the invitations' ids
    for invitation in invitations:
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
    chosen = db.session.execute(
        select(SegmentValue.dimension_id, SegmentValue.id).where(SegmentValue.id.in_(value_ids))
    ).all()
    by_dimension: dict[int, list[int]] = {}
    for dimension_id, value_id in chosen:
        by_dimension.setdefault(dimension_id, []).append(value_id)
    for values in by_dimension.values():
        query = query.where(
            exists().where(
                MemberSegment.member_id == PanelMember.id, MemberSegment.value_id.in_(values)
            )
        )
    if emails:
        query = query.where(PanelMember.email.in_(_normalised(emails)))
    return query.order_by(PanelMember.id)


#: An invitation's consultation and organisation, loaded in the same query.
_WITH_CONSULTATION = joinedload(Invitation.consultation).joinedload(Consultation.organisation)
#: Built once, for the thanks page and a send that failed (``find_by_token``).
_BY_TOKEN_HASH = (
    select(Invitation)
    .where(Invitation.token_hash == bindparam("token_hash"))
    .options(_WITH_CONSULTATION)
)


def find_by_token(token: str) -> Invitation | None:
    """The invitation behind a link, with its consultation and organisation (one query)."""
    return db.session.scalar(_BY_TOKEN_HASH, {"token_hash": hash_token(token)})


@dataclass(frozen=True)
class Link:
    """What a personal link leads to today, read in one query without loading any object:
    enough to answer most page views (a kept page before any answer, see
    ``answering.kept_blank_page``) at once."""

    invitation_id: int | None
    state: LinkState
    opened: bool
    saved: dict[int, dict]  #: the answers saved so far through it, by question id
    page_shape: tuple  #: the values of ``page_shape.columns()`` (consult/surveys)


def find_link(token: str) -> Link:
    """The link ``token``, with the answers saved so far through it (one query)."""
    with _single_read_connection() as connection:
        row = connection.execute(_link_query(), {"token_hash": hash_token(token)}).first()
    if row is None:
        return Link(None, LinkState.INVALID, opened=False, saved={}, page_shape=())
    invitation_id, member_id, used_on, opened_on, answers, status, opens_on, closes_on = row[:8]
    state = consultation_state(status, opens_on, closes_on, clock.today())
    return Link(
        invitation_id,
        _link_state(member_id, used_on, state),
        opened=opened_on is not None,
        saved=drafts.keyed_by_question(answers or {}),
        page_shape=tuple(row[8:]),
    )


@contextmanager
def _single_read_connection():
    """A connection of its own for one read, without the session's bookkeeping. On PostgreSQL
    it reads outside a transaction, which saves the round trips of BEGIN and ROLLBACK; a
    single statement sees one snapshot anyway. (On SQLite switching modes costs more.)"""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


@functools.cache
def _link_query():
    """Built on first use, when every model is mapped."""
    return (
        select(
            Invitation.id,
            Invitation.member_id,
            Invitation.used_on,
            Invitation.opened_on,
            ResponseDraft.answers,
            Consultation.status,
            Consultation.opens_on,
            Consultation.closes_on,
            *page_shape_columns(),
        )
        .join(Consultation, Consultation.id == Invitation.consultation_id)
        .join(Organisation, Organisation.id == Consultation.organisation_id)
        .outerjoin(ResponseDraft, ResponseDraft.invitation_id == Invitation.id)
        .where(Invitation.token_hash == bindparam("token_hash"))
    )


def invitation_of(link: Link) -> Invitation | None:
    """The invitation of a found link, with its consultation and organisation; None if it
    was removed meanwhile."""
    return db.session.get(Invitation, link.invitation_id, options=[_WITH_CONSULTATION])


def mark_opened(invitation_id: int) -> None:
    """Record the first day the link was opened (for the funnel); spends nothing."""
    db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.opened_on.is_(None))
        .values(opened_on=clock.today())
    )


def link_state(invitation: Invitation | None) -> LinkState:
    """What the link leads to today."""
    if invitation is None:
        return LinkState.INVALID
    return _link_state(
        invitation.member_id,
        invitation.used_on,
        invitation.consultation.state_on(clock.today()),
    )


def _link_state(member_id, used_on, state: ConsultationState) -> LinkState:
    if member_id is None:  # the member was erased
        return LinkState.INVALID
    if used_on is not None:
        return LinkState.USED
    if state == ConsultationState.OPEN:
        return LinkState.OPEN
    if state in (ConsultationState.CLOSED, ConsultationState.ARCHIVED):  # archived: closed
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
        Channel.INVITATION,
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
