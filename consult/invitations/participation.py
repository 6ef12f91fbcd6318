"""Who took part in an anonymous consultation, known to the application and not to a copy of
its database.

Spending an invitation of an anonymous consultation inserts ``participation_hash(
"invitation-spent", the hash of its token)`` into ``participations`` (``core.anonymity``): no
date, no flag on the invitation. The token's hash (stored, never changed) rather than the
invitation's id is hashed so that the answer page reads a link and whether it was spent in
its one query (``links.find_link``): the key follows from the token before anything is read.
To ask "did these invitations answer?", their hashes are computed here (cheap) and matched
against the table (one query). Without the application's secret the table is a list of
random-looking strings. Identified consultations keep ``Invitation.used_on``; ``answered``
covers both.
"""

import functools

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from consult.core.anonymity import participation_hash, participation_hashes
from consult.extensions import db
from consult.invitations.models import Invitation, Participation
from consult.surveys.models.consultations import Consultation

#: What the hashes are keyed for (see ``core.anonymity``).
PURPOSE = "invitation-spent"


def key_of(token_hash: str) -> str:
    """The keyed hash recording that the invitation with ``token_hash`` was spent."""
    return participation_hash(PURPOSE, token_hash)


def record(consultation_id: int, key: str) -> bool:
    """Spend the invitation, once: True if this call spent it, False if it was spent before.

    One ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: of two simultaneous sends exactly one
    inserts (and gets a row back).
    """
    parameters = {"key_hash": key, "consultation_id": consultation_id}
    return db.session.execute(_insert_once(db.engine.dialect.name), parameters).first() is not None


@functools.cache
def _insert_once(dialect_name: str):
    """``record``'s statement for the dialect, built once (no ORM bookkeeping per send)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return (
        dialect.insert(Participation.__table__)
        .values(key_hash=bindparam("key_hash"), consultation_id=bindparam("consultation_id"))
        .on_conflict_do_nothing()
        .returning(Participation.consultation_id)
    )


def has_answered(invitation: Invitation) -> bool:
    """Whether the invitation of an anonymous consultation was spent (one query)."""
    query = select(func.count()).where(Participation.key_hash == key_of(invitation.token_hash))
    return bool(db.session.scalar(query))


def spent(invitation: Invitation) -> bool:
    """Whether ``invitation`` was spent, in an identified or an anonymous consultation."""
    if invitation.used_on is not None:
        return True
    return invitation.consultation.anonymous and has_answered(invitation)


def count_of(consultation_id) -> object:
    """How many invitations of the consultation ``consultation_id`` (a value or a column to
    correlate with) were spent anonymously, as a scalar subquery."""
    return (
        select(func.count())
        .where(Participation.consultation_id == consultation_id)
        .scalar_subquery()
    )


def count(consultation_id: int) -> int:
    """How many invitations of an anonymous consultation were spent."""
    query = select(func.count()).where(Participation.consultation_id == consultation_id)
    return db.session.scalar(query)


def answered_ids(*where) -> set[int]:
    """Ids of the spent invitations of anonymous consultations among those matching ``where``
    (conditions on ``Invitation`` or ``Consultation``); two queries."""
    rows = db.session.execute(
        select(Invitation.token_hash, Invitation.id, Invitation.consultation_id)
        .join(Consultation, Consultation.id == Invitation.consultation_id)
        .where(Consultation.anonymous.is_(True), *where)
    ).all()
    if not rows:
        return set()
    ids = {token_hash: invitation for token_hash, invitation, _ in rows}
    hashes = participation_hashes(PURPOSE, ids)
    keys = db.session.scalars(
        select(Participation.key_hash).where(
            Participation.consultation_id.in_({consultation for *_, consultation in rows})
        )
    ).all()
    return {ids[hashes[key]] for key in keys if key in hashes}


def answered(*where):
    """A condition on ``Invitation``: it was spent, in an identified consultation (``used_on``)
    or an anonymous one (its hash recorded). ``where`` narrows the invitations whose hashes
    are computed; pass the same conditions as the query using it."""
    return or_(Invitation.used_on.is_not(None), Invitation.id.in_(answered_ids(*where)))
