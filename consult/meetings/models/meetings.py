"""A meeting: its kind, agenda terms, state with its transitions, the invitees and the panel
members asked to a members' meeting."""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.clock import NETHERLANDS
from consult.core.errors import DomainError
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class MeetingKind(StrEnum):
    LANDLORD = "landlord"  #: het reguliere overleg met de verhuurder
    CENTRAL = "central"  #: centraal overleg van een koepel met zijn lidorganisaties
    MEMBERS = "members"  #: ledenvergadering (ALV) of participantenvergadering
    BOARD = "board"  #: bestuursvergadering


KIND_LABELS = {
    MeetingKind.LANDLORD: _l("Meeting with the landlord"),
    MeetingKind.CENTRAL: _l("Central meeting of the koepel"),
    MeetingKind.MEMBERS: _l("Members' meeting"),
    MeetingKind.BOARD: _l("Board meeting"),
}

#: The agreed terms when the organisation set none (Portaal's afsprakenkader, art. 3).
DEFAULT_CONCEPT_WEEKS, DEFAULT_FINAL_WEEKS = 8, 2


class MeetingState(StrEnum):
    PLANNED = "planned"  #: agenda open for items
    FIXED = "fixed"  #: final agenda fixed and sent
    HELD = "held"  #: the meeting took place; minutes are written
    APPROVED = "approved"  #: minutes approved at a later meeting
    CANCELLED = "cancelled"


STATE_LABELS = {
    MeetingState.PLANNED: _l("Planned"),
    MeetingState.FIXED: _l("Agenda fixed"),
    MeetingState.HELD: _l("Held"),
    MeetingState.APPROVED: _l("Minutes approved"),
    MeetingState.CANCELLED: _l("Cancelled"),
}

#: The only state changes there are; a fixed agenda may be reopened (an item added late).
TRANSITIONS: dict[MeetingState, tuple[MeetingState, ...]] = {
    MeetingState.PLANNED: (MeetingState.FIXED, MeetingState.CANCELLED),
    MeetingState.FIXED: (MeetingState.PLANNED, MeetingState.HELD, MeetingState.CANCELLED),
    MeetingState.HELD: (MeetingState.APPROVED,),
    MeetingState.APPROVED: (),
    MeetingState.CANCELLED: (),
}
#: While the agenda is open, items and papers may be added.
OPEN_STATES = frozenset({MeetingState.PLANNED, MeetingState.FIXED})


class AgendaTerm(OrganisationScoped, db.Model):
    """The organisation's agreed agenda terms for one kind of meeting."""

    __tablename__ = "agenda_terms"
    __table_args__ = (
        UniqueConstraint("organisation_id", "kind"),
        CheckConstraint("concept_weeks BETWEEN 0 AND 52", name="concept_in_range"),
        CheckConstraint("final_weeks BETWEEN 0 AND concept_weeks", name="final_after_concept"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: Weeks before the meeting that the concept agenda and the call for items go out.
    concept_weeks: Mapped[int] = mapped_column(default=DEFAULT_CONCEPT_WEEKS)
    #: Weeks before the meeting that the final agenda and the papers go out.
    final_weeks: Mapped[int] = mapped_column(default=DEFAULT_FINAL_WEEKS)

    def __repr__(self) -> str:
        return f"<AgendaTerm {self.id} org={self.organisation_id} {self.kind}>"


class Meeting(OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("kind IN ('landlord', 'central', 'members', 'board')", name="known_kind"),
        CheckConstraint(
            "state IN ('planned', 'fixed', 'held', 'approved', 'cancelled')", name="known_state"
        ),
        CheckConstraint("title <> ''", name="has_title"),
        CheckConstraint("final_due_on >= concept_due_on", name="terms_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    #: Wall-clock time in the Netherlands (Europe/Amsterdam), as the invitation states it.
    starts_at: Mapped[datetime]
    #: The place, in the board's words (address, room).
    place: Mapped[str] = mapped_column(String(300), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(20), default=MeetingState.PLANNED)
    #: The day the concept agenda is due, from the terms when the meeting was (re)planned.
    concept_due_on: Mapped[date]
    #: The day the final agenda and papers are due; a paper added later is late.
    final_due_on: Mapped[date]
    #: The day the final agenda was fixed and mailed.
    fixed_on: Mapped[date | None]
    #: The meeting at which these minutes were approved.
    approved_in_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )

    participants: Mapped[list["Participant"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Participant.id"
    )
    items: Mapped[list["AgendaItem"]] = relationship(  # noqa: F821
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )

    @property
    def kind_label(self):
        return KIND_LABELS[MeetingKind(self.kind)]

    @property
    def starts_local(self) -> datetime:
        """The start with its time zone, so formatting shows it as it was entered."""
        return self.starts_at.replace(tzinfo=NETHERLANDS)

    @property
    def state_label(self):
        return STATE_LABELS[MeetingState(self.state)]

    @property
    def next_states(self) -> tuple[MeetingState, ...]:
        return TRANSITIONS[MeetingState(self.state)]

    @property
    def agenda_open(self) -> bool:
        return self.state in OPEN_STATES

    def move_to(self, state: MeetingState) -> None:
        """Change the state.

        :raises DomainError: when there is no such step.
        """
        if state not in self.next_states:
            raise DomainError(
                _l(
                    "A meeting cannot go from “%(current)s” to “%(next)s”.",
                    current=self.state_label,
                    next=STATE_LABELS[state],
                )
            )
        self.state = state

    def __repr__(self) -> str:
        return f"<Meeting {self.id} org={self.organisation_id} {self.kind}>"


class Participant(OrganisationScoped, db.Model):
    """An invitee: an account of the organisation (board, landlord) or a koepel's member
    organisation."""

    __tablename__ = "meeting_participants"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        UniqueConstraint("meeting_id", "member_organisation_id"),
        CheckConstraint(
            "(user_id IS NULL) <> (member_organisation_id IS NULL)", name="user_or_organisation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    member_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: The invitee's answer: coming (True), not coming (False), or no answer yet (None).
    attending: Mapped[bool | None]

    #: Two keys lead to organisations: the owner's is this one.
    organisation: Mapped["Organisation"] = relationship(  # noqa: F821
        foreign_keys="Participant.organisation_id"
    )
    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    user: Mapped["User | None"] = relationship()  # noqa: F821
    member_organisation: Mapped["Organisation | None"] = relationship(  # noqa: F821
        foreign_keys=[member_organisation_id]
    )

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.name or self.user.email
        return self.member_organisation.name

    def __repr__(self) -> str:
        return f"<Participant {self.id} meeting={self.meeting_id}>"


class Registration(OrganisationScoped, db.Model):
    """A panel member asked to a members' meeting through a personal link, and their answer."""

    __tablename__ = "meeting_registrations"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    #: Random salt from which the link's token is derived (see consult.core.tokens).
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Coming (True), not coming (False), or no answer yet (None).
    attending: Mapped[bool | None]
    answered_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship()
    member: Mapped["PanelMember"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Registration {self.id} meeting={self.meeting_id} member={self.member_id}>"
