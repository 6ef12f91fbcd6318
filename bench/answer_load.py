"""Tenants answering at once: the answer page, the send and the whole flow under gunicorn,
against a bare Flask page and a bare write.

Prepares a consultation of 12 questions of eight kinds over three pages (``load_seed.py``)
and invites tenants, N per part (default 200), and starts gunicorn with W workers (default 4
on PostgreSQL, 1 on SQLite) on the app; the bare baselines (``bare_app.py``, no Consult
code) run under the same gunicorn settings against the same database. C client threads
(default 50) then measure, in this one run:

  page    R opening requests of the tenants' links (default 2,000), in K rounds (default 3);
          before and after each round the bare page serves R requests, a round's ratio is
          against the faster of the bare runs around it, and the median round counts;
  flow    N tenants open their link and page through to the end at once (each page: a GET,
          then a POST that saves it; the last POST sends): flows per second;
  send    N other tenants who stand on the last page send at once: the POSTs that store the
          response, against the bare write (per POST one response row and its 12 answer rows
          in one transaction, into tables of Consult's shape; the faster of a run before and
          one after), with the same number of POSTs;
  rounds  --rounds-flow K: the flow K more times on the same database, N new tenants each
          round, so the tables grow; flows per second per round and the last against the first,
          and on PostgreSQL the database's work per flow in each round (blocks read, by table,
          and rows read by sequential scans), which the machine's load does not move;
  compare --compare REV: REV checked out in a temporary git worktree (removed afterwards);
          in K turns the flow of REV, then of this checkout, each on fresh data made by its
          own code and migrations and served from its own checkout (the workers report where
          they imported ``consult`` from, and the bench checks it): flows per second of both
          per turn and the median of their ratios. Each server first serves --warm-up flows
          (default 40), untimed, as a server that has been running has: every worker has
          compiled its templates and statements and read its questionnaire once;
  voting  --voting: only the voting round of a board election (``voting_load.py``): N
          members cast their ballot at once; errors, ballots stored and the count;
  signup  --signup: instead of all the above, the sign-up round (``signup_load.py``): P people
          (--signup-people, default 150) sign up through an event's public page for one
          session of capacity --signup-capacity (default 100) at the same moment;
  language --language ar: the questionnaire translated into that language, and each page
          round also opens the links in it (``?lang=ar``) between the same bare runs: the
          translated page against the bare page and against the page in its own language.

Prints the answer page's weight (HTML of the first page plus the stylesheet), throughput,
p50/p95/p99 latency and errors of each part, the ratios, and checks that every tenant who
sent has exactly one stored response with 12 answers and a spent invitation.

Needs only:  .venv/bin/pip install -e '.[production]'
Run:  .venv/bin/python bench/answer_load.py [--tenants 200] [--clients 50] [--workers W]
      [--page-requests 2000] [--rounds 3] [--rounds-flow 10] [--compare a9c7496 [--warm-up 40]]
      [--database-url postgresql://root@127.0.0.1:5432/bench]  (the database is emptied)
      [--voting]
      [--signup [--signup-people 150] [--signup-capacity 100]]
      [--language ar]
"""

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import bare_app
import signup_load
from load_support import NoRedirect, fetch, gunicorn, printed, run, send, summary, tenant, timed
from voting_load import voting_round

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SECRET_KEY = "bench-only-secret"
WORK = Path(tempfile.mkdtemp())  #: SQLite files and the compared checkout; removed at the end
#: What the bare write is sent: twelve answers, nine numbers and three texts, as a send stores.
BARE_FORM = {f"q{n}": "3" for n in range(1, 13)} | {
    "q3": "Graag meer groen bij de speeltuin.",
    "q8": "Prima",
    "q12": "Graag meer groen bij de speeltuin.",
}


def seed(root: Path, url: str, command: str, count: int = 0, language: str = "") -> list[str]:
    """Runs load_seed.py with ``root``'s code: link tokens, or the stored counts; ``fresh``
    with a ``language`` also translates the questionnaire into it."""
    script = str(BENCH / "load_seed.py")
    done = subprocess.run(
        [
            sys.executable,
            script,
            str(root),
            url,
            command,
            str(count),
            *([language] if language else []),
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
    if done.returncode:
        raise RuntimeError(f"load_seed.py {command} failed:\n{done.stderr}")
    return done.stdout.split()


def table_stats(url: str) -> dict[str, list[int]]:
    """PostgreSQL: per table [blocks read, rows read by sequential scans, dead rows]."""
    if not url.startswith("postgresql"):
        return {}
    time.sleep(11)  # an idle connection's counts reach the statistics 10 s after its last query
    words = seed(ROOT, url, "stats")
    return {words[i]: list(map(int, words[i + 1 : i + 4])) for i in range(0, len(words), 4)}


def growth_report(round_: int, before: dict, after: dict, flows_done: int) -> None:
    """The database's work per flow in a round of ``--rounds-flow``, by table (PostgreSQL)."""
    if not after:
        return
    work = {
        table: [a - b for a, b in zip(after[table], before.get(table, [0] * 3), strict=True)]
        for table in after
    }
    blocks, scanned = (sum(counts[i] for counts in work.values()) for i in (0, 1))
    busiest = sorted(work, key=lambda table: -work[table][0])[:4]
    tables = ", ".join(f"{table} {work[table][0] / flows_done:.0f}" for table in busiest)
    deadest = sorted(after, key=lambda table: -after[table][2])[:3]
    dead = ", ".join(f"{table} {after[table][2]}" for table in deadest)
    print(
        f"  round {round_}: {blocks / flows_done:.0f} blocks and {scanned / flows_done:.0f}"
        f" sequentially scanned rows per flow; blocks per flow by table: {tables};"
        f" most dead rows: {dead}"
    )


@contextlib.contextmanager
def consult_server(root: Path, url: str, workers: int):
    """Consult of the checkout at ``root`` under gunicorn; checks that its code is what runs."""
    spec = (
        f"consult:create_app({{'SQLALCHEMY_DATABASE_URI': {url!r}, 'SECRET_KEY': {SECRET_KEY!r},"
        " 'RATELIMIT_ENABLED': False})"
    )
    with gunicorn(spec, workers, root) as (base, imported):
        strangers = [file for file in imported if not Path(file).is_relative_to(root)]
        if strangers or not imported:
            raise RuntimeError(f"the workers imported consult from {imported}, not from {root}")
        yield base


@contextlib.contextmanager
def checkout(revision: str):
    """A temporary git worktree of ``revision`` in ``WORK``, removed afterwards."""
    tree = WORK / "consult"
    git = ["git", "-C", str(ROOT), "worktree"]
    subprocess.run([*git, "add", "--detach", "--quiet", str(tree), revision], check=True)
    try:
        yield tree
    finally:
        subprocess.run([*git, "remove", "--force", str(tree)], check=True)


def flows(base: str, tokens: list[str], clients: int):
    """The whole flow for each token at once: (per tenant (seconds, sent), wall seconds)."""
    results, wall = run(lambda token: tenant(base, token), tokens, clients)
    steps = [step for tenant_steps in results for step in tenant_steps]
    per_tenant = [
        (sum(seconds for _, seconds, _ in tenant_steps), all(ok for *_, ok in tenant_steps))
        for tenant_steps in results
    ]
    return per_tenant, wall, steps


def bare_writes(url: str, workers: int, posts: int, clients: int):
    with gunicorn("bare_app:app", workers, BENCH, {"BENCH_DATABASE_URL": url}) as (base, _):
        return run(lambda _: bare_write(base), range(posts), clients)


def bare_write(base: str) -> tuple[float, bool]:
    data = urllib.parse.urlencode(BARE_FORM).encode()
    request = urllib.request.Request(f"{base}/write", data=data)
    seconds, status, _, location = timed(urllib.request.build_opener(NoRedirect), request)
    return seconds, status == 302 and location.endswith("/thanks")


def bare_pages(workers: int, requests: int, clients: int):
    with gunicorn("bare_app:app", workers, BENCH) as (base, _):
        return run(fetch, [f"{base}/"] * requests, clients)


def page_weight(base: str, token: str) -> tuple[int, int]:
    """(bytes of the first answer page's HTML, bytes of its stylesheet)."""
    opener = urllib.request.build_opener()
    html = opener.open(f"{base}/i/{token}").read()
    stylesheet = opener.open(f"{base}/static/css/consult.css").read()
    return len(html), len(stylesheet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--page-requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rounds-flow", type=int, default=0)
    parser.add_argument("--compare", metavar="REV", help="a commit to measure the flow against")
    parser.add_argument(
        "--warm-up", type=int, default=40, help="untimed flows per server before --compare's"
    )
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument("--voting", action="store_true", help="only the voting round")
    add_signup_options(parser)
    parser.add_argument(
        "--language", default="", help="also each page round in this translation (e.g. ar)"
    )
    arguments = parser.parse_args()
    url = arguments.database_url or f"sqlite:///{WORK}/bench.sqlite"
    arguments.workers = arguments.workers or (4 if url.startswith("postgresql") else 1)
    if arguments.signup:
        return signup(arguments, url)
    try:
        if arguments.voting:
            server = lambda url, workers: consult_server(ROOT, url, workers)  # noqa: E731
            voting_round(url, arguments.workers, arguments.tenants, arguments.clients, server)
            return
        report(arguments, url, measure(arguments, url))
        if arguments.compare:
            compare(arguments, url)
    finally:
        shutil.rmtree(WORK)


# --- the sign-up round (issue 26): separate from the answering parts above -----------------


def add_signup_options(parser) -> None:
    parser.add_argument("--signup", action="store_true", help="only the sign-up round")
    parser.add_argument("--signup-people", type=int, default=150)
    parser.add_argument("--signup-capacity", type=int, default=100)


def signup(arguments, url: str) -> None:
    """The sign-up round alone, on a fresh database, under gunicorn like the other parts."""
    try:
        seed(ROOT, url, "fresh", 0)
        with consult_server(ROOT, url, arguments.workers) as base:
            print(
                f"database: {url.split('://')[0]}, gunicorn workers: {arguments.workers},"
                f" people: {arguments.signup_people}, capacity: {arguments.signup_capacity},"
                f" load average: {os.getloadavg()[0]:.1f}"
            )
            signup_load.signup_round(base, url, arguments.signup_people, arguments.signup_capacity)
    finally:
        shutil.rmtree(WORK)


# --- end of the sign-up round ------------------------------------------------------------


def measure(arguments, url: str) -> dict:
    """Every part but the comparison, on one database: the runs by name."""
    n, clients, workers = arguments.tenants, arguments.clients, arguments.workers
    tokens = seed(ROOT, url, "fresh", 2 * n + 1, arguments.language)
    weight_token, flow_tokens, send_tokens = tokens[0], tokens[1 : n + 1], tokens[n + 1 :]
    bare_app.create_tables(url)
    runs = {
        "writes": [bare_writes(url, workers, n, clients)],
        "pages": [],
        "translated pages": [],
        "growth": [],
    }
    with consult_server(ROOT, url, workers) as base:
        runs["weight"] = page_weight(base, weight_token)
        links = [f"{base}/i/{tokens[i % len(tokens)]}" for i in range(arguments.page_requests)]
        runs["bare pages"] = [bare_pages(workers, arguments.page_requests, clients)]
        translated = [f"{link}?lang={arguments.language}" for link in links]
        for _round in range(arguments.rounds):
            runs["pages"].append(run(fetch, links, clients))
            if arguments.language:  # between the same bare runs as the Dutch round
                runs["translated pages"].append(run(fetch, translated, clients))
            runs["bare pages"].append(bare_pages(workers, arguments.page_requests, clients))
        runs["flow"] = flows(base, flow_tokens, clients)
        ready, _ = run(lambda token: tenant(base, token, stop_at_send=True), send_tokens, clients)
        runs["send"] = run(send, ready, clients)
        for _round in range(arguments.rounds_flow):
            tokens = seed(ROOT, url, "more", n)
            before = table_stats(url)
            runs["growth"].append((*flows(base, tokens, clients), before, table_stats(url)))
    runs["writes"].append(bare_writes(url, workers, n, clients))
    runs["stored"] = list(map(int, seed(ROOT, url, "stored")))
    return runs


def report(arguments, url: str, runs: dict) -> None:
    print(
        f"database: {url.split('://')[0]}, gunicorn workers: {arguments.workers},"
        f" tenants per part: {arguments.tenants}, client threads: {arguments.clients},"
        f" load average: {os.getloadavg()[0]:.1f}"
    )
    html_bytes, css_bytes = runs["weight"]
    print(
        f"answer page weight: {html_bytes / 1024:.1f} KB HTML + {css_bytes / 1024:.1f} KB CSS"
        f" = {(html_bytes + css_bytes) / 1024:.1f} KB, no JavaScript"
    )
    bare = [printed(f"bare page {i}", *r) for i, r in enumerate(runs["bare pages"])]
    ratios = [
        printed(f"page {i}", *r) / max(bare[i - 1], bare[i])
        for i, r in enumerate(runs["pages"], start=1)
    ]
    per_tenant, flow_wall, steps = runs["flow"]
    for name in ("open", "next", "submit"):
        ok = [seconds for step, seconds, good in steps if step == name and good]
        errors = sum(1 for step, _, good in steps if step == name and not good)
        print(summary(f"flow {name}", ok, errors, flow_wall))
    flow_speed = printed("flow", per_tenant, flow_wall, "flows")
    writes = enumerate(runs["writes"])
    write_speed = max(printed(f"bare write {i}", *r, "writes") for i, r in writes)
    send_speed = printed("send", *runs["send"], "sends")
    rounds = ", ".join(f"{ratio:.0%}" for ratio in ratios)
    print(f"answer page: {statistics.median(ratios):.0%} of the bare page (rounds: {rounds})")
    if runs["translated pages"]:
        language = arguments.language
        translated = [
            printed(f"page {i} ({language})", *r) / max(bare[i - 1], bare[i])
            for i, r in enumerate(runs["translated pages"], start=1)
        ]
        rounds = ", ".join(f"{ratio:.0%}" for ratio in translated)
        median = statistics.median(translated)
        print(f"answer page in {language}: {median:.0%} of the bare page (rounds: {rounds});")
        print(f"  {median / statistics.median(ratios):.0%} of the answer page in its own language")
    flow_requests = sum(1 for *_, good in steps if good) / flow_wall
    page_share = flow_requests / max(bare)
    print(f"flow: {flow_requests:.1f} req/s, {page_share:.0%} of the fastest bare page run")
    print(f"send: {send_speed / write_speed:.0%} of the bare write (the faster run)")
    print(f"flow: {flow_speed / write_speed:.0%} of the bare write (a flow is 6 requests)")
    if runs["growth"]:
        growth = enumerate(runs["growth"], start=1)
        speeds = []
        for i, (per_tenant, wall, _, before, after) in growth:
            speeds.append(printed(f"flow round {i}", per_tenant, wall, "flows"))
            growth_report(i, before, after, sum(1 for _, sent in per_tenant if sent) or 1)
        print(f"flow rounds: the last {speeds[-1] / speeds[0]:.0%} of the first")
    sent = arguments.tenants * (2 + len(runs["growth"]))
    responses, spent, answers = runs["stored"]
    print(
        f"stored: {responses} responses with {answers} answers, {spent} invitations spent"
        f" (expected {sent}, {sent * 12} and {sent})"
    )


def compare(arguments, url: str) -> None:
    """The flow of ``--compare``'s commit and of this checkout in turns, each on fresh data:
    flows per second of both per turn, and the median of their ratios."""
    revision, n, clients = arguments.compare, arguments.tenants, arguments.clients
    ratios = []
    with checkout(revision) as tree:
        for turn in range(1, arguments.rounds + 1):
            speeds = []
            for name, root in ((revision, tree), ("here", ROOT)):
                if url.startswith("sqlite"):
                    url = f"sqlite:///{WORK}/compare-{turn}-{len(speeds)}.sqlite"
                tokens = seed(root, url, "fresh", n + arguments.warm_up)
                with consult_server(root, url, arguments.workers) as base:
                    flows(base, tokens[: arguments.warm_up], clients)  # untimed
                    per_tenant, wall, _ = flows(base, tokens[arguments.warm_up :], clients)
                speeds.append(printed(f"flow {name} {turn}", per_tenant, wall, "flows"))
            ratios.append(speeds[1] / speeds[0])
    turns = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
    print(f"flow: here {statistics.median(ratios):.2f}x {revision} (turns: {turns})")


if __name__ == "__main__":
    main()
