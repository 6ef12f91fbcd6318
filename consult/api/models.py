"""API tokens: a named secret per organisation for a program such as Power BI or a website."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class ApiToken(OrganisationScoped, TimestampMixin, db.Model):
    """A token that reads the organisation's figures through the API; never changes data."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the board calls it, e.g. "Power BI" or "website".
    name: Mapped[str] = mapped_column(String(100))
    #: SHA-256 of the token; the token itself is shown once, when it is made.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The token works only while this user has an editing role in the organisation; kept
    #: as None when the account is removed (the token then stays listed, not working).
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: Recorded to the minute (see tokens.mark_used).
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    created_by: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} org={self.organisation_id}>"
