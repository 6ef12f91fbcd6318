"""Lists of elections."""

from sqlalchemy import select

from consult.elections.models import Election
from consult.extensions import db


def elections_of(organisation, published_only: bool = False) -> list[Election]:
    """The organisation's elections (only those with a published result), the latest first."""
    query = select(Election).where(Election.organisation_id == organisation.id)
    if published_only:
        query = query.where(Election.published_at.is_not(None))
    return list(db.session.scalars(query.order_by(Election.opens_on.desc(), Election.id.desc())))
