"""Results speed: the results page and the API results call, against the bare GROUP BY queries.

Fills one consultation with N responses (default 100,000) to 20 questions of the kinds that
aggregate (single and multiple choice, agree scale, matrix, rating, number, yes/no, ranking)
and two open questions that a fraction answers, with a spread of answers, three channels and
two segment dimensions stored per response (so cross-tabs work). Rows go in with bulk inserts,
stored as ``consult.surveys.answers`` stores them.

Then times, as the median of a few runs after one warm-up:

  page    GET /o/<org>/consultations/<id>/results through the Flask test client, as a board
          member who signed in;
  API     GET /api/v1/organisations/<slug>/consultations/<id>/results with a bearer token;
  floor   the bare SQL GROUP BY queries that give the same counts (per question and option
          the count; per question the respondents, by rows for the kinds stored as one row
          per response and with DISTINCT for the others), executed directly.

Prints the times, the ratios page/floor and API/floor, and whether the issue's targets are
met: the results page under 1 s and within 3x of the floor. Figures are measured in this run.

Run:  .venv/bin/python bench/results_speed.py [--responses 100000] [--runs 5]
      [--database-url postgresql://root@127.0.0.1:5432/bench]  (the database is emptied)
      [--profile FILE]  (a cProfile of one results page GET, for pstats)
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECRET_KEY = "bench-only-secret"
CHUNK = 20_000  #: rows per executemany
PAGE_TARGET = 1.0  #: seconds
FLOOR_TARGET = 3.0  #: times the floor
WORDS = [
    "meer groen bij de speeltuin",
    "de lift is vaak kapot",
    "betere verlichting in de gang",
    "de servicekosten zijn te hoog",
    "schimmel in de badkamer",
    "tocht bij de ramen",
    "vaker schoonmaken",
    "fietsenstalling is vol",
    "graag een bankje bij de ingang",
    "de huismeester is prettig",
    "geluidsoverlast van de buren",
    "warm water duurt lang",
]

FLOOR_COUNTS = """
SELECT a.question_id, a.option_id, a.number, count(*)
FROM answers a
WHERE a.question_id IN (SELECT id FROM questions WHERE consultation_id = :consultation)
GROUP BY a.question_id, a.option_id, a.number
"""
#: Respondents per question: kinds stored as one row per response counted by rows, the
#: others (multiple choice, ranking, matrix) with DISTINCT, as the results count them.
FLOOR_RESPONDENTS = """
SELECT a.question_id, count(*)
FROM answers a
WHERE a.question_id IN (
    SELECT id FROM questions WHERE consultation_id = :consultation AND kind NOT IN :several)
GROUP BY a.question_id
UNION ALL
SELECT a.question_id, count(DISTINCT a.response_id)
FROM answers a
WHERE a.question_id IN (
    SELECT id FROM questions WHERE consultation_id = :consultation AND kind IN :several)
GROUP BY a.question_id
"""


def questions():
    """(kind, text, options, settings, share that answers) of the 20 questions."""
    from consult.surveys.models.questions import QuestionKind as K

    agree = "Ik ben tevreden over {}."
    return [
        (K.SINGLE_CHOICE, "Hoe lang woont u hier?", ["< 2 jaar", "2-10 jaar", "> 10 jaar"], {}, 1),
        (K.SINGLE_CHOICE, "Welke post is het belangrijkst?",
         ["Schoonmaak", "Groen", "Verlichting", "Lift"], {"allows_other": True}, 0.97),
        (K.MULTIPLE_CHOICE, "Wat moet beter?",
         ["Isolatie", "Ventilatie", "Geluid", "Veiligheid", "Trappenhuis"],
         {"max_choices": 3}, 0.95),
        (K.MULTIPLE_CHOICE, "Waar hoort u van ons?", ["Mail", "Brief", "Website", "Buren"], {},
         0.9),
        (K.AGREE_SCALE, agree.format("het onderhoud"), [], {}, 1),
        (K.AGREE_SCALE, agree.format("de schoonmaak"), [], {}, 0.98),
        (K.AGREE_SCALE, agree.format("de huismeester"), [], {}, 0.96),
        (K.AGREE_SCALE, agree.format("de communicatie"), [], {}, 0.94),
        (K.MATRIX, "Wat vindt u van deze stellingen?",
         ["De huur is redelijk", "Reparaties gaan snel", "De buurt is veilig", "Ik woon hier fijn"],
         {}, 0.93),
        (K.RATING, "Welk cijfer geeft u uw woning?", [], {"shows_nps": True}, 0.99),
        (K.RATING, "Welk cijfer geeft u de verhuurder?", [], {}, 0.97),
        (K.NUMBER, "Met hoeveel mensen woont u?", [], {"min_value": 1, "max_value": 12}, 0.95),
        (K.NUMBER, "Hoeveel jaar woont u in deze buurt?", [],
         {"min_value": 0, "max_value": 80}, 0.9),
        (K.YES_NO, "Heeft u een balkon?", [], {}, 1),
        (K.YES_NO, "Wilt u meepraten over de renovatie?", [], {}, 0.97),
        (K.RANKING, "Wat moet eerst?",
         ["Dak", "Kozijnen", "Keuken", "Badkamer", "Tuin"], {"max_choices": 3}, 0.9),
        (K.SINGLE_CHOICE, "Hoe wilt u voortaan meedoen?", ["Online", "Op papier", "Allebei"], {},
         0.96),
        (K.AGREE_SCALE, agree.format("de servicekosten"), [], {}, 0.92),
        (K.OPEN_TEXT, "Wat wilt u het bestuur nog meegeven?", [], {"required": False}, 0.2),
        (K.SHORT_TEXT, "Wat is uw grootste ergernis?", [], {"required": False}, 0.1),
    ]  # fmt: skip


def prepare(app, url: str) -> tuple[dict, list, list]:
    """A fresh schema, an organisation, a board member, an API token, dimensions, the survey.

    :returns: (ids and secrets, the questions as ``_answer_rows`` reads them, the dimensions).
    """
    from flask_migrate import upgrade
    from sqlalchemy import text

    from consult.api.tokens import make_token
    from consult.core import clock
    from consult.extensions import db
    from consult.panel import services as panel
    from consult.surveys import builder
    from consult.surveys import services as surveys
    from tests import factories

    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        org = factories.organisation("Huurdersvereniging Bench")
        board = factories.user(org, email="bestuur@example.org")
        dimensions = [
            panel.define_dimension(org, "Wijk", ["Noord", "Oost", "Zuid", "West", "Centrum"]),
            panel.define_dimension(org, "Leeftijd", ["tot 35", "35-65", "65 en ouder"]),
        ]
        today = clock.today()
        survey = surveys.create_consultation(
            org, "Woonlastenpeiling", "Wat vindt u?", today, today.replace(year=today.year + 1)
        )
        asked = []
        for number, (kind, question, options, settings, share) in enumerate(questions()):
            added = builder.add_question(
                survey, kind, question, options=options, new_page=number % 5 == 0, **settings
            )
            asked.append((added, share))
        survey.publish()
        _, secret = make_token(org, "Bench", board)
        db.session.commit()
        plan = [
            (
                q.id,
                q.kind,
                [o.id for o in q.options],
                q.max_choices,
                q.min_value,
                q.max_value,
                q.allows_other,
                share,
            )
            for q, share in asked
        ]
        segments = [(d.id, [v.id for v in d.values]) for d in dimensions]
        ids = {
            "org": org.id,
            "slug": org.slug,
            "consultation": survey.id,
            "email": board.email,
            "token": secret,
        }
    return ids, plan, segments


def _skewed(rng: random.Random, count: int) -> int:
    """0..count-1, the first values more often than the last (a realistic spread)."""
    return min(int(rng.triangular(0, count, 0)), count - 1)


def _answer_rows(rng, response_id, plan) -> list[dict]:
    """The answer rows of one response, as ``consult.surveys.answers.rows`` would store them."""
    from consult.surveys.models.questions import QuestionKind as K

    rows = []

    def row(question_id, option_id=None, number=None, text=None):
        rows.append(
            {
                "response_id": response_id,
                "question_id": question_id,
                "option_id": option_id,
                "number": number,
                "text": text,
            }
        )

    for question_id, kind, options, most, low, high, other, share in plan:
        if rng.random() >= share:
            continue
        if kind == K.SINGLE_CHOICE:
            if other and rng.random() < 0.03:
                row(question_id, text=rng.choice(WORDS))
            else:
                row(question_id, option_id=options[_skewed(rng, len(options))])
        elif kind == K.MULTIPLE_CHOICE:
            picks = rng.sample(options, rng.randint(1, most or len(options)))
            for option_id in picks:
                row(question_id, option_id=option_id)
        elif kind == K.AGREE_SCALE:
            row(question_id, number=5 - _skewed(rng, 5))
        elif kind == K.MATRIX:
            for option_id in options:
                row(question_id, option_id=option_id, number=rng.choice((1, 2, 3, 3, 4, 4, 4, 5)))
        elif kind == K.RATING:
            row(question_id, number=max(0, min(10, round(rng.gauss(7, 1.8)))))
        elif kind == K.NUMBER:
            row(question_id, number=low + _skewed(rng, high - low + 1))
        elif kind == K.YES_NO:
            row(question_id, number=int(rng.random() < 0.6))
        elif kind == K.RANKING:
            for place, option_id in enumerate(rng.sample(options, most), start=1):
                row(question_id, option_id=option_id, number=place)
        else:  # open questions: a sentence or two
            row(question_id, text=". ".join(rng.sample(WORDS, rng.randint(1, 2))).capitalize())
    return rows


def fill(app, ids: dict, plan: list, segments: list, count: int) -> int:
    """Insert ``count`` responses with their answers and segments in chunks; the answer rows."""
    from sqlalchemy import insert

    from consult.extensions import db
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.models.responses import Answer, Channel, Response, ResponseSegment

    rng = random.Random(2026)
    channels = [Channel.INVITATION] * 16 + [Channel.OPEN_ANONYMOUS] * 3 + [Channel.PAPER]
    with app.app_context():
        day = db.session.get(Consultation, ids["consultation"]).opens_on
        answers_total, responses, answers, segment_rows = 0, [], [], []

        def flush():
            db.session.execute(insert(Response), responses)
            db.session.execute(insert(ResponseSegment), segment_rows)
            db.session.execute(insert(Answer), answers)
            responses.clear(), segment_rows.clear(), answers.clear()

        for _ in range(count):
            response_id = uuid.uuid4()
            responses.append(
                {
                    "id": response_id,
                    "organisation_id": ids["org"],
                    "consultation_id": ids["consultation"],
                    "channel": rng.choice(channels),
                    "submitted_on": day,
                    "member_id": None,
                }
            )
            for dimension_id, values in segments:
                if rng.random() < 0.9:  # some members have no value in a dimension
                    segment_rows.append(
                        {
                            "response_id": response_id,
                            "dimension_id": dimension_id,
                            "value_id": values[_skewed(rng, len(values))],
                        }
                    )
            rows = _answer_rows(rng, response_id, plan)
            answers.extend(rows)
            answers_total += len(rows)
            if len(answers) >= CHUNK:
                flush()
        flush()
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does after a bulk insert: statistics for the planner, and the
            # visibility map that lets the counts read the covering index alone.
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                    db.text("VACUUM ANALYZE")
                )
    return answers_total


def median_time(function, runs: int) -> float:
    """The median seconds of ``runs`` calls, after one warm-up call."""
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument("--profile", help="write a cProfile of one results page GET here")
    arguments = parser.parse_args()
    url = arguments.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"

    from sqlalchemy import bindparam, text

    from consult import create_app
    from consult.extensions import db
    from consult.surveys.answers import SEVERAL_ROW_KINDS
    from tests import factories

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": SECRET_KEY,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,  # the test client signs in without reading the form
        }
    )
    ids, plan, segments = prepare(app, url)
    started = time.perf_counter()
    answer_rows = fill(app, ids, plan, segments, arguments.responses)
    filling = time.perf_counter() - started

    page_url = f"/o/{ids['slug']}/consultations/{ids['consultation']}/results"
    api_url = f"/api/v1/organisations/{ids['slug']}/consultations/{ids['consultation']}/results"
    client = app.test_client()
    signed_in = client.post("/login", data={"email": ids["email"], "password": factories.PASSWORD})
    assert signed_in.status_code == 302, "the board member could not sign in"
    bearer = {"Authorization": f"Bearer {ids['token']}"}

    def page():
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code
        return response

    def api():
        response = client.get(api_url, headers=bearer)
        assert response.status_code == 200, response.status_code

    several = tuple(str(kind) for kind in SEVERAL_ROW_KINDS)
    respondents = text(FLOOR_RESPONDENTS).bindparams(bindparam("several", expanding=True))

    def floor():
        with app.app_context(), db.engine.connect() as connection:
            connection.execute(text(FLOOR_COUNTS), {"consultation": ids["consultation"]}).all()
            connection.execute(
                respondents, {"consultation": ids["consultation"], "several": several}
            ).all()

    page_seconds = median_time(page, arguments.runs)
    api_seconds = median_time(api, arguments.runs)
    floor_seconds = median_time(floor, arguments.runs)
    page_bytes = len(page().data)
    if arguments.profile:
        import cProfile

        cProfile.runctx("page()", globals(), {"page": page}, arguments.profile)

    n = arguments.responses
    print(
        f"database: {url.split('://')[0]}, responses: {n:,}, answer rows: {answer_rows:,},"
        f" questions: {len(plan)}"
    )
    print(f"filling: {filling:.1f} s ({n / filling:,.0f} responses/s)")
    print(f"median of {arguments.runs} runs after one warm-up:")
    print(
        f"  results page  {page_seconds * 1000:8.0f} ms  {page_seconds / floor_seconds:5.1f}x"
        f" floor  ({page_bytes / 1024:.0f} KB HTML)"
    )
    print(
        f"  API results   {api_seconds * 1000:8.0f} ms  {api_seconds / floor_seconds:5.1f}x floor"
    )
    print(f"  floor (SQL)   {floor_seconds * 1000:8.0f} ms")
    under = page_seconds < PAGE_TARGET
    within = page_seconds <= FLOOR_TARGET * floor_seconds
    print(f"target page under {PAGE_TARGET:.0f} s: {'met' if under else 'MISSED'}")
    print(f"target page within {FLOOR_TARGET:.0f}x floor: {'met' if within else 'MISSED'}")
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    os.environ.setdefault("CONSULT_CONFIG", "")
    main()
