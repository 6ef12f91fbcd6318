"""An invitation of one panel member to one consultation."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class Invitation(OrganisationScoped, TimestampMixin, db.Model):
    """A personal link; it is spent by one atomic update of ``used_on`` on submission.

    It records only the day it was used, never which response came from it.
    """

    __tablename__ = "invitations"
    #: On PostgreSQL pages are kept 70% full (migration 0022_send), so opening and sending
    #: update a row in place.
    __table_args__ = (UniqueConstraint("consultation_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    #: None once the member has been erased from the panel.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )
    #: Random salt from which the link's token is derived (see consult.core.tokens).
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: "mail" or "post" (consult.panel.models.Channel): how the invitation reached the member.
    channel: Mapped[str] = mapped_column(String(10), default="mail", server_default="mail")
    #: The SHA-256 of the short code printed on a letter (consult.invitations.codes); None
    #: for invitations by e-mail.
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: When the mail server accepted the invitation mail.
    sent_at: Mapped[datetime | None]
    #: When the mail server refused it for good.
    bounced_at: Mapped[datetime | None]
    #: The day the link was first opened (mail scanners may open it too).
    opened_on: Mapped[date | None]
    used_on: Mapped[date | None]

    consultation: Mapped["Consultation"] = relationship()  # noqa: F821
    member: Mapped["PanelMember | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Invitation {self.id} consultation={self.consultation_id}>"


class Reminder(OrganisationScoped, TimestampMixin, db.Model):
    """A reminder to members who have not answered yet, sent once on ``send_on``."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("consultation_id", "send_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    send_on: Mapped[date]
    #: Set by the one worker that sends it (an atomic update: never twice).
    sent_at: Mapped[datetime | None]
    #: How many members it went to.
    recipients: Mapped[int | None]

    def __repr__(self) -> str:
        return f"<Reminder {self.id} consultation={self.consultation_id} {self.send_on}>"
