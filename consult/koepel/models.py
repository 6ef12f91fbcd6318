"""Who belongs to a koepel, and each member organisation's position on a joint dossier."""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import TimestampMixin
from consult.extensions import db


class KoepelMember(TimestampMixin, db.Model):
    """A member organisation of a koepel; only recognised ones count for consent."""

    __tablename__ = "koepel_members"
    __table_args__ = (
        UniqueConstraint("koepel_id", "member_id"),
        CheckConstraint("koepel_id <> member_id", name="not_its_own_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    koepel_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: Recognised by the landlord under the agreement (erkend): counts for the two thirds.
    recognised: Mapped[bool] = mapped_column(default=True)
    #: When the member organisation's admin accepted; until then it is only invited and
    #: sees nothing of the koepel, nor the koepel anything of it but the name it typed.
    accepted_at: Mapped[datetime | None]

    koepel: Mapped["Organisation"] = relationship(foreign_keys=[koepel_id])  # noqa: F821
    member: Mapped["Organisation"] = relationship(foreign_keys=[member_id])  # noqa: F821

    def __repr__(self) -> str:
        return f"<KoepelMember koepel={self.koepel_id} member={self.member_id}>"


class Stance(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ABSTAIN = "abstain"


STANCE_LABELS = {
    Stance.AGREE: _l("Agrees"),
    Stance.DISAGREE: _l("Does not agree"),
    Stance.ABSTAIN: _l("Abstains"),
}


class Position(TimestampMixin, db.Model):
    """A member organisation's position on a joint dossier of its koepel."""

    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("dossier_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    #: The member organisation whose position this is.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    stance: Mapped[str] = mapped_column(String(20))
    #: The member organisation's reasons or conditions.
    note: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date]
    #: Who entered it: the member organisation's name (its board's addresses stay with it).
    entered_by: Mapped[str] = mapped_column(String(254))

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821

    @property
    def stance_label(self):
        return STANCE_LABELS[Stance(self.stance)]

    def __repr__(self) -> str:
        return f"<Position dossier={self.dossier_id} org={self.organisation_id} {self.stance}>"
