"""Mail to the board about open deadlines: a week before, on the day, and once overdue.

Who gets it: the dossier's responsible board members who still are board members or admins
of the organisation; when there are none, every board member and admin (viewers never). A
deadline that is still waiting (``open_deadlines``) is mailed about in three stages:

- ``week``: 1 to 7 days before (so a term entered late, or a worker that was down on the
  seventh day, still gets its notice);
- ``today``: on the day itself;
- ``overdue``: once, in the week after the day (older ones, e.g. when this first runs,
  are not mailed about).

Each mail is queued once per (dossier, deadline kind, due date, stage, recipient): that is
its outbox idempotency key, which the database keeps unique, so several workers at once
still queue it once. A new due date (the landlord set another term) gets mails of its own.
The worker calls ``check_deadlines`` every round; it looks at most every
DEADLINE_MAIL_CHECK_SECONDS and on the first round of a new day, and then reads only the
dossiers with a date near today.
"""

import time
from collections import defaultdict
from datetime import date, timedelta
from enum import StrEnum

from flask import current_app
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from consult.accounts.models import User
from consult.core import clock
from consult.core.policy import EDITORS
from consult.dossiers.deadlines.services import REASONS_TERM, Deadline, open_deadlines
from consult.dossiers.models import FINISHED_PHASES, Dossier
from consult.extensions import db
from consult.mail import outbox
from consult.organisations.models import Membership

#: How long before a deadline the first mail goes, and how long after it the last.
NOTICE = timedelta(days=7)
#: Weekends and holidays move a legal term on by a few days at most (see deadlines.legal).
MOVE_SLACK = timedelta(days=7)


class Stage(StrEnum):
    WEEK = "week"
    TODAY = "today"
    OVERDUE = "overdue"


def stage_of(deadline: Deadline, today: date) -> Stage | None:
    """Which mail the deadline is due for today, if any."""
    days = deadline.days_left(today)
    if days > NOTICE.days or days < -NOTICE.days:
        return None
    if days > 0:
        return Stage.WEEK
    return Stage.TODAY if days == 0 else Stage.OVERDUE


def _near(today: date):
    """Dossiers in progress with a waiting date near ``today``, as far as SQL can tell."""
    first, last = today - NOTICE, today + NOTICE
    reasons_from = first - REASONS_TERM - MOVE_SLACK
    return and_(
        Dossier.phase.not_in([str(phase) for phase in FINISHED_PHASES]),
        or_(
            and_(Dossier.advice_given_on.is_(None), Dossier.advice_due_on.between(first, last)),
            and_(
                Dossier.reply_received_on.is_(None),
                Dossier.advice_given_on.between(reasons_from, last - REASONS_TERM),
            ),
        ),
    )


def board_members_of(organisation_ids: set[int]) -> dict[int, list[User]]:
    """The board members and admins of each organisation."""
    boards = defaultdict(list)
    rows = db.session.execute(
        select(Membership.organisation_id, User)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organisation_id.in_(organisation_ids),
            Membership.role.in_([str(role) for role in EDITORS]),
        )
        .order_by(User.id)
    )
    for organisation_id, user in rows:
        boards[organisation_id].append(user)
    return boards


def recipients(dossier: Dossier, board: list[User]) -> tuple[list[User], bool]:
    """The responsible board members, or else the whole board; and whether they are the
    responsible ones."""
    still_board = {user.id for user in board}
    responsible = [user for user in dossier.responsibles if user.id in still_board]
    return (responsible, True) if responsible else (board, False)


def _due(dossier: Dossier, board: list[User], today: date):
    """(idempotency key, what the mail needs) for each mail the dossier is due for today."""
    people, responsible = recipients(dossier, board)
    for deadline in open_deadlines(dossier):
        stage = stage_of(deadline, today)
        for user in people if stage else ():
            key = f"deadline:{dossier.id}:{deadline.kind}:{deadline.due_on}:{stage}:{user.id}"
            yield key, (dossier, deadline, stage, user, responsible)


def send_deadline_mails(today: date | None = None) -> int:
    """Queue every deadline mail due today that was not queued before.

    :returns: the number of mails queued.
    """
    today = today or clock.today()
    dossiers = db.session.scalars(
        select(Dossier)
        .where(_near(today))
        .options(selectinload(Dossier.responsibles), selectinload(Dossier.organisation))
        .order_by(Dossier.id)
    ).all()
    boards = board_members_of({dossier.organisation_id for dossier in dossiers})
    due = dict(
        mail
        for dossier in dossiers
        for mail in _due(dossier, boards[dossier.organisation_id], today)
    )
    if not due:
        return 0
    queued = sum(_queue(key, *due[key]) for key in outbox.unqueued(list(due)))
    db.session.commit()
    return queued


def _queue(key: str, dossier, deadline, stage, user, responsible) -> int:
    """Queue one mail; 0 when another worker queued it a moment ago."""
    return int(
        outbox.queue_once(
            "deadline",
            user.email,
            key,
            organisation=dossier.organisation,
            locale=user.locale,
            dossier_id=dossier.id,
            deadline=deadline.kind,
            due_on=deadline.due_on.isoformat(),
            stage=stage,
            user_id=user.id,
            responsible=responsible,
        )
    )


def check_deadlines() -> int:
    """The worker's round: send the deadline mails at most every DEADLINE_MAIL_CHECK_SECONDS
    and on the first round of a new day (kept per app, that is per worker process)."""
    state = current_app.extensions.setdefault("deadline_mail", {})
    today, now = clock.today(), time.monotonic()
    interval = current_app.config["DEADLINE_MAIL_CHECK_SECONDS"]
    if state.get("day") == today and now - state["at"] < interval:
        return 0
    queued = send_deadline_mails(today)
    state.update(day=today, at=now)
    return queued
