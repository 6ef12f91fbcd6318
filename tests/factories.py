"""Factories for test data, built through the services so the rules apply."""

from datetime import datetime, time, timedelta
from itertools import count

from consult.accounts.services import create_user
from consult.agreements.models import AdviceRight
from consult.core import clock
from consult.core.policy import Role
from consult.core.tokens import derive_token
from consult.dossiers import services as dossiers
from consult.dossiers.models import AdviceKind
from consult.extensions import db
from consult.invitations import inviting, links
from consult.invitations.models import Invitation
from consult.membership import services as membership
from consult.organisations.services import find_or_create_organisation, grant_role
from consult.panel import services as panel
from consult.planning import services as planning
from consult.surveys import builder
from consult.surveys import services as surveys
from consult.surveys.models.questions import QuestionKind

PASSWORD = "correct horse battery"
_sequence = count(1)


def organisation(name=None):
    return find_or_create_organisation(name or f"Huurdersvereniging {next(_sequence)}")


def user(org, role=Role.BOARD, email=None):
    account = create_user(email or f"user{next(_sequence)}@example.org", PASSWORD)
    grant_role(account, org, role)
    return account


def dimensions(org):
    """The usual two: Wijk (Noord, Zuid) and Leeftijd (jong, oud)."""
    return (
        panel.define_dimension(org, "Wijk", ["Noord", "Zuid"]),
        panel.define_dimension(org, "Leeftijd", ["jong", "oud"]),
    )


def member(org, email=None, values=(), name=None, basis_note="members' meeting decision"):
    """An active member (added on a recorded basis); basis_note=None: invited to join."""
    return membership.add_member(
        org,
        email or f"tenant{next(_sequence)}@example.org",
        name,
        [v.id for v in values],
        basis_note=basis_note,
    )


def consultation(org, *, publish=True, opens_in_days=-1, closes_in_days=14, title="Servicekosten"):
    """A consultation with one question of each kind: choice, agree scale, open text."""
    today = clock.today()
    survey = surveys.create_consultation(
        org,
        title,
        "Wat vindt u?",
        today + timedelta(days=opens_in_days),
        today + timedelta(days=closes_in_days),
    )
    builder.add_question(
        survey,
        QuestionKind.SINGLE_CHOICE,
        "Welke post is belangrijk?",
        options=["Schoonmaak", "Groen", "Verlichting"],
    )
    builder.add_question(survey, QuestionKind.AGREE_SCALE, "De afrekening is duidelijk.")
    builder.add_question(survey, QuestionKind.OPEN_TEXT, "Opmerkingen?", required=False)
    if publish:
        survey.publish()
    db.session.flush()
    return survey


def questionnaire(org, *, publish=True):
    """An open consultation with every kind of question over three pages and a condition.

    Page 1: yes/no "Heeft u een balkon?", information, single choice with "other".
    Page 2 (shown only when the balcony answer is yes): agree-scale matrix about the balcony.
    Page 3: multiple choice (at most 2), rating with NPS, number 0-12, ranking of the top 2,
    agree scale, short text, and an optional long text.
    Returns the consultation; its questions are in ``survey.questions`` in that order.
    """
    today = clock.today()
    survey = surveys.create_consultation(
        org, "Woonplezier", "Hoe woont u?", today - timedelta(days=1), today + timedelta(days=14)
    )
    add = builder.add_question
    balcony = add(survey, QuestionKind.YES_NO, "Heeft u een balkon?")
    add(survey, QuestionKind.INFORMATION, "Nu volgen vragen over uw woning.")
    add(
        survey,
        QuestionKind.SINGLE_CHOICE,
        "Hoe verwarmt u uw woning?",
        options=["Cv-ketel", "Stadsverwarming", "Warmtepomp"],
        allows_other=True,
    )
    matrix = add(
        survey,
        QuestionKind.MATRIX,
        "Wat vindt u van uw balkon?",
        options=["Het balkon is groot genoeg.", "Het balkon is veilig."],
        new_page=True,
    )
    builder.set_condition(matrix, balcony, "equals", [1])
    add(
        survey,
        QuestionKind.MULTIPLE_CHOICE,
        "Wat moet beter?",
        options=["Isolatie", "Ventilatie", "Geluid", "Tuin"],
        max_choices=2,
        new_page=True,
    )
    add(survey, QuestionKind.RATING, "Welk cijfer geeft u uw woning?", shows_nps=True)
    add(survey, QuestionKind.NUMBER, "Hoeveel personen wonen er?", min_value=0, max_value=12)
    add(
        survey,
        QuestionKind.RANKING,
        "Wat is het belangrijkst?",
        options=["Huurprijs", "Onderhoud", "Buurt"],
        max_choices=2,
    )
    add(survey, QuestionKind.AGREE_SCALE, "Ik woon hier graag.")
    add(survey, QuestionKind.SHORT_TEXT, "In welke straat woont u?")
    add(survey, QuestionKind.OPEN_TEXT, "Nog iets?", required=False)
    if publish:
        survey.publish()
    db.session.flush()
    return survey


def invite(survey) -> dict[str, Invitation]:
    """Invite the panel; returns the working link token of each invitation by member e-mail."""
    inviting.invite_panel(survey)
    return {
        inv.member.email: derive_token(links.PURPOSE, inv.token_salt)
        for inv in db.session.query(Invitation).filter_by(consultation_id=survey.id)
    }


def answers(survey, option_index=0, scale=4, text="Prima"):
    """A complete answer set for the factory consultation, as question id -> value."""
    choice, scale_question, open_question = surveys.questions_with_options(survey)
    return {
        choice.id: {"options": [choice.options[option_index].id]},
        scale_question.id: {"number": scale},
        open_question.id: {"text": text},
    }


def form_data(answers: dict[int, dict]) -> dict[str, str]:
    """The answer page's form fields for simple answers (one pick, a number or a text)."""
    data = {}
    for question_id, value in answers.items():
        picked = value.get("options") or [value.get("number", value.get("text"))]
        data[f"q{question_id}"] = str(picked[0])
    return data


def dossier(org, title="Servicekostenbeleid", requested_on=None, **details):
    """A requested-advice dossier; ``details`` as DossierDetails takes them."""
    details = {"kind": AdviceKind.REQUESTED, "right": AdviceRight.ADVICE, **details}
    requested_on = requested_on or clock.today() - timedelta(days=3)
    return dossiers.create_dossier(
        org, dossiers.DossierDetails(title, requested_on=requested_on, **details)
    )


def plan_item(org, title="Huurbeleid", year=2026, month=3, quarter=None, **details):
    """An own theme in the participatiekalender; ``details`` as PlanDetails takes them."""
    return planning.add_item(
        org, planning.PlanDetails(year, month=month, quarter=quarter, theme=title, **details)
    )


def koepel_member(koepel, member, recognised=True):
    """``member`` in the koepel, invited and accepted."""
    from consult.koepel import services as koepels

    koepels.invite_member(koepel, member.slug, recognised)
    [invitation] = [i for i in koepels.invitations_for(member) if i.koepel_id == koepel.id]
    koepels.answer_invitation(member, invitation.id, accept=True)
    return invitation


def panel_import(org, text="E-mail;Naam\nhuurder@example.org;Huurder\n", mapping=None, basis=None):
    """A pending upload of a member list given as CSV text, its columns chosen if ``mapping``."""
    from consult.imports import services as imports

    upload = imports.upload(org, "huurders.csv", text.encode(), basis_note=basis)
    upload.mapping = mapping
    db.session.flush()
    return upload


def meeting(org, title="Voorjaarsoverleg", days_ahead=70, kind="central", **details):
    """A planned meeting ``days_ahead`` from today at 19:30; ``details`` as MeetingDetails."""
    from datetime import datetime, time

    from consult.meetings import services as meetings
    from consult.meetings.models.meetings import MeetingKind

    starts_at = datetime.combine(clock.today() + timedelta(days=days_ahead), time(19, 30))
    return meetings.plan_meeting(
        org, meetings.MeetingDetails(MeetingKind(kind), title, starts_at, **details)
    )


def meting(org, addresses=10, secret=False, title="Renovatie Vogelbuurt"):
    """An open draagvlakmeting with ``addresses`` addresses concerned, each with an e-mail
    address; returns it with the one-time token of every address, in order."""
    from consult.draagvlak import services as draagvlak

    today = clock.today()
    meting = draagvlak.create_meting(
        org, title, "Gaat u akkoord met het voorstel?", today - timedelta(days=1),
        today + timedelta(days=14), secret,
    )
    rows = "".join(f"Vogelstraat {n};huurder{n}@example.org\n" for n in range(1, addresses + 1))
    draagvlak.add_addresses(meting, f"Adres;E-mail\n{rows}".encode(), "adressen.csv")
    return meting, [draagvlak.link_of(a) for a in sorted(meting.addresses, key=lambda a: a.id)]


def event(org, sessions=((1, "Wonen en zorg", 2), (1, "Duurzaamheid", 2)), starts_in_days=14):
    """An event of the organisation on a day from now, 10:00–16:00 in a community centre."""
    from consult.events import services as events

    day = clock.today() + timedelta(days=starts_in_days)
    details = {
        "title": "Participatielab",
        "starts_at": datetime.combine(day, time(10)),
        "ends_at": datetime.combine(day, time(16)),
        "place": "Buurthuis De Kern, Arnhem",
    }
    prices = [("Huurder", 5000), ("Bestuurder", 8500), ("Professional", 10000)]
    return events.create_event(org, details, list(sessions), prices)


def sign_up(event, email=None, name="Ans", choices=None):
    """Someone signing up for the first session of every round (or the ``choices``)."""
    from consult.events import places

    details = {"name": name, "email": email or f"deelnemer{next(_sequence)}@example.org"}
    chosen = choices or {group[0].round: group[0] for group in event.rounds}
    return places.sign_up(event, details, chosen)


def election(org, candidates=("Ans", "Bram", "Cor"), seats=2, members=4, quorum=None,
             opens_in_days=-1):
    """An election of ``seats`` seats with ``candidates`` and ``members`` new active panel
    members as its electorate, open since yesterday (or ``opens_in_days`` from today);
    returns it with the one-time token of every voter, in order."""
    from consult.elections import services as elections
    from consult.elections.models import Voter

    today = clock.today()
    for _n in range(members):
        member(org)
    found = elections.create_election(
        org, "Bestuursverkiezing", seats, today + timedelta(days=1), today + timedelta(days=14),
        quorum, False,
    )
    for name in candidates:
        elections.add_candidate(found, name, f"{name} wil het bestuur versterken.")
    elections.draw_up_electorate(found)
    found.opens_on = today + timedelta(days=opens_in_days)
    voters = db.session.scalars(
        db.select(Voter).where(Voter.election_id == found.id).order_by(Voter.id)
    )
    return found, [elections.token_of(v) for v in voters]
