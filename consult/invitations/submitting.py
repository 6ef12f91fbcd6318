"""Answering through a personal link: saving the answers so far, and sending them once."""

import functools

from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, update

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.links import Link, LinkState, link_of, link_state, mark_opened
from consult.invitations.models import Invitation
from consult.membership.services import note_activity_of
from consult.surveys import changing, drafts
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

    In an anonymous consultation nothing dated and nothing of the member is written: the
    invitation is spent by inserting its keyed hash (``participation``; its unique key lets
    exactly one of two simultaneous sends in), the member's activity is not noted, and the
    response is held back sealed (``surveys.holding``).
    ``language``: the one it was answered in (None: the consultation's own).
    :returns: the response's id; None when it is held back.
    :raises DomainError: when the link is no longer open or an answer does not fit.
    """
    if link.state != LinkState.OPEN:
        raise DomainError(_("This link can no longer be used."))
    channel = Channel.LETTER if link.by_post else Channel.INVITATION
    rows = surveys.response_rows(link.page_shape, answers, channel)
    anonymous = shape_value(link.page_shape, Consultation.anonymous)
    if anonymous:
        consultation_id = shape_value(link.page_shape, Consultation.id)
        spent = participation.record(consultation_id, link.participation_key)
    else:
        parameters = {"invitation_id": link.invitation_id, "today": clock.today()}
        spent = db.session.execute(_spend(), parameters).rowcount == 1
    if not spent:
        raise DomainError(_("These answers have already been sent with this link."))
    if not anonymous:
        note_activity_of(link.member_id)
    db.session.execute(_delete_draft(), {"invitation_id": link.invitation_id})
    return surveys.store_response(
        link.page_shape, rows, channel, link.segments, member_id=link.member_id, language=language
    )


def spend(invitation_id: int) -> bool:
    """Spend the invitation if no answer was sent with it yet (one conditional UPDATE), and
    delete its draft: whether this call spent it (of two at once, exactly one does)."""
    spent = db.session.execute(_spend(), {"invitation_id": invitation_id, "today": clock.today()})
    if spent.rowcount != 1:
        return False
    db.session.execute(_delete_draft(), {"invitation_id": invitation_id})
    return True


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


def resend(link: Link, answers: dict[int, object]):
    """Replace the sent answers of ``link``'s member by ``answers`` (see
    ``surveys.changing``): the draft of the changes is taken by one DELETE, so of two
    simultaneous sends exactly one replaces the answers; the other finds nothing to send.

    :returns: the response's id.
    :raises DomainError: when the link cannot change answers (any more), the changes were
        sent already, or an answer does not fit.
    """
    if link.state != LinkState.SENT:
        raise DomainError(_("This link can no longer be used."))
    channel = Channel.LETTER if link.by_post else Channel.INVITATION
    rows = surveys.response_rows(link.page_shape, answers, channel)
    taken = db.session.execute(_delete_draft(), {"invitation_id": link.invitation_id}).rowcount
    if taken != 1:
        raise DomainError(_("These changes have already been sent."))
    return changing.replace_answers(link.page_shape, rows, link.member_id)


def is_changing(invitation: Invitation) -> bool:
    """Whether changes to the sent answers wait in a draft (not sent yet)."""
    return drafts.find(ResponseDraft.invitation_id == invitation.id) is not None


def start_change(invitation: Invitation) -> None:
    """Put the member's sent answers in a draft, to change them page by page.

    :raises DomainError: when the answers can no longer change (closed, anonymous) or are
        gone.
    """
    if link_state(invitation) != LinkState.SENT:
        raise DomainError(_("These answers can no longer be changed."))
    response = changing.response_of(invitation.consultation_id, invitation.member_id)
    if response is None:
        raise DomainError(_("Your earlier answers can no longer be found, so they cannot change."))
    questions = surveys.questions_with_options(invitation.consultation)
    drafts.store(
        ResponseDraft.invitation_id == invitation.id,
        changing.sent_answers(response, questions),
        consultation_id=invitation.consultation_id,
        invitation_id=invitation.id,
    )


def save_draft(invitation: Invitation, answers: dict[int, dict]) -> None:
    """Keep the answers so far, to resume through the same link; never counted in results.
    After sending (identified consultations) the draft holds changes not sent yet.

    :raises DomainError: when the link can no longer be used.
    """
    if link_state(invitation) not in (LinkState.OPEN, LinkState.SENT):
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
    if not drafts.store_for_invitation(
        link.invitation_id, consultation_id, answers, link.participation_key
    ):
        raise DomainError(_("This link can no longer be used."))
