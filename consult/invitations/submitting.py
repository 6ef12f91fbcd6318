"""Answering through a personal link: saving the answers so far, and sending them once."""

import functools

from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, update

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations.links import Link, LinkState, link_of, link_state, mark_opened
from consult.invitations.models import Invitation
from consult.membership.services import note_activity_of
from consult.surveys import drafts
from consult.surveys import services as surveys
from consult.surveys.kept_pages import shape_value
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Channel, ResponseDraft


def submit(invitation: Invitation, answers: dict[int, object], language=None):
    """``send`` through the link of ``invitation``."""
    return send(link_of(invitation), answers, language)


def send(link: Link, answers: dict[int, object], language=None):
    """Spend the link and store the response in one transaction, or neither.

    Bound by the database: the answers are checked against the kept questionnaire (nothing
    read), then the invitation is spent, the member's activity noted, the draft deleted and
    the response written, one statement each (the answers and segments in one multi-row
    insert each). The invitation is spent by a single conditional UPDATE, so of two
    simultaneous sends exactly one wins; the other finds the link used.
    ``language``: the one it was answered in (None: the consultation's own).
    :returns: the response's id.
    :raises DomainError: when the link is no longer open or an answer does not fit.
    """
    if link.state != LinkState.OPEN:
        raise DomainError(_("This link can no longer be used."))
    channel = Channel.LETTER if link.by_post else Channel.INVITATION
    rows = surveys.response_rows(link.page_shape, answers, channel)
    spent = db.session.execute(
        _spend(), {"invitation_id": link.invitation_id, "today": clock.today()}
    ).rowcount
    if spent != 1:
        raise DomainError(_("These answers have already been sent with this link."))
    note_activity_of(link.member_id)
    db.session.execute(_delete_draft(), {"invitation_id": link.invitation_id})
    return surveys.write_response(
        link.page_shape, rows, channel, link.segments, member_id=link.member_id, language=language
    )


@functools.cache
def _spend():
    """Spends the invitation if it is not spent yet (Core, built once: no ORM bookkeeping)."""
    invitations = Invitation.__table__
    return (
        update(invitations)
        .where(invitations.c.id == bindparam("invitation_id"), invitations.c.used_on.is_(None))
        .values(
            used_on=bindparam("today"),
            opened_on=func.coalesce(invitations.c.opened_on, bindparam("today")),
        )
    )


@functools.cache
def _delete_draft():
    drafts_table = ResponseDraft.__table__
    return delete(drafts_table).where(drafts_table.c.invitation_id == bindparam("invitation_id"))


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


def save_link_draft(link: Link, answers: dict[int, dict]) -> None:
    """``save_draft`` for a link read moments ago (open then), in one statement that keeps the
    answers only while the link is unspent.

    :raises DomainError: when the link can no longer be used.
    """
    if link.state != LinkState.OPEN:
        raise DomainError(_("This link can no longer be used."))
    if not link.opened:  # saving a page means the link was opened
        mark_opened(link.invitation_id)
    consultation_id = shape_value(link.page_shape, Consultation.id)
    if not drafts.store_for_invitation(link.invitation_id, consultation_id, answers):
        raise DomainError(_("This link can no longer be used."))
