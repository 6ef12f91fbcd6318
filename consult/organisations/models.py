"""A tenant organisation and the roles of its board members."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import TimestampMixin
from consult.extensions import db


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: The organisation's part of every URL, e.g. /o/de-voorbeeld/.
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    #: Members who neither answered nor opened their page for this many months are asked
    #: whether they want to stay on the panel.
    retention_months: Mapped[int] = mapped_column(default=24)
    #: A small PNG or JPEG shown at the top of the organisation's e-mails (sent inside the
    #: mail, so no image is fetched from anywhere when it is read).
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_type: Mapped[str | None] = mapped_column(String(20))
    #: The language of the advice letter, whatever language a board member's screen uses.
    letter_language: Mapped[str] = mapped_column(String(5), default="nl", server_default="nl")
    #: The response rate (percent of those invited) the board aims for; the overview shows
    #: open consultations against it.
    response_target: Mapped[int] = mapped_column(default=30, server_default="30")
    #: Everyone with a role here signs in with a code from an authenticator app; whoever has
    #: not turned it on sets it up before any other page (consult/accounts/two_factor.py).
    two_factor_required: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: When the installation's administrator suspended the organisation: its pages, links and
    #: API say so, and nothing is deleted. None while it is active.
    suspended_at: Mapped[datetime | None]
    #: Where paper questionnaires go back to: printed on them, several lines.
    return_address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: Who tenants write to with a question or a problem (the accessibility statement names
    #: it); empty: the installation's ``CONTACT_EMAIL``.
    contact_email: Mapped[str] = mapped_column(String(254), default="", server_default="")

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.slug}>"


class Membership(TimestampMixin, db.Model):
    """A login account's role (admin, board, viewer) in one organisation."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user: Mapped["User"] = relationship(back_populates="memberships")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"
