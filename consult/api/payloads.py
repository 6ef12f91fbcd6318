"""What each API endpoint returns, as plain data: figures only, never a person.

Results carry the same small-group protection as the results page (consultation_results and
frozen_results leave out what fewer than MIN_GROUP_SIZE people answered). Nothing here names a
member or a board member: no e-mail addresses, names, timeline or documents. Codes (phase,
right, state) are stable; the ``*_label`` beside them follow Accept-Language.
"""

from dataclasses import asdict

from sqlalchemy import func, select

from consult.core.clock import today
from consult.dossiers.deadlines.services import DEADLINE_LABELS, deadlines_of
from consult.dossiers.models import Dossier, EvidenceSnapshot
from consult.dossiers.services import dossiers_of
from consult.extensions import db
from consult.invitations.queries import response_by_consultation
from consult.panel.services import active_member_count
from consult.panel.statistics import composition
from consult.results import themes
from consult.results.figures import frozen_results
from consult.results.queries import consultation_results
from consult.results.respondents import as_figures, respondent_composition
from consult.surveys.models.consultations import STATE_LABELS, Consultation, ConsultationStatus
from consult.surveys.models.responses import Response


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _moment(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _published(organisation) -> list:
    """Consultations other than drafts: a draft is the board's own work in progress."""
    return [
        Consultation.organisation_id == organisation.id,
        Consultation.status != ConsultationStatus.DRAFT,
    ]


def _respondents_per_consultation(organisation) -> dict[int, int]:
    rows = db.session.execute(
        select(Response.consultation_id, func.count(Response.id))
        .where(Response.organisation_id == organisation.id)
        .group_by(Response.consultation_id)
    )
    return dict(rows.all())


def organisation_payload(organisation) -> dict:
    """Name, slug and how much there is."""
    dossiers = db.session.scalar(
        select(func.count(Dossier.id)).where(Dossier.organisation_id == organisation.id)
    )
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "active_members": active_member_count(organisation),
        "consultations": db.session.scalar(
            select(func.count(Consultation.id)).where(*_published(organisation))
        ),
        "dossiers": dossiers,
    }


def _consultation(consultation, respondents: int, funnel) -> dict:
    state = consultation.state_on(today())
    return {
        "id": consultation.id,
        "title": consultation.title,
        "state": str(state),
        "state_label": str(STATE_LABELS[state]),
        "opens_on": _day(consultation.opens_on),
        "closes_on": _day(consultation.closes_on),
        "respondents": respondents,
        "invited": funnel.invited if funnel else 0,
        "response_rate": funnel.response_rate if funnel else None,
    }


def consultations_payload(organisation) -> dict:
    """Every consultation but drafts, newest first, with respondents and response rate."""
    respondents = _respondents_per_consultation(organisation)
    funnels = response_by_consultation(organisation)
    consultations = db.session.scalars(
        select(Consultation)
        .where(*_published(organisation))
        .order_by(Consultation.opens_on.desc(), Consultation.id.desc())
    )
    return {
        "consultations": [
            _consultation(c, respondents.get(c.id, 0), funnels.get(c.id)) for c in consultations
        ]
    }


def results_payload(consultation) -> dict:
    """The results page's figures, small groups left out, and who answered per segment."""
    state = consultation.state_on(today())
    results = consultation_results(consultation)
    themes.annotate(results)
    return {
        **results.as_dict(),
        "state": str(state),
        "state_label": str(STATE_LABELS[state]),
        "respondent_composition": as_figures(respondent_composition(consultation)),
    }


def panel_payload(organisation) -> dict:
    """Active members, and per segment dimension the panel against the tenants."""
    return {
        "active_members": active_member_count(organisation),
        "dimensions": [
            {
                "name": dimension.name,
                "unknown": dimension.unknown,
                "representativeness": dimension.representativeness,
                "groups": [{**asdict(g), "verdict": g.verdict} for g in dimension.groups],
            }
            for dimension in composition(organisation)
        ],
    }


def _deadline(deadline) -> dict:
    return {
        "kind": deadline.kind,
        "label": str(DEADLINE_LABELS[deadline.kind]),
        "due_on": _day(deadline.due_on),
        "moved_from": _day(deadline.moved_from),
        "done": deadline.done,
    }


def dossier_summary(dossier: Dossier) -> dict:
    """The dossier's facts and dates; not its contact at the landlord, people or timeline."""
    return {
        "id": dossier.id,
        "code": dossier.code,
        "title": dossier.title,
        "phase": dossier.phase,
        "phase_label": str(dossier.phase_label),
        "right": dossier.right,
        "right_label": str(dossier.right_label),
        "kind": dossier.kind,
        "kind_label": str(dossier.kind_label),
        "description": dossier.description,
        "opened_at": _moment(dossier.created_at),
        "requested_on": _day(dossier.requested_on),
        "advice_due_on": _day(dossier.advice_due_on),
        "advice_given_on": _day(dossier.advice_given_on),
        "reply_received_on": _day(dossier.reply_received_on),
        "reply_outcome": dossier.reply_outcome,
        "deadlines": [_deadline(deadline) for deadline in deadlines_of(dossier)],
    }


def dossiers_payload(organisation) -> dict:
    """Every dossier of the organisation, the newest code first."""
    return {"dossiers": [dossier_summary(dossier) for dossier in dossiers_of(organisation)]}


def _evidence(snapshot: EvidenceSnapshot) -> dict:
    """A snapshot's figures as frozen, shown with today's small-group rule."""
    return {
        "id": snapshot.id,
        "consultation_id": snapshot.consultation_id,
        "taken_at": _moment(snapshot.taken_at),
        "content_hash": snapshot.content_hash,
        "results": frozen_results(snapshot.figures).as_dict(),
        "respondent_composition": snapshot.figures.get("representation", []),
    }


def _advice_point(point) -> dict:
    return {
        "position": point.position,
        "advice": point.advice,
        "reasoning": point.reasoning,
        "reply_outcome": point.reply_outcome,
        "reply_reasoning": point.reply_reasoning,
    }


def dossier_payload(dossier: Dossier) -> dict:
    """The dossier with its evidence, and its advice points once the advice is given.

    Until then the points are the board's internal work (as on the members' feedback page):
    ``advice_points`` is None.
    """
    return {
        **dossier_summary(dossier),
        "evidence": [_evidence(snapshot) for snapshot in dossier.snapshots],
        "advice_points": [_advice_point(p) for p in dossier.points]
        if dossier.advice_given
        else None,
    }
