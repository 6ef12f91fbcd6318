"""The figures of an annual report, drafted from what Consult holds for one year: the panel,
consultations with their response and the dossiers their results were used in, dossiers by
right, the landlord's answer to the advice, the consent decisions and the replies on time,
meetings held and their decisions, working-group goals, year themes, and the
participatiekalender planned against done. Counted by the database; plain JSON out.

Small-group rule: a consultation with fewer responses than MIN_GROUP_SIZE shows no response
count, only that it had fewer.
"""

from datetime import date, datetime

from flask import current_app
from sqlalchemy import and_, case, func, select

from consult.dossiers.consent.models import ConsentDecision
from consult.dossiers.deadlines.services import REASONS_TERM
from consult.dossiers.models import FINISHED_PHASES, Dossier, EvidenceSnapshot, FeedbackVisibility
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.meetings.models.agenda import AgendaItem, Decision
from consult.meetings.models.meetings import Meeting, MeetingState
from consult.panel.services import active_member_count
from consult.panel.statistics import representativeness_over_time
from consult.planning.models import PlanItem
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Response
from consult.themes.models import YearTheme
from consult.workgroups.models import Goal, GoalState, WorkingGroup


def _in_year(column, year: int):
    return column.between(date(year, 1, 1), date(year, 12, 31))


def consultations(organisation, year: int) -> list[dict]:
    """Each consultation that opened in the year: invited and responses (or "fewer than")."""
    invited = (
        select(func.count(Invitation.id))
        .where(Invitation.consultation_id == Consultation.id)
        .scalar_subquery()
    )
    responses = (
        select(func.count(Response.id))
        .where(Response.consultation_id == Consultation.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Consultation.id, Consultation.title, invited, responses)
        .where(
            Consultation.organisation_id == organisation.id, _in_year(Consultation.opens_on, year)
        )
        .order_by(Consultation.opens_on, Consultation.id)
    ).all()
    used = used_in([row.id for row in rows])
    minimum = current_app.config["MIN_GROUP_SIZE"]
    return [
        {
            "title": title,
            "invited": invited,
            "responses": count if count >= minimum else None,
            "fewer_than": None if count >= minimum else minimum,
            "used_in": used.get(consultation_id, []),
        }
        for consultation_id, title, invited, count in rows
    ]


def used_in(consultation_ids: list[int]) -> dict[int, list[dict]]:
    """Per consultation, the dossiers its frozen evidence is linked to, each once, with the
    outcome: the consent decision on a consent dossier, else the landlord's answer to the
    advice (None while there is none). A dossier's title only where its feedback is public;
    the report is public, the other dossiers show their code."""
    outcome = func.coalesce(ConsentDecision.decision, Dossier.reply_outcome)
    public = case(
        (Dossier.feedback_visibility == str(FeedbackVisibility.PUBLIC), Dossier.title), else_=""
    )
    rows = db.session.execute(
        select(EvidenceSnapshot.consultation_id, Dossier.code, public, outcome)
        .join(Dossier, Dossier.id == EvidenceSnapshot.dossier_id)
        .join(ConsentDecision, ConsentDecision.dossier_id == Dossier.id, isouter=True)
        .where(EvidenceSnapshot.consultation_id.in_(consultation_ids))
        .distinct()
        .order_by(EvidenceSnapshot.consultation_id, Dossier.code)
    )
    found: dict[int, list[dict]] = {}
    for consultation_id, code, title, result in rows:
        found.setdefault(consultation_id, []).append(
            {"code": code, "title": title, "outcome": result}
        )
    return found


def dossiers(organisation, year: int) -> dict:
    """Dossiers opened in the year, by right, by the landlord's answer to the advice and by
    the consent decision (given, under conditions, withheld), and the replies
    that came in time (within the 14 days of Wohv art. 5) or late."""
    opened = and_(
        Dossier.organisation_id == organisation.id,
        _in_year(func.coalesce(Dossier.requested_on, func.date(Dossier.created_at)), year),
    )
    by_right = dict(
        db.session.execute(
            select(Dossier.right, func.count()).where(opened).group_by(Dossier.right)
        ).all()
    )
    by_outcome = dict(
        db.session.execute(
            select(Dossier.reply_outcome, func.count())
            .where(opened, Dossier.reply_outcome.is_not(None))
            .group_by(Dossier.reply_outcome)
        ).all()
    )
    consent = dict(
        db.session.execute(
            select(ConsentDecision.decision, func.count())
            .join(Dossier, Dossier.id == ConsentDecision.dossier_id)
            .where(opened)
            .group_by(ConsentDecision.decision)
        ).all()
    )
    replies = db.session.execute(
        select(Dossier.advice_given_on, Dossier.reply_received_on).where(
            opened, Dossier.reply_received_on.is_not(None), Dossier.advice_given_on.is_not(None)
        )
    ).all()
    on_time = sum(received <= given + REASONS_TERM for given, received in replies)
    return {
        "opened": sum(by_right.values()),
        "by_right": by_right,
        "by_outcome": by_outcome,
        "consent": consent,
        "replies_on_time": on_time,
        "replies_late": len(replies) - on_time,
    }


def meetings(organisation, year: int) -> dict:
    """Meetings held in the year by kind, and the decisions taken in them."""
    held = and_(
        Meeting.organisation_id == organisation.id,
        Meeting.state.in_([str(MeetingState.HELD), str(MeetingState.APPROVED)]),
        Meeting.starts_at >= datetime(year, 1, 1),
        Meeting.starts_at < datetime(year + 1, 1, 1),
    )
    by_kind = dict(
        db.session.execute(
            select(Meeting.kind, func.count()).where(held).group_by(Meeting.kind)
        ).all()
    )
    decisions = db.session.scalar(
        select(func.count(Decision.id))
        .join(AgendaItem, AgendaItem.id == Decision.item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(held)
    )
    return {"held": sum(by_kind.values()), "by_kind": by_kind, "decisions": decisions}


def working_groups(organisation, year: int) -> list[dict]:
    """Per working group, its goals due in the year and how many were met."""
    rows = db.session.execute(
        select(
            WorkingGroup.name,
            func.count(Goal.id),
            func.count(case((Goal.state == str(GoalState.MET), Goal.id))),
        )
        .join(
            Goal, and_(Goal.group_id == WorkingGroup.id, _in_year(Goal.due_on, year)), isouter=True
        )
        .where(WorkingGroup.organisation_id == organisation.id)
        .group_by(WorkingGroup.id, WorkingGroup.name)
        .order_by(WorkingGroup.name)
    )
    return [{"name": name, "goals": goals, "met": met} for name, goals, met in rows]


def plan(organisation, year: int) -> dict:
    """The participatiekalender of the year: items planned, started and done."""
    finished = [str(phase) for phase in FINISHED_PHASES]
    row = db.session.execute(
        select(
            func.count(PlanItem.id),
            func.count(case((Dossier.phase.in_(finished), PlanItem.id))),
            func.count(
                case(
                    (
                        and_(
                            func.coalesce(Dossier.phase, "").not_in(finished),
                            (PlanItem.dossier_id.is_not(None))
                            | (PlanItem.consultation_id.is_not(None)),
                        ),
                        PlanItem.id,
                    )
                )
            ),
        )
        .join(Dossier, Dossier.id == PlanItem.dossier_id, isouter=True)
        .where(PlanItem.organisation_id == organisation.id, PlanItem.year == year)
    ).one()
    return {"planned": row[0], "done": row[1], "started": row[2]}


def themes(organisation, year: int) -> list[str]:
    return list(
        db.session.scalars(
            select(YearTheme.title)
            .where(YearTheme.organisation_id == organisation.id, YearTheme.year == year)
            .order_by(YearTheme.title)
        )
    )


def representativeness(organisation, year: int) -> dict[str, list]:
    """Per dimension, how well the panel mirrored the tenants (0-100) at the end of the
    year's first month and at the end of the year; None without population figures."""
    months = representativeness_over_time(organisation, date(year, 12, 31), months=12)
    first, last = months[0].figures, months[-1].figures
    return {name: [first.get(name), last.get(name)] for name in last}


def draft_figures(organisation, year: int) -> dict:
    """Every figure of the annual report of ``year``, as plain JSON."""
    return {
        "year": year,
        "panel_members": active_member_count(organisation),
        "representativeness": representativeness(organisation, year),
        "consultations": consultations(organisation, year),
        "dossiers": dossiers(organisation, year),
        "meetings": meetings(organisation, year),
        "working_groups": working_groups(organisation, year),
        "themes": themes(organisation, year),
        "plan": plan(organisation, year),
    }
