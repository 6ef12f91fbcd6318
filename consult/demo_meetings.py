"""Demo content of the organisation's rhythm: a year of meetings with decisions and action
points, a working group with its SMART plan, year themes, the published annual report of last
year, and a coming meeting with its agenda open."""

from datetime import date, datetime, timedelta

from sqlalchemy import select

from consult.annual import services as annual
from consult.core import clock
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.meetings import minutes
from consult.meetings import services as meetings
from consult.meetings.models.meetings import MeetingKind, MeetingState
from consult.themes import services as themes
from consult.workgroups import services as workgroups
from consult.workgroups.models import GoalState

#: Last year's meetings: (month, day, kind, title, the decision taken).
LAST_YEAR = [
    (
        2,
        12,
        MeetingKind.LANDLORD,
        "Overleg met de verhuurder, februari",
        "Advies huurverhoging voorbereiden",
    ),
    (
        4,
        20,
        MeetingKind.MEMBERS,
        "Ledenvergadering voorjaar",
        "Jaarverslag en jaarrekening vastgesteld",
    ),
    (
        6,
        10,
        MeetingKind.LANDLORD,
        "Overleg met de verhuurder, juni",
        "Werkgroep Duurzaamheid opgericht",
    ),
    (
        10,
        7,
        MeetingKind.LANDLORD,
        "Overleg met de verhuurder, oktober",
        "Servicekosten in de volgende ronde",
    ),
]


def seed_rhythm(organisation, accounts) -> None:
    """The demo's meetings, working group, themes and annual report (see the module)."""
    today = clock.today()
    board, landlord = accounts["board"], accounts["landlord"]
    dossier = db.session.scalars(
        select(Dossier).where(Dossier.organisation_id == organisation.id).order_by(Dossier.id)
    ).first()
    held = [_held(organisation, today.year - 1, row, board, landlord, dossier) for row in LAST_YEAR]
    for earlier, later in zip(held, held[1:], strict=False):
        minutes.approve_minutes(earlier, later)
    group = _working_group(organisation, board, dossier, today)
    theme = themes.add_theme(
        organisation, today.year - 1, "Betaalbaar wonen", "Huren en servicekosten betaalbaar houden"
    )
    themes.carry(theme, "working_group", group)
    if dossier is not None:
        themes.carry(theme, "dossier", dossier)
    report = annual.draft(organisation, today.year - 1)
    annual.write(
        report,
        "Een jaar waarin we vier keer met de verhuurder overlegden en een werkgroep begonnen.",
        "Komend jaar: de servicekosten en de verduurzaming van de Rivierbuurt.",
    )
    annual.publish(report)
    _coming(organisation, board, landlord, dossier, today)


def _held(organisation, year, row, board, landlord, dossier):
    month, day, kind, title, decision = row
    details = meetings.MeetingDetails(
        kind,
        title,
        datetime(year, month, day, 19, 30),
        place="Buurthuis De Linde",
        users=[board, landlord] if kind == MeetingKind.LANDLORD else [board],
    )
    meeting = meetings.plan_meeting(organisation, details)
    item = meetings.add_item(
        meeting, meetings.ItemDetails("Voortgang dossiers", dossier=dossier), board
    )
    meetings.move(meeting, MeetingState.FIXED)
    meetings.move(meeting, MeetingState.HELD)
    minutes.write_minutes(item, "Besproken met de aanwezigen.")
    minutes.add_decision(item, decision, board)
    action = minutes.add_action(item, "Verslag rondsturen", board, due_on=date(year, month, 28))
    minutes.complete_action(action)
    return meeting


def _working_group(organisation, board, dossier, today):
    group = workgroups.save_group(
        organisation,
        workgroups.GroupDetails(
            "Werkgroep Duurzaamheid",
            theme="Verduurzaming",
            landlord_contact="Afdeling Vastgoed",
            mandate="Bereidt het advies over verduurzaming voor; beslist niet zelf.",
            members=[board],
            dossiers=[dossier] if dossier else [],
        ),
    )
    met = workgroups.add_goal(
        group,
        workgroups.GoalDetails(
            "Bewonersavond over isolatie",
            "Avond gehouden met 20 bewoners",
            "Werkgroep",
            date(today.year - 1, 9, 30),
        ),
    )
    workgroups.set_goal_state(met, GoalState.MET)
    workgroups.add_goal(
        group,
        workgroups.GoalDetails(
            "Conceptadvies verduurzaming",
            "Advies naar het bestuur",
            "Werkgroep",
            today + timedelta(days=60),
        ),
    )
    workgroups.write_note(
        group, today.year - 1, 4, "Bewonersavond gehouden; advies in voorbereiding."
    )
    return group


def _coming(organisation, board, landlord, dossier, today):
    details = meetings.MeetingDetails(
        MeetingKind.LANDLORD,
        "Overleg met de verhuurder, voorjaar",
        datetime.combine(today + timedelta(days=70), datetime.min.time()).replace(
            hour=19, minute=30
        ),
        place="Buurthuis De Linde",
        users=[board, landlord],
    )
    meeting = meetings.plan_meeting(organisation, details)
    meetings.add_item(
        meeting, meetings.ItemDetails("Jaarplan onderhoud", dossier=dossier), landlord
    )
    meetings.add_item(meeting, meetings.ItemDetails("Voortgang werkgroep Duurzaamheid"), board)
