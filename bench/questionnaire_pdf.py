"""Questionnaire PDF: how long printing a consultation's paper questionnaire takes.

Builds, on a fresh SQLite database, a consultation from every questionnaire template of the
catalogue (all their kinds of question: scale 0-10, matrix, ranking, choice with "other",
open text, number; conditions), then times
GET .../questionnaire.pdf through the Flask test client as a signed-in board member, in
ordinary and in large print, as the median of a few runs after one warm-up.

Prints one line per consultation with the pages and the seconds, and whether the issue's
target is met: every questionnaire PDF under 2 s.

Run:  .venv/bin/python bench/questionnaire_pdf.py [--runs 5]
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 2.0  #: seconds


def prepare(app) -> tuple[str, str, dict[str, int]]:
    """The organisation's slug, the board member's address and a consultation per template."""
    from flask_migrate import upgrade

    from consult.core import clock
    from consult.extensions import db
    from consult.surveys import catalog
    from tests import factories

    with app.app_context():
        upgrade()
        org = factories.organisation("Huurdersvereniging Bench")
        org.return_address = "Antwoordnummer 1234\n1000 VB Amsterdam"
        board = factories.user(org, email="bestuur@example.org")
        today = clock.today()
        consultations = {}
        for key in sorted(catalog.TEMPLATES["nl"]):
            survey = catalog.start_from_template(org, key, "nl", today, today + timedelta(14))
            survey.publish()
            consultations[key] = survey
        db.session.commit()
        return org.slug, board.email, {key: c.id for key, c in consultations.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()

    from pypdf import PdfReader

    from consult import create_app
    from tests import factories

    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench-only-secret",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    slug, email, consultations = prepare(app)
    client = app.test_client()
    signed_in = client.post("/login", data={"email": email, "password": factories.PASSWORD})
    assert signed_in.status_code == 302, "the board member could not sign in"

    slowest = 0.0
    for key, consultation_id in consultations.items():
        for size in ("", "large"):
            path = f"/o/{slug}/consultations/{consultation_id}/questionnaire.pdf"
            query = {"size": size} if size else {}
            client.get(path, query_string=query)  # warm-up
            times = []
            for _ in range(arguments.runs):
                started = time.perf_counter()
                response = client.get(path, query_string=query)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
            pages = len(PdfReader(io.BytesIO(response.data)).pages)
            median = statistics.median(times)
            slowest = max(slowest, median)
            print(f"{key:16} {size or 'ordinary':8} {pages:2} pages  {median:.2f} s")
    verdict = "met" if slowest < TARGET else "NOT met"
    print(f"slowest {slowest:.2f} s; target under {TARGET:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
