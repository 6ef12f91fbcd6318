"""Demo content of a board election: last month's election of two board members among three
candidates, voted by about six in ten members, counted and published."""

import random
from datetime import timedelta

from sqlalchemy import select

from consult.core import clock
from consult.elections import counting, services, voting
from consult.elections.models import Voter
from consult.extensions import db

CANDIDATES = [
    (
        "Fatima El Amrani",
        "Ik woon twintig jaar in de Vogelbuurt en wil dat de verhuurder luistert.",
    ),
    ("Henk de Vries", "Penningmeester van beroep; ik houd de servicekosten scherp in de gaten."),
    ("Sanne Bakker", "Jong en betrokken: meer huurders aan tafel, ook online."),
]


def seed_election(organisation, rng: random.Random) -> None:
    """A closed, counted and published election; the votes are drawn with ``rng``."""
    today = clock.today()
    election = services.create_election(
        organisation,
        "Bestuursverkiezing najaar",
        2,
        today + timedelta(days=1),
        today + timedelta(days=2),
        25,
        False,
    )
    for name, statement in CANDIDATES:
        services.add_candidate(election, name, statement)
    services.draw_up_electorate(election)
    election.opens_on = today
    candidates = [c.id for c in election.candidates]
    for voter in db.session.scalars(select(Voter).where(Voter.election_id == election.id)):
        if rng.random() < 0.6:
            voting.cast(voter, [] if rng.random() < 0.05 else rng.sample(candidates, 2))
    election.opens_on, election.closes_on = today - timedelta(days=40), today - timedelta(days=26)
    counting.count(election)
    election.published_at = clock.utcnow()
