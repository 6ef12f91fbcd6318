"""Dossier rules: numbering, terms, phases, the timeline, and freezing results as evidence."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consult.accounts.models import User
from consult.agreements import services as agreements
from consult.agreements.models import TERM_RIGHTS, AdviceRight
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.core.policy import EDITORS
from consult.dossiers import codes
from consult.dossiers.codes import next_code
from consult.dossiers.deadlines.services import default_advice_due, open_deadlines
from consult.dossiers.models import (
    FINISHED_PHASES,
    AdviceKind,
    Dossier,
    DossierEvent,
    EvidenceSnapshot,
    Phase,
    ReplyOutcome,
)
from consult.extensions import db
from consult.organisations.models import Membership
from consult.results import themes
from consult.results.queries import consultation_results
from consult.results.respondents import as_figures, respondent_composition
from consult.surveys import holding
from consult.surveys.models.consultations import ConsultationState, ConsultationStatus

#: The sentence for each kind of timeline entry.
EVENT_LABELS = {
    "opened": _l("opened the dossier"),
    "edited": _l("changed the dossier"),
    "phase": _l("moved the dossier to a new phase"),
    "consultation_linked": _l("linked a consultation"),
    "evidence": _l("froze results as evidence"),
    "advice_point": _l("wrote a point of the advice"),
    "advice_point_removed": _l("removed a point of the advice"),
    "reply": _l("entered the landlord's reply to a point"),
    "feedback": _l("changed the feedback to members"),
    "feedback_mailed": _l("mailed the feedback to members who took part"),
    "landlord_shared": _l("shared the dossier with the landlord"),
    "position": _l("gave its position as member organisation"),
    "landlord_unshared": _l("stopped sharing the dossier with the landlord"),
    "document_added": _l("added a document"),
    "document_removed": _l("removed a document"),
    "news": _l("posted an update"),
    "news_mailed": _l("mailed an update to members who took part"),
}


@dataclass
class DossierDetails:
    """What the board enters about a dossier, on opening it and later."""

    title: str
    kind: AdviceKind
    right: AdviceRight
    requested_on: date | None = None
    #: The end of the term the landlord set; None takes the agreement's term.
    advice_due_on: date | None = None
    topic: object | None = None
    description: str = ""
    landlord_contact: str = ""
    responsibles: list = field(default_factory=list)
    #: A koepel's dossier on which its member organisations give their positions.
    joint: bool = False
    #: The code the organisation gave the dossier before Consult (e.g. K16-006); empty for
    #: the next free one. Only taken when the dossier is opened.
    code: str = ""


def dossiers_of(organisation) -> list[Dossier]:
    """The organisation's dossiers, newest code first, with their consultations loaded."""
    return db.session.scalars(
        select(Dossier)
        .where(Dossier.organisation_id == organisation.id)
        .order_by(Dossier.code.desc())
        .options(selectinload(Dossier.consultations))
    ).all()


def describe(event: DossierEvent) -> str:
    """The timeline sentence of an event, in the reader's language."""
    label, details = str(EVENT_LABELS.get(event.action, event.action)), event.details
    if event.action == "phase":
        labels = event.dossier.phase_labels
        text = f"{label}: {labels[Phase(details['previous'])]} → {labels[Phase(details['phase'])]}"
        if details.get("on"):
            text += f" ({format_date(date.fromisoformat(details['on']))})"
        return text
    if event.action == "edited":
        return f"{label}: " + ", ".join(str(EDITABLE[name]) for name in details["fields"])
    if name := details.get("title") or details.get("filename"):
        return f"{label}: “{name}”"
    if "count" in details:
        return f"{label} ({details['count']})"
    if details.get("point"):
        return f"{label} ({_('point %(n)d', n=details['point'])})"
    return label


def upcoming_deadlines(organisation, limit: int = 5) -> list[tuple[Dossier, object]]:
    """The nearest open deadlines over all dossiers in progress, overdue ones first."""
    found = [
        (dossier, deadline)
        for dossier in dossiers_of(organisation)
        for deadline in open_deadlines(dossier)
    ]
    return sorted(found, key=lambda pair: pair[1].due_on)[:limit]


def board_members(organisation) -> list[User]:
    """The accounts that may be responsible for a dossier: board members and admins."""
    return db.session.scalars(
        select(User)
        .join(Membership)
        .where(
            Membership.organisation_id == organisation.id,
            Membership.role.in_([str(role) for role in EDITORS]),
        )
        .order_by(User.email)
    ).all()


def record_event(dossier: Dossier, action: str, actor=None, **details) -> DossierEvent:
    """Add a line to the dossier's timeline in the current transaction.

    :param actor: the signed-in user, or a name (e.g. a koepel's member organisation).
    """
    event = DossierEvent(
        organisation_id=dossier.organisation_id,
        dossier=dossier,
        actor_label=actor if isinstance(actor, str) else getattr(actor, "email", None) or "Consult",
        action=action,
        details=details,
    )
    db.session.add(event)
    return event


def _checked(organisation, details: DossierDetails) -> DossierDetails:
    """Apply the topic's right and the default term; refuse what cannot be.

    :raises DomainError: for requested advice without a request date, a topic or board
        member of another organisation, or an advice term ending before the request.
    """
    if details.kind == AdviceKind.REQUESTED and details.requested_on is None:
        raise DomainError(_("Enter the date of the landlord's request."))
    if details.topic is not None:
        if details.topic.organisation_id != organisation.id:
            raise DomainError(_("Choose a topic from your own kruisjeslijst."))
        details.right = AdviceRight(details.topic.right)
    allowed = {user.id for user in board_members(organisation)}
    if any(user.id not in allowed for user in details.responsibles):
        raise DomainError(_("Only board members of the organisation can be responsible."))
    if details.right not in TERM_RIGHTS or details.requested_on is None:
        details.advice_due_on = None
    elif details.advice_due_on is None:
        term = agreements.term_for(organisation, details.topic, details.right)
        details.advice_due_on = term and default_advice_due(details.requested_on, term)
    elif details.advice_due_on <= details.requested_on:
        raise DomainError(_("The advice term must end after the date of the request."))
    details.title = details.title.strip()
    return details


def create_dossier(organisation, details: DossierDetails, actor=None) -> Dossier:
    """A new dossier with the code the board gave it, or the next free code of the
    request's year.

    :raises DomainError: see ``_checked`` and ``codes.own_code``.
    """
    details = _checked(organisation, details)
    year = (details.requested_on or today()).year
    own = codes.own_code(organisation, details.code)
    for _attempt in range(3):  # two board members saving at once get different codes
        dossier = Dossier(
            organisation_id=organisation.id, code=own or next_code(organisation, year)
        )
        _apply(dossier, details)
        try:
            with db.session.begin_nested():
                db.session.add(dossier)
        except IntegrityError:
            if own:
                raise codes.taken(own) from None
            continue
        record_event(dossier, "opened", actor, code=dossier.code)
        current_app.logger.info("%s added by %s", dossier, actor)
        return dossier
    raise DomainError(_("Please try again."))


#: The fields the edit form changes, with the name the timeline shows.
EDITABLE = {
    "title": _l("title"),
    "kind": _l("kind"),
    "right": _l("right"),
    "topic": _l("topic"),
    "requested_on": _l("date of the request"),
    "advice_due_on": _l("advice term"),
    "description": _l("description"),
    "landlord_contact": _l("landlord contact"),
    "responsibles": _l("responsible board members"),
    "joint": _l("joint dossier"),
}


def _apply(dossier: Dossier, details: DossierDetails) -> list[str]:
    """Copy the details onto the dossier; the names of the fields that changed."""
    changed = []
    for name in EDITABLE:
        value = getattr(details, name)
        if getattr(dossier, name) != value:
            setattr(dossier, name, value)
            changed.append(name)
    return changed


def update_dossier(dossier: Dossier, details: DossierDetails, actor=None) -> list[str]:
    """Change what the board entered; the timeline names the changed fields.

    :raises DomainError: see ``_checked``.
    """
    changed = _apply(dossier, _checked(dossier.organisation, details))
    if changed:
        record_event(dossier, "edited", actor, fields=changed)
    return changed


def move(
    dossier: Dossier,
    phase: Phase,
    on: date | None = None,
    outcome: ReplyOutcome | None = None,
    actor=None,
) -> None:
    """Take the dossier to its next phase; giving the advice and receiving the reply need
    the day it happened (which starts the landlord's terms).

    :raises DomainError: for a step the state machine does not allow, or a day missing, in
        the future or before the step it follows.
    """
    previous = dossier.phase
    dossier.move_to(phase)
    if phase == Phase.ADVISED:
        dossier.advice_given_on = checked_day(on, dossier.requested_on)
    elif phase == Phase.LANDLORD_REPLY:
        if outcome is None:
            raise DomainError(_("Choose whether the landlord follows the advice."))
        dossier.reply_received_on = checked_day(on, dossier.advice_given_on)
        dossier.reply_outcome = outcome
    record_event(dossier, "phase", actor, previous=previous, phase=phase, on=on and on.isoformat())


def checked_day(on: date | None, earliest: date | None) -> date:
    """The day a step happened.

    :raises DomainError: when it is missing, in the future or before ``earliest``.
    """
    if on is None:
        raise DomainError(_("Enter the date."))
    if on > today():
        raise DomainError(_("The date cannot be in the future."))
    if earliest is not None and on < earliest:
        raise DomainError(_("The date cannot be before %(date)s.", date=format_date(earliest)))
    return on


def link_consultation(dossier: Dossier, consultation, actor=None) -> None:
    """Hold the consultation for this dossier: an inspraakmoment while it is open.

    :raises DomainError: when it is of another organisation or already linked.
    """
    if consultation.organisation_id != dossier.organisation_id:
        raise DomainError(_("This consultation belongs to another organisation."))
    if consultation in dossier.consultations:
        raise DomainError(_("This consultation is already linked."))
    dossier.consultations.append(consultation)
    record_event(dossier, "consultation_linked", actor, title=consultation.title)


def inspraakmoment(dossier: Dossier) -> list:
    """The linked consultations open for answers today: the members' moment to speak. A
    closed or withdrawn dossier has none, whatever its consultations' dates say."""
    if Phase(dossier.phase) in FINISHED_PHASES:
        return []
    day = today()
    return [c for c in dossier.consultations if c.state_on(day) == ConsultationState.OPEN]


def content_hash(figures: dict) -> str:
    """SHA-256 of the canonical JSON form of the figures."""
    canonical = json.dumps(figures, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def freeze_evidence(dossier: Dossier, consultation, actor=None) -> EvidenceSnapshot:
    """Freeze the consultation's results as they are now and attach them to the dossier
    (linking the consultation too, if it was not yet).

    :raises DomainError: when the consultation is a draft or of another organisation.
    """
    if consultation.organisation_id != dossier.organisation_id:
        raise DomainError(_("This consultation belongs to another organisation."))
    if consultation.status == ConsultationStatus.DRAFT:
        raise DomainError(_("A draft consultation has no results to link."))
    if consultation not in dossier.consultations:
        link_consultation(dossier, consultation, actor)
    holding.settle(consultation)  # a closed consultation's held responses count in full
    results = consultation_results(consultation)
    themes.annotate(results)  # the board's themes and marked quotes, as they are now
    figures = {
        **results.as_dict(),
        "representation": as_figures(respondent_composition(consultation)),
    }
    snapshot = EvidenceSnapshot(
        organisation_id=dossier.organisation_id,
        dossier=dossier,
        consultation_id=consultation.id,
        taken_at=results.computed_at,
        respondents=results.respondents,
        invited=results.invited,
        response_rate=results.response_rate,
        figures=figures,
        content_hash=content_hash(figures),
    )
    db.session.add(snapshot)
    db.session.flush()
    record_event(dossier, "evidence", actor, title=consultation.title, hash=snapshot.content_hash)
    current_app.logger.info("%s added by %s", snapshot, actor)
    return snapshot
