"""The demo's events and draagvlakmeting (issue 26): a Participatielab after the seed's, four
sessions in two rounds with prices per kind of participant and some sign-ups, and a
renovation vote of a complex that closed two weeks ago and passed."""

import random
from datetime import datetime, time, timedelta

from sqlalchemy import update

from consult.core import clock
from consult.core.clock import utcnow
from consult.draagvlak import services as draagvlak
from consult.draagvlak import voting
from consult.draagvlak.models import MetingAddress
from consult.events import places
from consult.events import services as events
from consult.events.models import Payment
from consult.extensions import db
from consult.mail.models import MessageStatus, OutboxMessage

SESSIONS = [
    (1, "Duurzaamheid in de prestatieafspraken", 20),
    (1, "Financiën en huurbeleid", 20),
    (2, "Werksessie: uw eigen afspraken", 15),
    (2, "De jaarcyclus van de prestatieafspraken", 15),
]
PRICES = [("Eén bestuurslid", 5000), ("Twee bestuursleden", 8500), ("Drie bestuursleden", 10000)]
PEOPLE = [
    ("Fatima el Amrani", "Huurdersraad Noord"),
    ("Henk de Boer", "Bewonerscommissie De Linde"),
    ("Ingrid Smit", "Huurdersvereniging Zuid"),
    ("Joost Peters", "Huurdersraad Noord"),
    ("Karin Visser", "Bewonersraad Centrum"),
    ("Lucas Jansen", "Huurdersvereniging Oost"),
    ("Marieke de Wit", "Huurdersplatform West"),
    ("Nico Bakker", "Bewonerscommissie Het Hof"),
]


def seed_events(organisation, rng: random.Random) -> None:
    """The Participatielab with sign-ups, and a finished draagvlakmeting."""
    _participatielab(organisation, rng)
    _finished_meting(organisation, rng)


def _participatielab(organisation, rng: random.Random) -> None:
    day = clock.today() + timedelta(days=24)
    event = events.create_event(
        organisation,
        {
            "title": "Participatielab: prestatieafspraken",
            "description": "Een gelijkwaardige rol voor huurdersorganisaties bij de "
            "prestatieafspraken: kennis delen, oefenen en elkaar ontmoeten.",
            "programme": "17.00 Inloop met soep en broodjes\n17.30 Opening\n"
            "17.45 Eerste ronde themasessies\n18.45 Tweede ronde\n19.45 Afsluiting",
            "starts_at": datetime.combine(day, time(17)),
            "ends_at": datetime.combine(day, time(20)),
            "place": "Kasteel Rhijnauwen, Rhijnauwenselaan 14b, Bunnik",
        },
        SESSIONS,
        PRICES,
    )
    rounds = event.rounds
    for number, (name, affiliation) in enumerate(PEOPLE):
        choices = {group[0].round: rng.choice(group) for group in rounds}
        registration = places.sign_up(
            event,
            {
                "name": name,
                "email": f"deelnemer{number + 1}@example.org",
                "affiliation": affiliation,
                "kind": rng.choice(event.prices),
                "remarks": "Vegetarisch" if number % 3 == 0 else "",
            },
            choices,
        )
        registration.payment = rng.choice([Payment.PAID, Payment.INVOICED, Payment.OPEN])
    # The demo has no mail server: the confirmations count as sent.
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.kind == "event_confirmation")
        .values(status=MessageStatus.SENT, sent_at=utcnow())
    )


def _finished_meting(organisation, rng: random.Random) -> None:
    """40 homes of the Vogelbuurt voted on the landlord's renovation; 30 agreed (75%)."""
    today = clock.today()
    meting = draagvlak.create_meting(
        organisation,
        "Renovatie Vogelbuurt: nieuwe kozijnen en isolatie",
        "Gaat u akkoord met het renovatievoorstel van de verhuurder voor uw woning?",
        today,
        today,
        secret=False,
    )
    rows = "".join(f"Merelstraat {n}, 1234 AB Voorbeeld\n" for n in range(1, 41))
    draagvlak.add_addresses(meting, f"Adres\n{rows}".encode(), "vogelbuurt.csv")
    addresses = sorted(meting.addresses, key=lambda a: a.id)
    voters = rng.sample(addresses, 36)
    for index, address in enumerate(voters):
        voting.cast(address, index < 30)
    meting.opens_on, meting.closes_on = today - timedelta(days=35), today - timedelta(days=14)
    for address in voters:
        db.session.execute(
            update(MetingAddress)
            .where(MetingAddress.id == address.id)
            .values(voted_on=meting.opens_on + timedelta(days=rng.randrange(21)))
        )
    db.session.flush()
