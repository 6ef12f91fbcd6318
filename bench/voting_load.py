"""The voting round of the load bench (``answer_load.py --voting``): N members (default 200)
cast their ballot in a board election at the same moment, from C client threads, against
Consult under gunicorn. Prints the errors (must be 0), the time it took (within a minute),
the ballots stored (exactly N, each once) and whether the count equals the ballots.

Each voter opens the one-time link, then posts the ballot (one or two candidates, every
tenth one a blank vote). After the round the election is closed and counted; the check
reads the database through Consult's own services (``voting_seed.py``).
"""

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from load_support import NoRedirect, printed, run, timed

BENCH = Path(__file__).resolve().parent
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def seed(url: str, command: str, count: int = 0) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(BENCH / "voting_seed.py"), url, command, str(count)],
        capture_output=True,
        text=True,
        cwd=BENCH.parent,
    )
    if done.returncode:
        raise RuntimeError(f"voting_seed.py {command} failed:\n{done.stderr}")
    return done.stdout.split("\n")


def voter(base: str, token: str, number: int, candidates: list[str]) -> tuple[float, bool]:
    """One voter: open the link, post the ballot; (seconds, ok) of both together."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url = f"{base}/v/{token}"
    opened, status, body, _ = timed(opener, urllib.request.Request(url))
    if status != 200:
        return opened, False
    found = CSRF.search(body.decode())
    fields = [("csrf_token", found.group(1))] if found else []
    if number % 10 == 9:
        fields.append(("abstain", "1"))
    else:
        chosen = {candidates[number % 4], candidates[(number * 7) % 4]}
        fields += [("chosen", c) for c in sorted(chosen)] + [("submit", "1")]
    data = urllib.parse.urlencode(fields).encode()
    sent, status, body, _ = timed(opener, urllib.request.Request(url, data=data))
    return opened + sent, status == 200


def voting_round(url: str, workers: int, voters: int, clients: int, server) -> bool:
    """The round; ``server(url, workers)`` serves Consult. Returns whether it passed."""
    lines = seed(url, "fresh", voters)
    candidates, tokens = lines[0].split(), [t for t in lines[1:] if t]
    with server(url, workers) as base:
        results, wall = run(
            lambda pair: voter(base, pair[1], pair[0], candidates),
            list(enumerate(tokens)),
            clients,
        )
    printed("vote", results, wall, "votes")
    errors = sum(1 for _, ok in results if not ok)
    participations, sealed, ballots, blank, votes, recount = map(int, seed(url, "check")[:6])
    print(
        f"voting: {voters} voters, {clients} client threads, {wall:.1f} s, errors {errors};"
        f" stored {participations} participations, {ballots} ballots counted ({blank} blank,"
        f" {votes} votes), {sealed} sealed left; recount equals the count: {bool(recount)}"
    )
    passed = errors == 0 and participations == ballots == voters and not sealed and recount
    print(f"voting round: {'passed' if passed and wall < 60 else 'FAILED'} (within a minute)")
    return passed
