"""Reading a personal link: the invitation behind a token and what it leads to today.

``find_link`` is the answer page's fast path: one Core query on a connection of its own,
without loading any object (see ``Link``); it also brings all a send needs (see
``submitting.send``).
"""

import functools
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import String, bindparam, cast, exists, func, literal, select, update
from sqlalchemy.orm import joinedload

from consult.core import clock
from consult.core.tokens import derive_token, hash_token
from consult.extensions import db
from consult.invitations import codes, participation
from consult.invitations.models import Invitation, Participation
from consult.organisations.models import Organisation
from consult.panel.models import Channel as MemberChannel
from consult.panel.models import MemberSegment, PanelMember
from consult.surveys import drafts
from consult.surveys.kept_pages import shape_columns, shape_value
from consult.surveys.models.consultations import Consultation, ConsultationState, consultation_state
from consult.surveys.models.responses import ResponseDraft

#: What a link's token is derived for (see ``consult.core.tokens``).
PURPOSE = "invitation"


class LinkState(StrEnum):
    """What a tenant sees when opening a link; unknown and invalid links look the same."""

    INVALID = "invalid"
    USED = "used"
    #: Sent, in an identified consultation still open: the answers can be seen and changed.
    SENT = "sent"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    OPEN = "open"


#: What a link leads to in each state of its consultation (archived: closed as well).
LINK_STATES = {
    ConsultationState.OPEN: LinkState.OPEN,
    ConsultationState.SCHEDULED: LinkState.NOT_YET_OPEN,
    ConsultationState.CLOSED: LinkState.CLOSED,
    ConsultationState.ARCHIVED: LinkState.CLOSED,
}

#: An invitation's consultation and organisation, loaded in the same query.
WITH_CONSULTATION = joinedload(Invitation.consultation).joinedload(Consultation.organisation)
#: Built once, for the thanks page and a send that failed (``find_by_token``).
_BY_TOKEN_HASH = (
    select(Invitation)
    .where(Invitation.token_hash == bindparam("token_hash"))
    .options(WITH_CONSULTATION)
)


def find_by_token(token: str) -> Invitation | None:
    """The invitation behind a link, with its consultation and organisation (one query)."""
    return db.session.scalar(_BY_TOKEN_HASH, {"token_hash": hash_token(token)})


def find_by_code(typed: str) -> Invitation | None:
    """The invitation behind a short code from a letter, as typed (see ``codes``)."""
    code = codes.normalised(typed)
    if len(code) != codes.LENGTH:
        return None
    return db.session.scalar(
        select(Invitation)
        .where(Invitation.code_hash == codes.hash_code(code))
        .options(WITH_CONSULTATION)
    )


def token_of(invitation: Invitation) -> str:
    """The personal link's token of ``invitation``, derived again from its salt."""
    return derive_token(PURPOSE, invitation.token_salt)


@dataclass(frozen=True)
class Link:
    """What a personal link leads to today, read in one query without loading any object:
    enough to answer most page views (a kept page before any answer, see
    ``surveys.kept_pages``) at once."""

    invitation_id: int | None
    state: LinkState
    opened: bool
    saved: dict[int, dict]  #: the answers saved so far through it, by question id
    page_shape: tuple  #: the values of ``kept_pages.shape_columns()`` (consult/surveys)
    #: The organisation's name while the installation's administrator has suspended it.
    suspended: str | None = None
    member_id: int | None = None
    segments: tuple = ()  #: the member's (dimension id, value id) pairs, for a response
    #: The invitation went as a letter with a code (its answers count as the letter channel).
    by_post: bool = False
    #: The member's language: the questionnaire is shown in it when it is offered.
    member_language: str | None = None
    #: The keyed hash that records it was spent in an anonymous consultation (participation).
    participation_key: str = ""
    #: Sent and being changed: a draft holds the changes (see ``surveys.changing``).
    changing: bool = False


def find_link(token: str, writing: bool = False) -> Link:
    """The link ``token``, with the answers saved so far through it (one query).

    :param writing: the request goes on to write (a page posted): read on the session's
        connection, in the transaction the writes join, rather than on a connection of its
        own (one connection taken from the pool per request, not two).
    """
    parameters = _parameters(hash_token(token))
    if writing:
        row = db.session.connection().execute(_link_query(), parameters).first()
    else:
        with _single_read_connection() as connection:
            row = connection.execute(_link_query(), parameters).first()
    return _link(row, parameters["participation_key"])


def link_of(invitation: Invitation) -> Link:
    """``find_link`` for an invitation at hand, read in the session's transaction."""
    parameters = _parameters(invitation.token_hash)
    row = db.session.execute(_link_query(), parameters).first()
    return _link(row, parameters["participation_key"])


def _parameters(token_hash: str) -> dict:
    """The link query's parameters: the token's hash, and the key that records it was spent
    in an anonymous consultation (``participation``)."""
    return {"token_hash": token_hash, "participation_key": participation.key_of(token_hash)}


def _link(row, key: str) -> Link:
    if row is None:
        return Link(None, LinkState.INVALID, opened=False, saved={}, page_shape=())
    invitation_id, member_id, used_on, opened_on, answers = row[:5]
    status, opens_on, closes_on, closed_on = row[5:9]
    name, suspended_at = row[9:11]
    state = consultation_state(status, opens_on, closes_on, clock.today(), closed_on)
    identified = not shape_value(tuple(row[15:]), Consultation.anonymous)
    spent = used_on is not None or row[14]
    link_state = _link_state(member_id, spent, state, identified)
    return Link(
        invitation_id,
        link_state,
        opened=opened_on is not None,
        saved=drafts.keyed_by_question(answers or {}),
        page_shape=tuple(row[15:]),
        suspended=name if suspended_at else None,
        member_id=member_id,
        segments=tuple(
            tuple(map(int, pair.split(":"))) for pair in (row[11] or "").split(",") if pair
        ),
        by_post=row[12] == MemberChannel.POST,
        member_language=row[13],
        participation_key=key,
        changing=link_state == LinkState.SENT and answers is not None,
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
            Consultation.closed_on,
            Organisation.name,
            Organisation.suspended_at,
            _segments_of_member(),
            Invitation.channel,
            select(PanelMember.locale)
            .where(PanelMember.id == Invitation.member_id)
            .scalar_subquery(),
            exists().where(Participation.key_hash == bindparam("participation_key")),
            *shape_columns(),
        )
        .join(Consultation, Consultation.id == Invitation.consultation_id)
        .join(Organisation, Organisation.id == Consultation.organisation_id)
        .outerjoin(ResponseDraft, ResponseDraft.invitation_id == Invitation.id)
        .where(Invitation.token_hash == bindparam("token_hash"))
    )


def _segments_of_member():
    """The member's segments as "dimension:value" pairs joined by commas, in one column."""
    pair = (
        cast(MemberSegment.dimension_id, String)
        + literal(":")
        + cast(MemberSegment.value_id, String)
    )
    return (
        select(func.aggregate_strings(pair, ","))
        .where(MemberSegment.member_id == Invitation.member_id)
        .scalar_subquery()
    )


def mark_opened(invitation_id: int) -> None:
    """Record the first day the link was opened (for the funnel); spends nothing."""
    db.session.execute(_open(), {"invitation_id": invitation_id, "today": clock.today()})


@functools.cache
def _open():
    """``mark_opened``'s statement (Core, built once: no ORM bookkeeping per page)."""
    invitations = Invitation.__table__
    return (
        update(invitations)
        .where(invitations.c.id == bindparam("invitation_id"), invitations.c.opened_on.is_(None))
        .values(opened_on=bindparam("today"))
    )


def link_state(invitation: Invitation | None) -> LinkState:
    """What the link leads to today."""
    if invitation is None:
        return LinkState.INVALID
    return _link_state(
        invitation.member_id,
        participation.spent(invitation),
        invitation.consultation.state_on(clock.today()),
        identified=not invitation.consultation.anonymous,
    )


def _link_state(member_id, used: bool, state: ConsultationState, identified=False) -> LinkState:
    if member_id is None:  # the member was erased
        return LinkState.INVALID
    if used:  # identified answers may change until closing, anonymous ones not
        return LinkState.SENT if identified and state == ConsultationState.OPEN else LinkState.USED
    return LINK_STATES.get(state, LinkState.NOT_YET_OPEN)
