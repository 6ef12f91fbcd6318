"""The legal terms of the advice procedure (Wohv art. 5), as pure date arithmetic.

A term set by law that ends on a Saturday, Sunday or recognised public holiday runs on to the
next working day (Algemene termijnenwet, art. 1). The advice term is set by the landlord per
request; the law only sets its minimum of six weeks.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from consult.agreements.models import LEGAL_ADVICE_TERM_WEEKS
from consult.dossiers.models import FINISHED_PHASES

#: The landlord gives its written reasons within 14 days of receiving the advice.
REASONS_TERM = timedelta(days=14)
#: The landlord may act no earlier than 3 days after the organisation received the reasons.
WAITING_TERM = timedelta(days=3)

DEADLINE_LABELS = {
    "advice": _l("Advice due"),
    "reasons": _l("Landlord's written reply due"),
    "action": _l("Landlord may act from"),
    "decision": _l("Decision on consent due (by agreement)"),
}


def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> frozenset[date]:
    """The holidays of the Algemene termijnenwet in ``year``, Sundays aside: those of art. 3(1),
    Good Friday (art. 3(2)), and the days a royal decree equates with them (art. 3(3); the
    setting EQUATED_HOLIDAYS, published in the Staatscourant every three years)."""
    easter_sunday = easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter_sunday - timedelta(days=2),
            easter_sunday + timedelta(days=1),
            kings_day,
            date(year, 5, 5),
            easter_sunday + timedelta(days=39),
            easter_sunday + timedelta(days=50),
            date(year, 12, 25),
            date(year, 12, 26),
            *(day for day in _equated() if day.year == year),
        }
    )


def _equated() -> list[date]:
    return [date.fromisoformat(str(day)) for day in current_app.config["EQUATED_HOLIDAYS"]]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself, or the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Deadline:
    """A date in the procedure; ``moved_from`` is set when a weekend or holiday moved it."""

    kind: str
    due_on: date
    moved_from: date | None = None
    #: The step it waits for has been taken.
    done: bool = False

    @property
    def label(self):
        return DEADLINE_LABELS[self.kind]

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_on < today

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


def legal(kind: str, start: date, term: timedelta, done: bool = False) -> Deadline:
    """A term set by law, from ``start``: one of three days or more holds at least two
    working days (Atw art. 2), and it ends on a working day (art. 1)."""
    nominal = end = start + term
    while term.days >= 3 and _working_days_after(start, end) < 2:
        end += timedelta(days=1)
    due = next_working_day(end)
    return Deadline(kind, due, nominal if due != nominal else None, done)


def _working_days_after(start: date, end: date) -> int:
    """The working days from the day after ``start`` up to and including ``end``."""
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def default_advice_due(requested_on: date, term: timedelta) -> date:
    """The end of the advice term when the landlord set none: the agreement's term."""
    return next_working_day(requested_on + term)


def shorter_than_legal(requested_on: date | None, advice_due_on: date | None) -> bool:
    """Whether the landlord gave less than the legal six weeks."""
    if requested_on is None or advice_due_on is None:
        return False
    return advice_due_on < requested_on + timedelta(weeks=LEGAL_ADVICE_TERM_WEEKS)


def deadlines_of(dossier) -> list[Deadline]:
    """The dossier's dates so far, in procedure order (the later ones appear as steps occur)."""
    found = []
    if dossier.is_consent:  # the law sets no term for consent; only the agreement's, if any
        if dossier.advice_due_on:
            found.append(
                Deadline("decision", dossier.advice_due_on, done=bool(dossier.advice_given_on))
            )
        return found
    if dossier.advice_due_on:
        found.append(Deadline("advice", dossier.advice_due_on, done=bool(dossier.advice_given_on)))
    if dossier.advice_given_on:
        received = dossier.reply_received_on
        found.append(legal("reasons", dossier.advice_given_on, REASONS_TERM, bool(received)))
        if received and dossier.reply_outcome != "followed":
            found.append(legal("action", received, WAITING_TERM, done=True))
    return found


def open_deadlines(dossier) -> list[Deadline]:
    """The dates still waiting for a step, only while the dossier is in progress."""
    if dossier.phase in FINISHED_PHASES:
        return []
    return [deadline for deadline in deadlines_of(dossier) if not deadline.done]
