"""Dossier rules: numbering, the advice term, and freezing results as evidence."""

import hashlib
import json
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.core.errors import DomainError
from consult.dossiers.models import AdviceKind, AdviceRight, Dossier, EvidenceSnapshot
from consult.extensions import db
from consult.results.queries import consultation_results
from consult.surveys.models import ConsultationStatus
from consult.surveys.services import today


def dossiers_of(organisation) -> list[Dossier]:
    return db.session.scalars(
        select(Dossier)
        .where(Dossier.organisation_id == organisation.id)
        .order_by(Dossier.code.desc())
    ).all()


def next_code(organisation, year: int) -> str:
    """The next free code of the year for the organisation: K26-001, K26-002, ..."""
    prefix = f"K{year % 100:02d}-"
    codes = db.session.scalars(
        select(Dossier.code).where(
            Dossier.organisation_id == organisation.id, Dossier.code.startswith(prefix)
        )
    ).all()
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def advice_due(requested_on: date | None, right: AdviceRight) -> date | None:
    """The request date plus the advice term; no term for the information right."""
    if requested_on is None or right == AdviceRight.INFORMATION:
        return None
    return requested_on + current_app.config["ADVICE_TERM"]


def create_dossier(
    organisation, title, kind: AdviceKind, right: AdviceRight, requested_on, actor=None
) -> Dossier:
    """A new dossier with the next code of the request's year.

    :raises DomainError: when requested advice has no request date.
    """
    if kind == AdviceKind.REQUESTED and requested_on is None:
        raise DomainError(_("Enter the date of the landlord's request."))
    year = (requested_on or today()).year
    for _attempt in range(3):  # two board members saving at once get different codes
        dossier = Dossier(
            organisation_id=organisation.id,
            code=next_code(organisation, year),
            title=title.strip(),
            kind=kind,
            right=right,
            requested_on=requested_on,
            advice_due_on=advice_due(requested_on, right),
        )
        try:
            with db.session.begin_nested():
                db.session.add(dossier)
        except IntegrityError:
            continue
        current_app.logger.info("%s added by %s", dossier, actor)
        return dossier
    raise DomainError(_("Please try again."))


def content_hash(figures: dict) -> str:
    """SHA-256 of the canonical JSON form of the figures."""
    canonical = json.dumps(figures, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def link_consultation(dossier: Dossier, consultation, actor=None) -> EvidenceSnapshot:
    """Freeze the consultation's results as they are now and attach them to the dossier.

    :raises DomainError: when the consultation is a draft or of another organisation.
    """
    if consultation.organisation_id != dossier.organisation_id:
        raise DomainError(_("This consultation belongs to another organisation."))
    if consultation.status == ConsultationStatus.DRAFT:
        raise DomainError(_("A draft consultation has no results to link."))
    results = consultation_results(consultation)
    figures = results.as_dict()
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
    current_app.logger.info("%s added by %s", snapshot, actor)
    return snapshot
