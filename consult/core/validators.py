"""Form validators shared by the domains."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

#: Dates outside these years are typing errors (and would overflow date arithmetic).
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def plausible_date(form, field) -> None:
    """Refuse a date before 2000 or after 2100, with a clear message."""
    if field.data is not None and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("Enter a date between 2000 and 2100."))
