"""The sign-up round of the load bench (``answer_load.py --signup``): P people sign up through
the public page for one session of capacity C at the same moment (defaults 150 and 100).

Each person first opens the page (a GET, which gives the form and its CSRF cookie); when all
have it, they post at once (a barrier releases the POSTs together). Prints the throughput,
latency and errors of the POSTs, and what the database holds: exactly C confirmed, P - C on
the waiting list, none lost (one registration per person), the session's count of seats
equal to the confirmed.

Also runnable as a process with this checkout's code (``answer_load.py`` does so):
  signup_load.py URL seed CAPACITY   an event with one session; prints its public key and
                                     the id of its first kind of participant
  signup_load.py URL count           prints registrations, confirmed, waiting, seats taken
"""

import http.cookiejar
import re
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

from load_support import NoRedirect, printed, run, timed

BENCH = Path(__file__).resolve().parent
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')  # fmt: skip


def signup_round(base: str, url: str, people: int, capacity: int) -> None:
    """Seeds the event, signs ``people`` up at once through ``base`` and prints the figures."""
    key, kind = _process(url, "seed", str(capacity))
    session = _session_id(base, key)
    ready = threading.Barrier(people)
    results, wall = run(lambda n: _one(base, key, kind, session, n, ready), range(people), people)
    printed("sign-up", results, wall, "sign-ups")
    registrations, confirmed, waiting, taken = map(int, _process(url, "count"))
    lost = people - registrations
    errors = sum(1 for _, ok in results if not ok)
    print(
        f"sign-up: {confirmed} confirmed, {waiting} on the waiting list, {lost} lost,"
        f" {errors} errors; seats taken {taken} of {capacity}"
        f" (expected {min(people, capacity)}, {max(people - capacity, 0)}, 0 and 0)"
    )


def _one(base: str, key: str, kind: str, session: str, number: int, ready) -> tuple[float, bool]:
    """One person: open the page, wait for everyone, post; ok when led to their registration."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = f"{base}/e/{key}"
    _, status, body, _ = timed(opener, urllib.request.Request(page))
    token = next((a or b for a, b in CSRF.findall(body.decode())), "")
    data = {
        "csrf_token": token,
        "name": f"Deelnemer {number}",
        "email": f"deelnemer{number:04d}@example.nl",
        "affiliation": "Huurdersvereniging Bench",
        "kind": kind,
        "round_1": session,
        "remarks": "",
    }
    ready.wait(120)
    post = urllib.request.Request(page, data=urllib.parse.urlencode(data).encode())
    seconds, status, _, location = timed(opener, post)
    return seconds, status == 302 and "/e/r/" in location


def _session_id(base: str, key: str) -> str:
    """The session's id as the public page offers it."""
    _, _, body, _ = timed(urllib.request.build_opener(), urllib.request.Request(f"{base}/e/{key}"))
    return re.search(r'name="round_1"[^>]*value="(\d+)"', body.decode()).group(1)


def _process(url: str, *command: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, __file__, url, *command], capture_output=True, text=True, cwd=BENCH.parent
    )
    if done.returncode:
        raise RuntimeError(f"signup_load.py {command[0]} failed:\n{done.stderr}")
    return done.stdout.split()


def _seed(capacity: int) -> list[str]:
    from datetime import datetime, time, timedelta

    from consult.core.clock import today
    from consult.events import services
    from consult.extensions import db
    from consult.organisations.services import find_or_create_organisation

    day = today() + timedelta(days=14)
    event = services.create_event(
        find_or_create_organisation("Huurdersvereniging Bench"),
        {
            "title": "Participatielab",
            "starts_at": datetime.combine(day, time(17)),
            "ends_at": datetime.combine(day, time(20)),
            "place": "Kasteel Rhijnauwen, Bunnik",
        },
        [(1, "Duurzaamheid", capacity)],
        [("Eén bestuurslid", 5000)],
    )
    db.session.commit()
    return [event.public_key, str(event.prices[0].id)]


def _count() -> list[int]:
    from sqlalchemy import func, select

    from consult.events.models import EventSession, Placement, PlacementStatus, Registration
    from consult.extensions import db

    def placed(status):
        return select(func.count()).select_from(Placement).where(Placement.status == status)

    return [
        db.session.scalar(select(func.count()).select_from(Registration)),
        db.session.scalar(placed(PlacementStatus.CONFIRMED)),
        db.session.scalar(placed(PlacementStatus.WAITING)),
        db.session.scalar(select(func.sum(EventSession.taken))),
    ]


if __name__ == "__main__":
    from consult import create_app

    database_url, command, *rest = sys.argv[1:]
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench-only-secret"})
    with app.app_context():
        found = _seed(int(rest[0])) if command == "seed" else _count()
        print(*found)
