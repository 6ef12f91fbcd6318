"""An invitation of one panel member to one consultation."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class Invitation(OrganisationScoped, TimestampMixin, db.Model):
    """A personal link; it is spent by one atomic update of ``used_on`` on submission.

    It records only the day it was used, never which response came from it. In an anonymous
    consultation not even that: ``used_on`` stays empty and a ``Participation`` records, as a
    keyed hash, that the link was spent (docs/assurance.md).
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
    #: The day the link was first opened (mail scanners may open it too); never recorded in
    #: an anonymous consultation.
    opened_on: Mapped[date | None]
    #: The day it was spent; never recorded in an anonymous consultation (see Participation).
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


class Participation(db.Model):
    """That one invitation of an anonymous consultation was spent, as a keyed hash of the
    invitation (``consult.invitations.participation``): the application can ask whether an
    invitation was spent, a copy of the database cannot say whose it was.

    No date and no id: the hash is the key, so rows carry no order of arrival (on SQLite the
    table is stored without rowid, in the order of the hashes).
    """

    __tablename__ = "participations"
    __table_args__ = {"sqlite_with_rowid": False}

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )

    def __repr__(self) -> str:
        return f"<Participation consultation={self.consultation_id}>"
