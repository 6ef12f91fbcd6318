"""Mixins shared by the domain models."""

from datetime import datetime

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from consult.core.clock import utcnow
from consult.extensions import db

#: The largest number an id column can hold (PostgreSQL's integer; SQLite's go further): a
#: larger one in an address or a form would make the database fail, not find nothing.
MAX_ID = 2**31 - 1


class TimestampMixin:
    #: When the row was created (UTC).
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrganisationScoped:
    """A row owned by one organisation; loaded only together with that organisation."""

    @declared_attr
    def organisation_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def organisation(cls) -> Mapped["Organisation"]:  # noqa: F821
        return relationship("Organisation")

    @classmethod
    def get_for(cls, organisation, object_id):
        """The row with ``object_id`` if it belongs to ``organisation``, else None."""
        try:
            object_id = int(object_id)
        except (TypeError, ValueError):
            return None
        if not 0 < object_id <= MAX_ID:
            return None
        return db.session.scalar(
            select(cls).where(cls.id == object_id, cls.organisation_id == organisation.id)
        )
