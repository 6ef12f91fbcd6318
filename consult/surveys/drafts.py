"""Answers saved for later (``ResponseDraft``), read and written the same way for every owner:
an invitation, or a browser on an open link."""

import functools

from sqlalchemy import JSON, bindparam, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from consult.core.clock import utcnow
from consult.extensions import db
from consult.surveys.models.responses import ResponseDraft


def answers_of(draft: ResponseDraft | None) -> dict[int, dict]:
    """question id -> answer."""
    return keyed_by_question(draft.answers if draft else {})


def saved_answers(owner) -> dict[int, dict]:
    """The answers in the draft matching ``owner`` (see ``find``); none without a draft."""
    return keyed_by_question(db.session.scalar(select(ResponseDraft.answers).where(owner)) or {})


def keyed_by_question(stored: dict[str, dict]) -> dict[int, dict]:
    """Answers as stored (by question id as text, as JSON has it) by question id."""
    return {int(key): value for key, value in stored.items()}


def find(owner) -> ResponseDraft | None:
    """The draft matching ``owner``, a condition such as ``ResponseDraft.invitation_id == 7``."""
    return db.session.scalar(select(ResponseDraft).where(owner))


def store(owner, answers: dict[int, dict], **new_draft) -> None:
    """Keep ``answers`` in the owner's draft, made with ``new_draft``'s columns if there is none.

    Two tabs may make the first draft at the same moment: the loser updates the winner's.
    """
    stored = {str(key): value for key, value in answers.items()}
    changed = update(ResponseDraft).where(owner).values(answers=stored, updated_at=utcnow())
    if db.session.execute(changed).rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(ResponseDraft(answers=stored, **new_draft))
    except IntegrityError:
        db.session.execute(changed)


def store_for_invitation(
    invitation_id: int, consultation_id: int, answers: dict[int, dict], participation_key: str
) -> bool:
    """Keep ``answers`` in the draft of the invitation ``invitation_id`` in one statement (an
    insert that updates the draft there is), only while the invitation is unspent (no day
    used, no ``participation_key`` recorded) and its member not erased; False when it is not."""
    stored = {str(key): value for key, value in answers.items()}
    parameters = {
        "invitation_id": invitation_id,
        "consultation_id": consultation_id,
        "answers": stored,
        "now": utcnow(),
        "participation_key": participation_key,
    }
    kept = db.session.execute(_invitation_upsert(db.engine.dialect.name), parameters)
    return kept.first() is not None


@functools.cache
def _invitation_upsert(dialect: str):
    """INSERT … SELECT from the unspent invitation … ON CONFLICT (invitation_id) DO UPDATE
    … RETURNING: a row when the draft was kept."""
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    drafts = ResponseDraft.__table__
    invitations = db.metadata.tables["invitations"]  # the invitations package builds on this
    participations = db.metadata.tables["participations"]
    chosen = select(
        bindparam("consultation_id"),
        invitations.c.id,
        bindparam("answers", type_=JSON),
        bindparam("now", type_=drafts.c.updated_at.type),
    ).where(
        invitations.c.id == bindparam("invitation_id"),
        invitations.c.used_on.is_(None),
        ~exists().where(participations.c.key_hash == bindparam("participation_key")),
        invitations.c.member_id.is_not(None),
    )
    statement = insert(drafts).from_select(
        ["consultation_id", "invitation_id", "answers", "updated_at"], chosen
    )
    return statement.on_conflict_do_update(
        index_elements=[drafts.c.invitation_id],
        set_={"answers": statement.excluded.answers, "updated_at": statement.excluded.updated_at},
    ).returning(drafts.c.id)  # psycopg counts no rows for this statement
