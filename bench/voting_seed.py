"""The voting round's data, made by this checkout's Consult code (run as a process).

voting_seed.py URL fresh N   empties the database, migrates it, makes one organisation with
                             N active members, an open election of 2 seats among 4
                             candidates with those members as its electorate; prints the
                             candidates' ids on the first line, then the voters' tokens
voting_seed.py URL check     closes and counts the election; prints the participations,
                             the sealed ballots left, the ballots counted, the votes in the
                             result (blank ballots counted once) and whether the recount of
                             the downloaded ballots equals the result (1 or 0)
"""

import sys
from datetime import timedelta

SECRET_KEY = "bench-only-secret"


def fresh(voters: int) -> list[str]:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from consult.core.clock import today
    from consult.elections import services
    from consult.extensions import db
    from consult.membership import services as membership
    from consult.organisations.services import find_or_create_organisation

    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade()
    org = find_or_create_organisation("Huurdersvereniging Stembench")
    for n in range(voters):
        membership.add_member(org, f"kiezer{n}@example.org", None, [], basis_note="bench")
    day = today()
    election = services.create_election(
        org,
        "Bestuursverkiezing",
        2,
        day + timedelta(days=1),
        day + timedelta(days=14),
        None,
        False,
    )
    for name in ("Ans", "Bram", "Cor", "Dina"):
        services.add_candidate(election, name, "")
    services.draw_up_electorate(election)
    election.opens_on = day
    db.session.commit()
    from consult.elections.models import Voter

    voters_ = db.session.scalars(db.select(Voter).order_by(Voter.id))
    return [" ".join(str(c.id) for c in election.candidates)] + [
        services.token_of(v) for v in voters_
    ]


def check() -> list[str]:
    from sqlalchemy import func, select

    from consult.core.clock import today
    from consult.elections import counting
    from consult.elections.models import Election, Participation, SealedBallot
    from consult.extensions import db

    election = db.session.scalar(select(Election))
    participations = db.session.scalar(select(func.count()).select_from(Participation))
    election.opens_on = election.closes_on = today() - timedelta(days=1)
    counting.count(election)
    db.session.commit()
    sealed = db.session.scalar(select(func.count()).select_from(SealedBallot))
    result = counting.result(election)
    recount = counting.recount(election, counting.ballots_csv(election))
    return [
        str(participations),
        str(sealed),
        str(result.ballots),
        str(result.blank),
        str(sum(result.votes.values())),
        str(int(recount == result)),
    ]


def main(url: str, command: str, count: str = "0") -> None:
    import consult

    app = consult.create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        lines = fresh(int(count)) if command == "fresh" else check()
        from consult.extensions import db

        db.engine.dispose()
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:])
