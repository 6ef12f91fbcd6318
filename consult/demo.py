"""A realistic demo organisation, built through the same services the app uses."""

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from consult.accounts.services import create_user
from consult.core import clock
from consult.core.clock import utcnow
from consult.core.policy import Role
from consult.demo_agenda import seed_agenda
from consult.demo_dossiers import seed_dossiers
from consult.demo_elections import seed_election
from consult.demo_events import seed_events
from consult.demo_meetings import seed_rhythm
from consult.extensions import db
from consult.invitations import inviting, participation, reminders, submitting
from consult.invitations.models import Invitation
from consult.mail.models import MessageStatus, OutboxMessage
from consult.membership import services as membership
from consult.membership.services import leave, publish_privacy_text
from consult.organisations.models import Organisation
from consult.organisations.services import find_or_create_organisation, grant_role
from consult.panel import services as panel
from consult.panel.segments import set_populations
from consult.surveys import answers, builder, catalog, holding
from consult.surveys import services as surveys
from consult.surveys.models.questions import QuestionKind

DEMO_SLUG = "de-voorbeeld"
DEMO_PASSWORD = "demo-wachtwoord"
DEMO_LOGINS = [
    ("admin@devoorbeeld.nl", DEMO_PASSWORD, "admin"),
    ("bestuur@devoorbeeld.nl", DEMO_PASSWORD, "board"),
    ("lezer@devoorbeeld.nl", DEMO_PASSWORD, "viewer"),
    ("verhuurder@woonstichting.example", DEMO_PASSWORD, "landlord"),
]
PRIVACY_TEXT = """Huurdersvereniging De Voorbeeld bewaart uw e-mailadres, uw naam (als u die geeft)
en uw antwoorden op de vragen over wijk en leeftijd. Daarmee nodigen we u uit voor
raadplegingen en kijken we of het panel alle huurders vertegenwoordigt.
Uw antwoorden op raadplegingen zijn anoniem: ze zijn niet aan u gekoppeld.
We geven uw gegevens aan niemand, ook niet aan de verhuurder.
U kunt zich altijd afmelden en uw gegevens laten wissen via uw eigen pagina.
Vragen? Mail privacy@devoorbeeld.example."""

#: Segment values with the number of tenant households each stands for (the landlord's figures).
DISTRICTS = {"Centrum": 1800, "Noord": 2600, "Oost": 2100, "Zuid": 1500}
AGE_BANDS = {"jonger dan 35": 1900, "35 tot 55": 2700, "55 tot 75": 2300, "75 en ouder": 1100}
FIRST_NAMES = [
    "Anna",
    "Mohamed",
    "Joke",
    "Kees",
    "Fatima",
    "Henk",
    "Sanne",
    "Ahmet",
    "Ria",
    "Jan",
    "Priya",
    "Willem",
    "Esra",
    "Gerrit",
    "Lotte",
    "Yusuf",
    "Marian",
    "Bram",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Yilmaz",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "van Dijk",
]
SERVICE_COST_REMARKS = [
    "De schoonmaak van het trappenhuis is vaak niet gedaan, maar we betalen wel.",
    "Graag een duidelijkere afrekening, ik begrijp de posten niet.",
    "De verlichting in de galerij is al weken kapot.",
    "Prima zo, geen opmerkingen.",
    "Waarom stijgen de kosten voor de glazenwasser elk jaar?",
    "Het groen wordt goed onderhouden, complimenten.",
]
MAINTENANCE_REMARKS = [
    "Reparaties duren veel te lang.",
    "De monteur was vriendelijk en snel.",
    "Ik wacht al drie maanden op een nieuwe keukenkraan.",
    "Graag vooraf een tijdvak doorgeven.",
]


def seed() -> str:
    """Create the demo organisation once; a second call changes nothing."""
    if db.session.scalar(select(Organisation).where(Organisation.slug == DEMO_SLUG)):
        return "The demo organisation already exists."
    rng = random.Random(2026)
    organisation = find_or_create_organisation("Huurdersvereniging De Voorbeeld", DEMO_SLUG)
    accounts = {}
    for email, password, role in DEMO_LOGINS:
        accounts[role] = create_user(email, password, name=email.split("@")[0].title())
        grant_role(accounts[role], organisation, Role(role))
    publish_privacy_text(organisation, PRIVACY_TEXT)
    _seed_panel(organisation, rng)
    service_costs = _seed_service_cost_consultation(organisation, rng)
    maintenance = _seed_maintenance_consultation(organisation, rng)
    seed_dossiers(organisation, accounts["board"], service_costs, maintenance)
    seed_agenda(organisation, accounts["board"])
    seed_rhythm(organisation, accounts)
    seed_election(organisation, rng)
    seed_events(organisation, rng)
    db.session.commit()
    return "Demo organisation 'Huurdersvereniging De Voorbeeld' created."


def _seed_panel(organisation, rng: random.Random) -> None:
    """200 members who joined over the last 15 months; a few have left again."""
    districts = _dimension_with_populations(organisation, "Wijk", DISTRICTS)
    ages = _dimension_with_populations(organisation, "Leeftijd", AGE_BANDS)
    age_weights = [1, 2, 4, 3]  # panels skew older, as in real life
    members = [
        membership.add_member(
            organisation,
            f"huurder{number:03d}@example.nl",
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            [rng.choice(districts.values).id, rng.choices(ages.values, age_weights)[0].id],
            basis_note="aangemeld op de ledenvergadering",
        )
        for number in range(1, 201)
    ]
    now = utcnow()
    for member in members:
        member.joined_at = now - timedelta(days=rng.randint(60, 450))
    for member in rng.sample(members, 9):
        leave(member, actor=None)
        member.left_at = member.joined_at + timedelta(days=rng.randint(20, 50))


def _dimension_with_populations(organisation, name: str, populations: dict[str, int]):
    dimension = panel.define_dimension(organisation, name, list(populations))
    set_populations(dimension, {value.id: populations[value.label] for value in dimension.values})
    return dimension


def _answer_all(consultation, invitation_count: int, rng: random.Random, remarks) -> None:
    """Let ``invitation_count`` invited members answer, with plausible spread."""
    questions = surveys.questions_with_options(consultation)
    chosen = db.session.scalars(
        select(Invitation)
        .where(Invitation.consultation_id == consultation.id)
        .order_by(Invitation.id)
    ).all()
    for invitation in rng.sample(chosen, invitation_count):
        answers = {q.id: _plausible_answer(q, rng, remarks) for q in questions if q.asks_answer}
        submitting.submit(invitation, {key: value for key, value in answers.items() if value})


#: How often each point of the agree scale (1-5) and each rating (0-10) is given.
AGREE_WEIGHTS = [2, 4, 3, 5, 2]
RATING_WEIGHTS = [1, 1, 1, 2, 3, 5, 8, 10, 9, 4, 2]
STREETS = ["Dorpsstraat", "Lindelaan", "Molenweg", "Kerkplein", "Beukenhof"]


def _plausible_answer(question, rng: random.Random, remarks) -> dict | None:
    """A random but realistic answer to any kind of question (hidden ones are dropped)."""
    kind, options = QuestionKind(question.kind), question.options
    if kind == QuestionKind.SINGLE_CHOICE:
        return {"options": [rng.choices(options, [5, 3, 2, 1, 1, 1][: len(options)])[0].id]}
    if kind == QuestionKind.MULTIPLE_CHOICE:
        picks = rng.randint(1, min(question.max_choices or 3, len(options)))
        return {"options": [o.id for o in rng.sample(options, picks)]}
    if kind == QuestionKind.AGREE_SCALE:
        return {"number": rng.choices(range(1, 6), AGREE_WEIGHTS)[0]}
    if kind == QuestionKind.MATRIX:
        return {"matrix": {str(o.id): rng.choices(range(1, 6), AGREE_WEIGHTS)[0] for o in options}}
    if kind == QuestionKind.RATING:
        return {"number": rng.choices(range(11), RATING_WEIGHTS)[0]}
    if kind == QuestionKind.YES_NO:
        return {"number": int(rng.random() < 0.4)}
    if kind == QuestionKind.NUMBER:
        return {"number": rng.randint(question.min_value or 0, min(question.max_value or 6, 6))}
    if kind == QuestionKind.RANKING:
        return {"ranking": [o.id for o in rng.sample(options, answers.places(question))]}
    if kind == QuestionKind.SHORT_TEXT:
        return {"text": rng.choice(STREETS)}
    return {"text": rng.choice(remarks)} if rng.random() < 0.4 else None


def _seed_service_cost_consultation(organisation, rng: random.Random):
    """A closed consultation: opened two months ago, closed a month ago, 120 answers."""
    today = clock.today()
    consultation = surveys.create_consultation(
        organisation,
        "Servicekosten 2026",
        "De verhuurder wil de servicekosten voor 2027 aanpassen. Wat vindt u van de huidige "
        "servicekosten? Het invullen duurt ongeveer 5 minuten.",
        today - timedelta(days=60),
        today,
    )
    builder.add_question(
        consultation,
        QuestionKind.SINGLE_CHOICE,
        "Welke post van de servicekosten vindt u het belangrijkst?",
        options=["Schoonmaak", "Groenonderhoud", "Verlichting", "Glazenwasser"],
    )
    builder.add_question(
        consultation,
        QuestionKind.AGREE_SCALE,
        "De jaarlijkse afrekening van de servicekosten is duidelijk.",
    )
    builder.add_question(
        consultation,
        QuestionKind.AGREE_SCALE,
        "De schoonmaak van de gemeenschappelijke ruimten is het geld waard.",
    )
    builder.add_question(
        consultation,
        QuestionKind.OPEN_TEXT,
        "Wat wilt u de verhuurder meegeven over de servicekosten?",
        required=False,
    )
    consultation.publish()
    inviting.invite_panel(consultation)
    _mark_delivered(consultation)
    _answer_all(consultation, 120, rng, SERVICE_COST_REMARKS)
    # Move the finished consultation into the past, its links opened over its first month.
    # It is anonymous: no day of answering is kept, and what was held back is written now.
    consultation.closes_on = today - timedelta(days=30)
    of_it = Invitation.consultation_id == consultation.id
    used_ids = select(Invitation.id).where(of_it, participation.answered(of_it))
    _spread_over_month(Invitation, ("opened_on",), used_ids, consultation)
    holding.settle(consultation)
    return consultation


def _mark_delivered(consultation) -> None:
    """The demo has no mail server: record its invitations as delivered on the opening day."""
    sent_at = datetime.combine(consultation.opens_on, time(9, 0))
    invitation_ids = db.session.scalars(
        select(Invitation.id).where(Invitation.consultation_id == consultation.id)
    ).all()
    db.session.execute(
        update(Invitation).where(Invitation.id.in_(invitation_ids)).values(sent_at=sent_at)
    )
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.idempotency_key.in_([f"invitation:{i}" for i in invitation_ids]))
        .values(status=MessageStatus.SENT, sent_at=sent_at)
    )


def _spread_over_month(model, date_columns: tuple[str, ...], ids_query, consultation) -> None:
    """Give the selected rows dates spread over the consultation's first thirty days."""
    for index, row_id in enumerate(db.session.scalars(ids_query).all()):
        day = consultation.opens_on + timedelta(days=index % 30)
        db.session.execute(
            update(model).where(model.id == row_id).values(dict.fromkeys(date_columns, day))
        )


def _seed_maintenance_consultation(organisation, rng: random.Random):
    """An open consultation from the maintenance template (pages, conditions, every kind of
    question), with the first answers coming in."""
    today = clock.today()
    consultation = catalog.start_from_template(
        organisation, "onderhoud", "nl", today - timedelta(days=3), today + timedelta(days=25)
    )
    consultation.publish()
    inviting.invite_panel(consultation)
    _mark_delivered(consultation)
    _answer_all(consultation, 42, rng, MAINTENANCE_REMARKS)
    reminders.schedule_reminder(consultation, consultation.closes_on - timedelta(days=2))
    return consultation
