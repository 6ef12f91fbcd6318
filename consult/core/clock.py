"""The one clock: every "now" and "today" of the application comes from here.

Timestamps are stored as naive UTC (``utcnow``); dates that consultations open and close by,
and that dossiers' deadlines fall on, are Dutch calendar days (``today``). Both read the
module's ``datetime``, so a test can move the whole application's clock by replacing it.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

NETHERLANDS = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    """The current moment as naive UTC, the way every timestamp is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Today in the Netherlands, the calendar consultations open and close by."""
    return datetime.now(NETHERLANDS).date()


def day_of(moment: datetime) -> date:
    """The Dutch calendar day of ``moment``, a timestamp stored as naive UTC (between 23:00
    and midnight UTC the Netherlands is already a day further)."""
    return moment.replace(tzinfo=UTC).astimezone(NETHERLANDS).date()
