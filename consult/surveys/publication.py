"""How many of a consultation's responses its results show, and how many came in (issue 21)."""

from sqlalchemy import func, select

from consult.extensions import db
from consult.surveys.models.responses import Response


def counts(consultation_id: int) -> tuple[int, int]:
    """(responses the results show, responses received)."""
    query = select(func.count()).where(Response.consultation_id == consultation_id)
    shown = db.session.scalar(query)
    return shown, shown
