"""Date questions: reading a typed date, its bounds, and how a date is stored.

A date travels as ISO text (``{"date": "2026-12-07"}``) between the form, the draft and the
service, and is stored in ``Answer.number`` as the day number YYYYMMDD (20261207): an
integer every database sorts, compares and groups by month (``number / 100``) the same
way, with no text to parse. A browser with a date picker posts ISO text; without one the
tenant types dd-mm-jjjj (also with / or . between, and a two-digit day or month may be one
digit), and both are accepted.
"""

import re
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.surveys.models.questions import DateLimit

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TYPED = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse(typed: str | None) -> date | None:
    """The date typed or posted (ISO or dd-mm-jjjj); None when nothing was typed.

    :raises ValueError: when the text is not a date in either form.
    """
    text = (typed or "").strip().replace(" ", "")
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = match.groups()
    elif match := _TYPED.match(text):
        day, month, year = match.groups()
    else:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


def day_number(day: date) -> int:
    """The stored number of ``day``: YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def from_day_number(number: int) -> date:
    """The date stored as ``number`` (YYYYMMDD)."""
    return date(number // 10000, number // 100 % 100, number % 100)


def shown(day: date) -> str:
    """A day as the tenant reads it: 07-12-2026."""
    return day.strftime("%d-%m-%Y")


def month_label(month_number: int) -> str:
    """The month YYYYMM in words ("december 2026")."""
    return format_date(date(month_number // 100, month_number % 100, 1), "MMMM y")


def bounds(question) -> tuple[date | None, date | None]:
    """The earliest and latest day accepted today, fixed and relative bounds together."""
    earliest, latest = question.earliest_on, question.latest_on
    if question.date_limit == DateLimit.NOT_FUTURE:
        latest = min(latest, today()) if latest else today()
    if question.date_limit == DateLimit.NOT_PAST:
        earliest = max(earliest, today()) if earliest else today()
    return earliest, latest


def check(question, day: date) -> None:
    """:raises DomainError: when ``day`` is outside the question's bounds, saying which."""
    earliest, latest = bounds(question)
    if earliest and latest and not earliest <= day <= latest:
        raise DomainError(
            _(
                "Please give a date from %(earliest)s to %(latest)s.",
                earliest=shown(earliest),
                latest=shown(latest),
            )
        )
    if earliest and day < earliest:
        if question.date_limit == DateLimit.NOT_PAST and earliest == today():
            raise DomainError(_("Please give today's date or a later one."))
        raise DomainError(_("Please give a date on or after %(day)s.", day=shown(earliest)))
    if latest and day > latest:
        if question.date_limit == DateLimit.NOT_FUTURE and latest == today():
            raise DomainError(_("That date is in the future. Please give today or an earlier day."))
        raise DomainError(_("Please give a date on or before %(day)s.", day=shown(latest)))
