"""Responses to anonymous consultations, held back sealed and written in blocks.

A send to an anonymous consultation, through any channel, does not write a response: it
inserts one sealed row into ``held_responses`` (``core.anonymity.seal``). While the
consultation runs, once 2 x MIN_GROUP_SIZE rows are held, MIN_GROUP_SIZE of them chosen at
random are unsealed and written as responses in random order, in the same transaction. So:

- the responses shown are a multiple of MIN_GROUP_SIZE and at least MIN_GROUP_SIZE behind
  those received: two published states differ by 0 or MIN_GROUP_SIZE or more responses,
  and nobody reads one tenant's answers as the difference;
- the order of responses, answers and segments in the database (ids, SQLite rowid,
  ``pg_dump`` order) says which block a response fell in, and nothing finer.

Once the consultation has closed, everything held is written (in random order) as soon as
MIN_GROUP_SIZE or more are held: on closing early, lazily before its results are read
(``settle``), and in the mail worker's round (``settle_closed``). Fewer than MIN_GROUP_SIZE
responses in all stay sealed: the results would not show them anyway.

Turned off (responses written at once, as in identified consultations) only by
``HOLD_ANONYMOUS_RESPONSES = False`` in an application under test (``TESTING``), which the
test settings use so other tests see their responses at once; tests/surveys/test_anonymity_*.py
turn it on. An installation always holds, whatever its settings say.
"""

import functools
import random
import uuid

from flask import current_app
from sqlalchemy import bindparam, delete, func, insert, select

from consult.core import clock
from consult.core.anonymity import seal, unseal
from consult.extensions import db
from consult.surveys import kept_pages
from consult.surveys.answers import AnswerRow
from consult.surveys.models.consultations import (
    Consultation,
    ConsultationState,
    consultation_state,
)
from consult.surveys.models.responses import Channel, HeldResponse, Response
from consult.surveys.segment_privacy import segment_rule

_CLOSED = frozenset({ConsultationState.CLOSED, ConsultationState.ARCHIVED})
#: The columns of a consultation that say whether it has closed (``consultation_state``).
_STATE = ("status", "opens_on", "closes_on", "closed_on")
_shuffle = random.SystemRandom()


def enabled() -> bool:
    """Whether anonymous responses are held back: always, but in an application under test
    whose settings turn it off."""
    return current_app.config.get("HOLD_ANONYMOUS_RESPONSES", True) or not current_app.testing


def holds(consultation: Consultation) -> bool:
    """Whether responses to ``consultation`` are held back (anonymous, holding on)."""
    return consultation.anonymous and enabled()


def sealed_purpose(consultation_id: int) -> str:
    """What the held responses of ``consultation_id`` are sealed for (``core.anonymity``)."""
    return f"responses:{consultation_id}"


def _block() -> int:
    return current_app.config["MIN_GROUP_SIZE"]


def hold(shape: tuple, rows: list[AnswerRow], channel, segments=(), **columns) -> None:
    """Seal a checked response of the anonymous consultation of ``shape`` and hold it; write a
    block when enough are held (two statements when no block is due).

    :param columns: further columns of the response, passed to ``write_response`` as given.
    """
    consultation_id = kept_pages.shape_value(shape, Consultation.id)
    payload = {
        "channel": str(channel),
        "segments": [list(pair) for pair in segments],
        "answers": [list(row) for row in rows],
        "columns": columns,
    }
    sealed = seal(sealed_purpose(consultation_id), payload)
    row = {"id": uuid.uuid4(), "consultation_id": consultation_id, "payload": sealed}
    db.session.execute(_insert_held(), row)
    held = _held_count(consultation_id)
    values = [kept_pages.shape_value(shape, getattr(Consultation, name)) for name in _STATE]
    if consultation_state(*values[:3], clock.today(), values[3]) in _CLOSED:
        _release_all_if_due(shape, held)
    elif held >= 2 * _block():
        _release(shape, _block(), at_least=2 * _block())


def counts(consultation_id: int) -> tuple[int, int]:
    """(responses written and shown, responses received: written and held)."""
    shown = db.session.scalar(
        select(func.count()).where(Response.consultation_id == consultation_id)
    )
    return shown, shown + _held_count(consultation_id)


def settle(consultation: Consultation) -> bool:
    """Write what is held of a closed consultation, when MIN_GROUP_SIZE or more are held.

    :returns: whether anything was written (the caller commits).
    """
    if consultation.anonymous and consultation.state_on(clock.today()) in _CLOSED:
        held = _held_count(consultation.id)
        return _release_all_if_due(kept_pages.shape_of(consultation), held)
    return False


def settle_closed() -> int:
    """The mail worker's round: ``settle`` every closed consultation with responses held.

    :returns: how many consultations had their held responses written.
    """
    due = db.session.scalars(
        select(HeldResponse.consultation_id)
        .join(Consultation, Consultation.id == HeldResponse.consultation_id)
        .group_by(HeldResponse.consultation_id)
        .having(func.count() >= _block())
    ).all()
    consultations = db.session.scalars(select(Consultation).where(Consultation.id.in_(due)))
    settled = sum(settle(consultation) for consultation in consultations)
    if settled:
        db.session.commit()
    return settled


def _held_count(consultation_id: int) -> int:
    return db.session.scalar(_count_held(), {"consultation_id": consultation_id})


@functools.cache
def _insert_held():
    """The statements of every send, built once (Core: no ORM bookkeeping per send)."""
    return insert(HeldResponse.__table__)


@functools.cache
def _count_held():
    consultation_id = bindparam("consultation_id")
    return select(func.count()).where(HeldResponse.consultation_id == consultation_id)


def _release_all_if_due(shape: tuple, held: int) -> bool:
    if held >= _block():
        return _release(shape, None, at_least=_block())
    return False


def _release(shape: tuple, how_many: int | None, at_least: int) -> bool:
    """Unseal ``how_many`` (None: all) held responses of the consultation of ``shape`` chosen
    at random and write them in random order, if ``at_least`` are still held once no other
    transaction is releasing.

    The consultation's row is locked first (PostgreSQL: ``FOR NO KEY UPDATE``, which waits
    for another release but not for sends holding a response; SQLite writes one at a time
    anyway), and the held rows read after it: two sends that both see a block due never
    write the same held response twice.

    :returns: whether a block was written.
    """
    from consult.surveys.services import write_responses  # services holds through this module

    consultation_id = kept_pages.shape_value(shape, Consultation.id)
    db.session.execute(
        select(Consultation.id)
        .where(Consultation.id == consultation_id)
        .with_for_update(key_share=True)
    )
    held = db.session.execute(
        select(HeldResponse.id, HeldResponse.payload).where(
            HeldResponse.consultation_id == consultation_id
        )
    ).all()
    if len(held) < at_least:  # another send wrote the block a moment ago
        return False
    chosen = _shuffle.sample(held, len(held) if how_many is None else min(how_many, len(held)))
    payloads = [unseal(sealed_purpose(consultation_id), blob) for _id, blob in chosen]
    letters = sum(payload["channel"] == Channel.LETTER for payload in payloads)
    # A letter response may be told from those by e-mail only among at least MIN_GROUP_SIZE:
    # fewer invited by post, or fewer letter responses so far, and they count as invitations.
    keep_letters = _letter_responses(consultation_id) + letters >= _block()
    stored_segments = segment_rule(consultation_id)
    responses = []
    for payload in payloads:
        channel = payload["channel"]
        if channel == Channel.LETTER and not keep_letters:
            channel = Channel.INVITATION
        rows = [AnswerRow(*row) for row in payload["answers"]]
        segments = stored_segments([tuple(pair) for pair in payload["segments"]])
        responses.append((rows, channel, segments, None, payload["columns"]))
    write_responses(shape, responses)
    held_responses = HeldResponse.__table__
    db.session.execute(
        delete(held_responses).where(held_responses.c.id.in_([held_id for held_id, _ in chosen]))
    )
    return True


def _letter_responses(consultation_id: int) -> int:
    return db.session.scalar(
        select(func.count()).where(
            Response.consultation_id == consultation_id, Response.channel == Channel.LETTER
        )
    )
