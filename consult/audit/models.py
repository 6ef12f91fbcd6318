"""Audit entries: written once, never changed."""

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class AuditEntry(OrganisationScoped, TimestampMixin, db.Model):
    """One thing that happened to the panel's data.

    Entries name members by number, never by address or name, so that erasing a member
    leaves nothing personal behind in the log.
    """

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The board member who did it; None for the member themselves or the system.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Who did it as shown in the log ("j.devries@hbv.nl", "the member", "Consult").
    actor_label: Mapped[str] = mapped_column(String(254))
    #: What happened, e.g. "member.erased" (see consult.audit.services.ACTION_LABELS).
    action: Mapped[str] = mapped_column(String(40))
    #: What it happened to, e.g. "member 12" or "import 3".
    subject: Mapped[str | None] = mapped_column(String(120))
    #: Counts and other non-personal details, e.g. {"rows": 120}.
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} org={self.organisation_id}>"


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, entry):
    raise PermissionError(f"{entry!r} cannot be changed")
