"""Advice dossiers, their phases, timeline and documents, the frozen evidence snapshots,
and the calendar links to their deadlines."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.agreements.models import AdviceRight, WithRight
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.models import OrganisationScoped, TimestampMixin
from consult.extensions import db


class AdviceKind(StrEnum):
    REQUESTED = "requested"  #: gevraagd: the landlord asked
    UNSOLICITED = "unsolicited"  #: ongevraagd: on the organisation's own initiative


ADVICE_KIND_LABELS = {
    AdviceKind.REQUESTED: _l("Requested advice (gevraagd)"),
    AdviceKind.UNSOLICITED: _l("Unsolicited advice (ongevraagd)"),
}


class Phase(StrEnum):
    ANNOUNCED = "announced"  #: aangekondigd
    CONSULTING = "consulting"  #: achterban raadplegen
    DRAFTING = "drafting"  #: advies opstellen
    ADVISED = "advised"  #: advies uitgebracht
    LANDLORD_REPLY = "reply"  #: reactie verhuurder
    CLOSED = "closed"  #: afgerond
    WITHDRAWN = "withdrawn"  #: ingetrokken


PHASE_LABELS = {
    Phase.ANNOUNCED: _l("Announced"),
    Phase.CONSULTING: _l("Consulting members"),
    Phase.DRAFTING: _l("Drafting the advice"),
    Phase.ADVISED: _l("Advice given"),
    Phase.LANDLORD_REPLY: _l("Landlord's reply"),
    Phase.CLOSED: _l("Closed"),
    Phase.WITHDRAWN: _l("Withdrawn"),
}
#: The same steps named as a consent procedure takes them (Wohv art. 5a, or the agreement).
CONSENT_PHASE_LABELS = {
    **PHASE_LABELS,
    Phase.ANNOUNCED: _l("Request for consent"),
    Phase.DRAFTING: _l("Preparing the decision"),
    Phase.ADVISED: _l("Decision taken"),
    Phase.LANDLORD_REPLY: _l("Landlord's response"),
}
#: Steps a consent dossier takes through its decision and the landlord's response, never
#: through the phase form (see consult.dossiers.consent).
CONSENT_STEPS = frozenset({Phase.ADVISED, Phase.LANDLORD_REPLY})
#: Phases in which the dossier's work is over: no deadlines wait any more.
#: Nothing more happens in a dossier in these phases.
FINISHED_PHASES = frozenset({Phase.CLOSED, Phase.WITHDRAWN})
#: While the advice is being written, its points may change.
WRITING_PHASES = frozenset({Phase.ANNOUNCED, Phase.CONSULTING, Phase.DRAFTING})
#: Once the advice is given, the landlord's reply per point can be entered.
REPLY_PHASES = frozenset({Phase.ADVISED, Phase.LANDLORD_REPLY})

#: The only phase changes there are. Closing straight from "announced" is a dossier the
#: board let pass without advice; a second round of consulting is possible while drafting.
TRANSITIONS: dict[Phase, tuple[Phase, ...]] = {
    Phase.ANNOUNCED: (Phase.CONSULTING, Phase.DRAFTING, Phase.CLOSED, Phase.WITHDRAWN),
    Phase.CONSULTING: (Phase.DRAFTING, Phase.WITHDRAWN),
    Phase.DRAFTING: (Phase.CONSULTING, Phase.ADVISED, Phase.WITHDRAWN),
    Phase.ADVISED: (Phase.LANDLORD_REPLY, Phase.WITHDRAWN),
    Phase.LANDLORD_REPLY: (Phase.CLOSED,),
    Phase.CLOSED: (),
    Phase.WITHDRAWN: (),
}


class FeedbackVisibility(StrEnum):
    NONE = "none"  #: only the board
    MEMBERS = "members"  #: panel members, through their own page and the feedback mail
    PUBLIC = "public"  #: anyone, also in the organisation's public list of dossiers


FEEDBACK_VISIBILITY_LABELS = {
    FeedbackVisibility.NONE: _l("Not shown: only the board sees the dossier"),
    FeedbackVisibility.MEMBERS: _l(
        "Panel members: a private link, on their own page and in the e-mail"
    ),
    FeedbackVisibility.PUBLIC: _l("Everyone (also on the public list of dossiers)"),
}


class DocumentKind(StrEnum):
    REQUEST = "request"  #: adviesaanvraag
    ADVICE = "advice"  #: advies
    REPLY = "reply"  #: reactie verhuurder
    OTHER = "other"  #: overig


DOCUMENT_KIND_LABELS = {
    DocumentKind.REQUEST: _l("Request for advice"),
    DocumentKind.ADVICE: _l("Advice"),
    DocumentKind.REPLY: _l("Landlord's reply"),
    DocumentKind.OTHER: _l("Other papers"),
}


class ReplyOutcome(StrEnum):
    FOLLOWED = "followed"
    PARTLY = "partly"
    NOT_FOLLOWED = "not_followed"


REPLY_OUTCOME_LABELS = {
    ReplyOutcome.FOLLOWED: _l("The landlord follows the advice"),
    ReplyOutcome.PARTLY: _l("The landlord follows the advice in part"),
    ReplyOutcome.NOT_FOLLOWED: _l("The landlord does not follow the advice"),
}

#: The board members who look after a dossier and get its deadline mails.
dossier_responsibles = Table(
    "dossier_responsibles",
    db.metadata,
    Column("dossier_id", ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

#: Consultations held for a dossier; while one is open, the dossier has an inspraakmoment.
dossier_consultations = Table(
    "dossier_consultations",
    db.metadata,
    Column("dossier_id", ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True),
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
)


class Dossier(WithRight, OrganisationScoped, TimestampMixin, db.Model):
    __tablename__ = "dossiers"
    __table_args__ = (
        UniqueConstraint("organisation_id", "code"),
        CheckConstraint(
            "phase IN ('announced', 'consulting', 'drafting', 'advised', 'reply', 'closed', "
            "'withdrawn')",
            name="known_phase",
        ),
        CheckConstraint(
            "feedback_visibility IN ('none', 'members', 'public')", name="known_visibility"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: K<yy>-<nnn>, numbered per organisation and year, e.g. K26-001.
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    #: The kruisjeslijst line (of the version in force when the dossier was opened).
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topics.id", ondelete="SET NULL"), index=True
    )
    #: Set from the topic; kept on the dossier so an old dossier keeps the right it had.
    right: Mapped[str] = mapped_column(String(20))
    #: What the dossier is about, in words for members.
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Who at the landlord handles it (name, department, address: free text).
    landlord_contact: Mapped[str] = mapped_column(String(200), default="", server_default="")
    phase: Mapped[str] = mapped_column(
        String(20), default=Phase.ANNOUNCED, server_default="announced"
    )
    #: The date of the landlord's request for advice (None for unsolicited advice).
    requested_on: Mapped[date | None]
    #: The end of the advice term the landlord set (at least six weeks, Wohv art. 5).
    advice_due_on: Mapped[date | None]
    #: The day the advice went to the landlord (for consent: the day of the decision).
    advice_given_on: Mapped[date | None]
    #: The day the landlord's written reply (with reasons where it differs) came in.
    reply_received_on: Mapped[date | None]
    reply_outcome: Mapped[str | None] = mapped_column(String(20))
    #: Who may read the feedback page ("u zei, wij deden").
    feedback_visibility: Mapped[str] = mapped_column(
        String(20), default=FeedbackVisibility.NONE, server_default="none"
    )
    #: The unguessable part of the feedback page's address, made when it is first shown.
    feedback_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The board's words to members on what was done with their answers.
    feedback_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: A koepel's dossier on which each member organisation gives its position.
    joint: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: Whether the landlord's accounts may read the dossier and enter the reply themselves.
    shared_with_landlord: Mapped[bool] = mapped_column(default=False, server_default=false())

    topic: Mapped["Topic | None"] = relationship()  # noqa: F821
    responsibles: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=dossier_responsibles, order_by="User.email"
    )
    consultations: Mapped[list["Consultation"]] = relationship(  # noqa: F821
        secondary=dossier_consultations, order_by="Consultation.opens_on"
    )
    snapshots: Mapped[list["EvidenceSnapshot"]] = relationship(
        back_populates="dossier", order_by="EvidenceSnapshot.id"
    )
    events: Mapped[list["DossierEvent"]] = relationship(
        back_populates="dossier", order_by="DossierEvent.id.desc()"
    )
    documents: Mapped[list["DossierDocument"]] = relationship(
        back_populates="dossier", order_by="DossierDocument.id.desc()"
    )

    @property
    def kind_label(self):
        return ADVICE_KIND_LABELS[AdviceKind(self.kind)]

    @property
    def is_consent(self) -> bool:
        """Whether the organisation decides by consent (instemming) rather than advice."""
        return self.right == AdviceRight.CONSENT

    @property
    def phase_labels(self) -> dict:
        return CONSENT_PHASE_LABELS if self.is_consent else PHASE_LABELS

    @property
    def phase_label(self):
        return self.phase_labels[Phase(self.phase)]

    @property
    def reply_outcome_label(self):
        return REPLY_OUTCOME_LABELS[ReplyOutcome(self.reply_outcome)] if self.reply_outcome else ""

    @property
    def advice_given(self) -> bool:
        """Whether the advice went out (a dossier closed without advice never gave it)."""
        return self.advice_given_on is not None

    @property
    def next_phases(self) -> tuple[Phase, ...]:
        steps = TRANSITIONS[Phase(self.phase)]
        if self.is_consent:
            return tuple(step for step in steps if step not in CONSENT_STEPS)
        return steps

    def move_to(self, phase: Phase) -> None:
        """Change the phase.

        :raises DomainError: when the state machine has no such step.
        """
        if phase not in self.next_phases:
            raise DomainError(
                _l(
                    "A dossier cannot go from “%(current)s” to “%(next)s”.",
                    current=self.phase_label,
                    next=self.phase_labels[phase],
                )
            )
        self.phase = phase

    def __repr__(self) -> str:
        return f"<Dossier {self.id} {self.code}>"


class DossierEvent(OrganisationScoped, db.Model):
    """One line of a dossier's timeline: who did what, when."""

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Who, as their e-mail address at the time (kept when the account is removed).
    actor_label: Mapped[str] = mapped_column(String(254))
    #: What happened, e.g. "phase" or "evidence" (see services.EVENT_LABELS).
    action: Mapped[str] = mapped_column(String(40))
    #: Facts for the sentence on the timeline: phases, field names, titles, dates.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    dossier: Mapped[Dossier] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<DossierEvent {self.id} dossier={self.dossier_id} {self.action}>"


class EvidenceSnapshot(OrganisationScoped, TimestampMixin, db.Model):
    """Results of a consultation frozen at one moment; never changed after it is stored."""

    __tablename__ = "evidence_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    #: The source; kept as None if the consultation is ever deleted (the figures stay).
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), index=True
    )
    taken_at: Mapped[datetime]
    respondents: Mapped[int]
    invited: Mapped[int]
    response_rate: Mapped[float | None]
    #: The full results as they were (see ConsultationResults.as_dict).
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 of the canonical JSON of ``figures``, shown so anyone can check them.
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="snapshots")

    def __repr__(self) -> str:
        return f"<EvidenceSnapshot {self.id} dossier={self.dossier_id}>"


@event.listens_for(EvidenceSnapshot, "before_update")
def refuse_changes(mapper, connection, snapshot):
    raise ValueError(f"{snapshot!r} is evidence and cannot be changed")


class CalendarSubscription(OrganisationScoped, TimestampMixin, db.Model):
    """A user's secret calendar link to the deadlines of one organisation's dossiers."""

    __tablename__ = "calendar_subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token in the link; the link itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)

    user: Mapped["User"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<CalendarSubscription {self.id} user={self.user_id} org={self.organisation_id}>"


class DossierDocument(OrganisationScoped, TimestampMixin, db.Model):
    """A paper on a dossier; the file itself lies in the organisation's upload folder."""

    __tablename__ = "dossier_documents"
    __table_args__ = (
        CheckConstraint("kind IN ('request', 'advice', 'reply', 'other')", name="known_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    #: The name it was uploaded with, cleaned (see uploads.clean_filename); only shown and
    #: offered on download, never used on disk.
    filename: Mapped[str] = mapped_column(String(255))
    #: The random name of the file in UPLOAD_FOLDER/<organisation id>/.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    #: As found from the content, not from the name.
    content_type: Mapped[str] = mapped_column(String(100))
    #: In bytes.
    size: Mapped[int]
    #: Who added it, as their e-mail address at the time.
    uploaded_by: Mapped[str] = mapped_column(String(254))

    dossier: Mapped[Dossier] = relationship(back_populates="documents")

    @property
    def kind_label(self):
        return DOCUMENT_KIND_LABELS[DocumentKind(self.kind)]

    def __repr__(self) -> str:
        return f"<DossierDocument {self.id} dossier={self.dossier_id}>"
