"""A mailing: a plain mail of the board to the whole panel or to segments of it."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class Mailing(OrganisationScoped, TimestampMixin, db.Model):
    """Written and sent in one go; the outbox holds one message per member it reached."""

    __tablename__ = "mailings"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    #: Plain text; a blank line starts a new paragraph.
    body: Mapped[str] = mapped_column(Text)
    #: The chosen segment values (ids); empty: the whole panel.
    value_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: The chosen segments in words, as they were named when it was sent.
    audience: Mapped[str] = mapped_column(String(500))
    sent_at: Mapped[datetime]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: How many members it was sent to.
    recipients: Mapped[int]
    #: How many members of the audience have no e-mail address (post only): not reached.
    unreached: Mapped[int]

    def __repr__(self) -> str:
        return f"<Mailing {self.id} org={self.organisation_id}>"
