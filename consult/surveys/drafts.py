"""Answers saved for later (``ResponseDraft``), read and written the same way for every owner:
an invitation, or a browser on an open link."""

from sqlalchemy import select, update
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
