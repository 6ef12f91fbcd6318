"""Dossier codes: the next free one of a year (K26-001, K26-002, ...), or the code an
organisation already gave a dossier before it moved to Consult (WijWonen's K16-006).

A code given by hand is unique per organisation, whatever its letter case, and the next free
number always lies above every code of the year, so it is never one already given by hand.
"""

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.dossiers.models import Dossier
from consult.extensions import db

#: One to twenty letters, digits and - . /, starting with a letter or digit:
#: K16-006, 2016/06, ADV.2016.6.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,19}")


def next_code(organisation, year: int) -> str:
    """The next free code of the year for the organisation: K26-001, K26-002, ..."""
    prefix = f"K{year % 100:02d}-"
    codes = db.session.scalars(
        select(func.upper(Dossier.code)).where(
            Dossier.organisation_id == organisation.id,
            func.upper(Dossier.code).startswith(prefix),
        )
    ).all()
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def taken(code: str) -> DomainError:
    return DomainError(_("Your organisation already has a dossier %(code)s.", code=code))


def own_code(organisation, code: str) -> str | None:
    """The code the board typed, checked; None when it left the field empty.

    :raises DomainError: for a code of another shape, or one the organisation already has
        (in any letter case).
    """
    code = code.strip()
    if not code:
        return None
    if not CODE_PATTERN.fullmatch(code):
        raise DomainError(
            _("A code has 1 to 20 letters, digits, dashes, dots or slashes, such as K16-006.")
        )
    exists = db.session.scalar(
        select(Dossier.id).where(
            Dossier.organisation_id == organisation.id,
            func.upper(Dossier.code) == code.upper(),
        )
    )
    if exists is not None:
        raise taken(code)
    return code
