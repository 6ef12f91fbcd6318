"""Consent rules: the decision with its reasons and date, the landlord's response, the
koepel's two thirds, and what members read about it.

The law sets no term for the decision (Wohv art. 5a); the dossier's term is the one the
agreement sets (``agreements.term_for``), or none.
"""

from datetime import date

from flask import current_app
from flask_babel import gettext as _

from consult.core.errors import DomainError
from consult.dossiers.consent.models import ConsentDecision, Decision
from consult.dossiers.models import TRANSITIONS, Dossier, Phase
from consult.dossiers.services import checked_day, record_event
from consult.extensions import db
from consult.koepel.services import consent_count


def _step(dossier: Dossier, phase: Phase, on: date, actor) -> None:
    """Take the consent dossier to ``phase`` on the day it happened.

    :raises DomainError: for a step the state machine does not allow.
    """
    if phase not in TRANSITIONS[Phase(dossier.phase)]:
        raise DomainError(
            _(
                "A dossier cannot go from “%(current)s” to “%(next)s”.",
                current=dossier.phase_label,
                next=dossier.phase_labels[phase],
            )
        )
    previous, dossier.phase = dossier.phase, phase
    record_event(dossier, "phase", actor, previous=previous, phase=phase, on=on.isoformat())


def _check_joint(dossier: Dossier, decision: Decision) -> None:
    """A koepel consents only with two thirds of its recognised member organisations, and
    withholds consent only once that can no longer be reached.

    :raises DomainError: when the positions do not allow the decision (yet).
    """
    count = consent_count(dossier)
    wanted = "not_reached" if decision == Decision.WITHHELD else "reached"
    if count.outcome != wanted:
        raise DomainError(
            _(
                "The positions of the member organisations do not allow this decision: "
                "consent needs %(needed)d of %(recognised)d recognised organisations, and "
                "%(agree)d agree.",
                needed=count.needed,
                recognised=count.recognised,
                agree=count.agree,
            )
        )


def decide(
    dossier: Dossier,
    decision: Decision,
    reasons: str,
    conditions: str,
    decided_on: date | None,
    actor=None,
) -> ConsentDecision:
    """Record the organisation's decision on the request for consent; it goes out in the
    consent letter dated ``decided_on``.

    :raises DomainError: for a dossier not on consent or not ready for its decision, without
        reasons (consent under conditions or withheld) or conditions (under conditions), a
        day in the future or before the request, or a koepel without two thirds.
    """
    if not dossier.is_consent:
        raise DomainError(_("This dossier is not about consent."))
    reasons, conditions = reasons.strip(), conditions.strip()
    if decision != Decision.GIVEN and not reasons:
        raise DomainError(_("Give the reasons for this decision."))
    if decision == Decision.CONDITIONAL and not conditions:
        raise DomainError(_("Write the conditions of your consent."))
    day = checked_day(decided_on, dossier.requested_on)
    if dossier.joint:
        _check_joint(dossier, decision)
    _step(dossier, Phase.ADVISED, day, actor)
    dossier.advice_given_on = day
    taken = ConsentDecision(
        organisation_id=dossier.organisation_id,
        dossier=dossier,
        decision=decision,
        reasons=reasons,
        conditions="" if decision == Decision.GIVEN else conditions,
        decided_on=day,
    )
    db.session.add(taken)
    current_app.logger.info("%s added by %s", taken, actor)
    return taken


def record_response(dossier: Dossier, response: str, received_on: date | None, actor=None):
    """The landlord's response to the decision, with the day it came in.

    :raises DomainError: before the decision, without the response's words, or for a day in
        the future or before the decision.
    """
    taken = dossier.consent_decision
    if taken is None or dossier.phase != Phase.ADVISED:
        raise DomainError(_("The landlord's response can be entered once the decision is taken."))
    if not response.strip():
        raise DomainError(_("Write what the landlord answered."))
    day = checked_day(received_on, taken.decided_on)
    _step(dossier, Phase.LANDLORD_REPLY, day, actor)
    taken.response, taken.response_received_on = response.strip(), day
    dossier.reply_received_on = day


def told_to_members(dossier: Dossier) -> str:
    """The decision in one sentence for members: "Wij hebben ingestemd onder voorwaarden: ...";
    empty before the decision."""
    taken = dossier.consent_decision
    if taken is None:
        return ""
    if taken.decision == Decision.CONDITIONAL:
        return _("We consented under conditions: %(conditions)s", conditions=taken.conditions)
    if taken.decision == Decision.GIVEN:
        return _("We gave our consent.")
    return _("We withheld our consent.")
