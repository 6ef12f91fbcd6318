"""Tenants answering at once: the answer page under gunicorn, against a bare Flask page.

Prepares a consultation of 12 questions of eight kinds over three pages and invites N tenants
(default 200), starts gunicorn with W workers (default 4 on PostgreSQL, 1 on SQLite) on the
app. First C client threads (default 50) open the tenants' links, R requests in all (default
2,000; the first opening of a link also records it for the funnel): the answer page's own
throughput, in K rounds (default 3). Before and after each round, the same gunicorn
configuration serves a bare Flask page (the framework's ceiling) to R requests; a round's
ratio is its answer page against the faster of the bare runs around it, so a machine that got
busier cannot flatter the app, and the median round counts. Then the tenants open their link
and page through to the end at once, as phones would after the invitation mail (each page: a
GET, then a POST that saves it).

Prints the answer page's weight (HTML of the first page plus the stylesheet; there is no
JavaScript), throughput, p50/p95/p99 latency and errors of the answer page alone, and of
opening a page, saving a page and sending in the flow, the ratios of the answer page and of
the whole flow to the bare page, and checks afterwards that every tenant's response is
stored exactly once. Figures are measured in this one run.

Needs gunicorn:  .venv/bin/pip install -e '.[production]'
Run:  .venv/bin/python bench/answer_load.py [--tenants 200] [--clients 50] [--workers W]
      [--page-requests 2000] [--rounds 3]
      [--database-url postgresql://root@127.0.0.1:5432/bench]  (the database is emptied)
"""

import argparse
import http.cookiejar
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mailserver import free_port  # noqa: E402 - after the path is set

SECRET_KEY = "bench-only-secret"
QUESTIONS = 12
BARE_APP = """
from flask import Flask
app = Flask(__name__)

@app.get("/")
def bare():
    return "<!doctype html><title>bare</title><p>Hello</p>"
"""


class AnswerFormReader(HTMLParser):
    """Fills the answer form as a hurried tenant: the first option everywhere, a short text."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.action = ""
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.action = attrs.get("action") or ""
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.fields.setdefault(name, attrs.get("value", "y"))
            elif name.endswith("_other"):
                pass  # "other, namely" stays empty
            elif kind in ("hidden", "text", "email", "number"):
                numeric = attrs.get("inputmode") == "numeric"
                self.fields[name] = attrs.get("value") or ("3" if numeric else "Prima")
        elif tag == "textarea" and name:
            self.fields[name] = "Graag meer groen bij de speeltuin."
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            self.fields.setdefault(self._select, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def prepare(url: str, tenants: int) -> list[str]:
    """A fresh schema, one organisation, ``tenants`` members invited: their link tokens."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from consult import create_app
    from consult.extensions import db
    from consult.surveys import builder
    from consult.surveys.models.questions import QuestionKind
    from tests import factories

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        org = factories.organisation("Huurdersvereniging Bench")
        for number in range(tenants):
            factories.member(org, email=f"huurder{number:05d}@example.nl")
        survey = factories.consultation(org, publish=False)
        kinds = [
            (QuestionKind.MULTIPLE_CHOICE, {"options": ["Isolatie", "Ventilatie", "Geluid"]}),
            (QuestionKind.RATING, {}),
            (QuestionKind.YES_NO, {}),
            (QuestionKind.NUMBER, {"min_value": 0, "max_value": 12}),
            (QuestionKind.SHORT_TEXT, {}),
            (QuestionKind.AGREE_SCALE, {}),
            (QuestionKind.SINGLE_CHOICE, {"options": ["Ja", "Nee", "Weet ik niet"]}),
            (QuestionKind.AGREE_SCALE, {}),
            (QuestionKind.OPEN_TEXT, {"required": False}),
        ]
        for number, (kind, settings) in enumerate(kinds[: QUESTIONS - len(survey.questions)]):
            # three pages of four questions: the factory's three and one of these on page 1
            new_page = number in (1, 5)
            builder.add_question(survey, kind, f"Vraag {number}?", new_page=new_page, **settings)
        survey.publish()
        tokens = list(factories.invite(survey).values())
        db.session.commit()
        db.engine.dispose()
    return tokens


def stored(url: str) -> tuple[int, int]:
    """(responses stored, invitations spent)."""
    from sqlalchemy import func, select

    from consult import create_app
    from consult.extensions import db
    from consult.invitations.models import Invitation
    from consult.surveys.models.responses import Response

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        responses = db.session.scalar(select(func.count()).select_from(Response))
        spent = db.session.scalar(
            select(func.count()).select_from(Invitation).where(Invitation.used_on.is_not(None))
        )
        db.engine.dispose()
    return responses, spent


def start_gunicorn(app_spec: str, workers: int, port: int, cwd: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers", str(workers),
            "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning",
            app_spec,
        ],
        cwd=cwd,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except urllib.error.HTTPError:
            return server  # it answers (a redirect to the login page, say)
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def timed(opener, request) -> tuple[float, int, bytes, str]:
    """(seconds, status, body, Location header) of one request; status 0 when it failed."""
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=60) as response:
            return time.perf_counter() - started, response.status, response.read(), ""
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "")
        return time.perf_counter() - started, error.code, b"", location
    except OSError:
        return time.perf_counter() - started, 0, b"", ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def tenant(base: str, token: str) -> list[tuple[str, float, bool]]:
    """One tenant pages through: open a page, fill it in, save it, until sent.

    Returns (step, seconds, ok) per request: "open", "next" (a page saved) and "submit".
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url, steps = f"{base}/i/{token}", []
    for _page in range(10):
        seconds, status, body, _ = timed(opener, urllib.request.Request(url))
        steps.append(("open", seconds, status == 200))
        if status != 200:
            return steps
        form = AnswerFormReader()
        form.feed(body.decode())
        data = urllib.parse.urlencode(form.fields).encode()
        target = urllib.parse.urljoin(url, form.action)
        seconds, status, _, location = timed(opener, urllib.request.Request(target, data=data))
        sent = location.endswith("/thanks")
        steps.append(("submit" if sent else "next", seconds, status == 302))
        if sent or status != 302:
            return steps
        url = urllib.parse.urljoin(url, location)
    return steps


def page_weight(base: str, token: str) -> tuple[int, int]:
    """(bytes of the first answer page's HTML, bytes of its stylesheet)."""
    opener = urllib.request.build_opener()
    html = opener.open(f"{base}/i/{token}").read()
    stylesheet = opener.open(f"{base}/static/css/consult.css").read()
    return len(html), len(stylesheet)


def fetch(url: str) -> tuple[float, bool]:
    """(seconds, whether it answered 200) of one GET without cookies, as a new visitor."""
    seconds, status, *_ = timed(urllib.request.build_opener(), urllib.request.Request(url))
    return seconds, status == 200


def summary(name: str, timings: list[float], errors: int, wall: float) -> str:
    if not timings:
        return f"{name:12} no successful requests, errors {errors}"
    q = statistics.quantiles(timings, n=100) if len(timings) > 1 else timings * 99
    return (
        f"{name:12} {len(timings) / wall:7.1f} req/s  p50 {q[49] * 1000:6.0f} ms"
        f"  p95 {q[94] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms  errors {errors}"
    )


def run(function, arguments, clients: int):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(function, arguments))
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--page-requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    arguments = parser.parse_args()
    url = arguments.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    workers = arguments.workers or (4 if url.startswith("postgresql") else 1)

    tokens = prepare(url, arguments.tenants)
    bare_dir = Path(tempfile.mkdtemp())
    (bare_dir / "bare_app.py").write_text(BARE_APP)

    def bare_page():
        bare_port = free_port()
        server = start_gunicorn("bare_app:app", workers, bare_port, bare_dir)
        try:
            bare_url = f"http://127.0.0.1:{bare_port}/"
            return run(fetch, [bare_url] * arguments.page_requests, arguments.clients)
        finally:
            server.terminate()
            server.wait()

    spec = (
        f"consult:create_app({{'SQLALCHEMY_DATABASE_URI': {url!r}, 'SECRET_KEY': {SECRET_KEY!r},"
        " 'RATELIMIT_ENABLED': False})"
    )
    port = free_port()
    server = start_gunicorn(spec, workers, port, ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        html_bytes, css_bytes = page_weight(base, tokens[-1])
        links = [f"{base}/i/{tokens[n % len(tokens)]}" for n in range(arguments.page_requests)]
        bare_runs = [bare_page()]
        page_runs = []
        for _round in range(arguments.rounds):
            page_runs.append(run(fetch, links, arguments.clients))
            bare_runs.append(bare_page())
        results, wall = run(lambda token: tenant(base, token), tokens[:-1], arguments.clients)
    finally:
        server.terminate()
        server.wait()

    steps = [step for tenant_steps in results for step in tenant_steps]
    responses, spent = stored(url)
    print(
        f"database: {url.split('://')[0]}, gunicorn workers: {workers}, "
        f"tenants: {len(tokens)}, client threads: {arguments.clients}, questions: {QUESTIONS}"
    )
    print(
        f"answer page weight: {html_bytes / 1024:.1f} KB HTML + {css_bytes / 1024:.1f} KB CSS"
        f" = {(html_bytes + css_bytes) / 1024:.1f} KB, no JavaScript"
    )
    bare_throughputs = [
        _printed_summary(f"bare {number}", bare_results, bare_wall)
        for number, (bare_results, bare_wall) in enumerate(bare_runs)
    ]
    ratios = []
    for number, (page_results, page_wall) in enumerate(page_runs, start=1):
        throughput = _printed_summary(f"page {number}", page_results, page_wall)
        ceiling = max(bare_throughputs[number - 1], bare_throughputs[number])
        ratios.append(throughput / ceiling)
    for name in ("open", "next", "submit"):
        ok = [seconds for step, seconds, good in steps if step == name and good]
        errors = sum(1 for step, _, good in steps if step == name and not good)
        print(summary(name, ok, errors, wall))
    rounds = ", ".join(f"{ratio:.0%}" for ratio in ratios)
    print(f"answer page: {statistics.median(ratios):.0%} of the bare page (rounds: {rounds})")
    ceiling = max(bare_throughputs)
    flow = sum(1 for step, _, good in steps if good) / wall
    print(f"answer flow: {flow:.1f} req/s, {flow / ceiling:.0%} of the fastest bare page run")
    expected = len(tokens) - 1  # the last link was only opened, to weigh the page
    print(f"stored: {responses} responses, {spent} invitations spent (expected {expected} each)")


def _printed_summary(name: str, results: list[tuple[float, bool]], wall: float) -> float:
    """Prints the summary of plain page requests; returns their throughput."""
    ok = [seconds for seconds, good in results if good]
    print(summary(name, ok, len(results) - len(ok), wall))
    return len(ok) / wall


if __name__ == "__main__":
    main()
