"""The answer flow in one process, without a server: flows per second and SQL statements per
request of a checkout (issue 27, page views and saves).

    python bench/flow_in_process.py CHECKOUT [FLOWS] [--profile]

Seeds ``load_seed``'s consultation into a fresh SQLite file, runs FLOWS flows (a GET and a POST
per page, the last POST sends) through Flask's test client as a warm-up, then FLOWS more,
counted; ``--profile`` prints cProfile's top functions as well. CHECKOUT is a source tree (for
instance ``git archive <commit> | tar -x -C /tmp/old``), imported first; the bench's own form
reader parses the pages. Compare checkouts in turns, in one run: the machine's load moves the
flows per second, not the statements.
"""

import collections
import cProfile
import os
import pstats
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from load_support import PAGES, read_answer_form


def main(checkout: str, flows: int, profile: bool) -> None:
    sys.path.insert(0, checkout)
    sys.path.insert(1, str(Path(checkout) / "bench"))
    import load_seed  # noqa: PLC0415 (the checkout's own)
    from sqlalchemy import event  # noqa: PLC0415

    from consult import create_app  # noqa: PLC0415
    from consult.extensions import db  # noqa: PLC0415

    database = Path(tempfile.mkdtemp()) / "flow.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "bench-only-secret",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        tokens = load_seed.fresh(flows * 2)
        engine = db.engine
    counts, current = collections.Counter(), [None]
    event.listen(engine, "before_cursor_execute", lambda *_: counts.update([current[0]]))

    def flow(token: str) -> None:
        client, address = app.test_client(), f"/i/{token}"
        page_address = address
        for page in range(1, PAGES + 1):
            current[0] = f"GET {page}"
            shown = client.get(page_address)
            assert shown.status_code == 200, shown.status_code
            action, fields = read_answer_form(shown.text)
            current[0] = f"POST {page}"
            posted = client.post(urllib.parse.urljoin(address, action), data=fields)
            assert posted.status_code == 302, posted.status_code
            page_address = posted.location
        current[0] = None

    for token in tokens[:flows]:
        flow(token)
    counts.clear()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    if profile:
        profiler.enable()
    for token in tokens[flows:]:
        flow(token)
    profiler.disable()
    elapsed = time.perf_counter() - started
    per_request = {name: count / flows for name, count in sorted(counts.items()) if name}
    print(f"{checkout}: {flows} flows in {elapsed:.2f}s, {flows / elapsed:.1f} flows/s")
    print(f"statements per request: {per_request}")
    if profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    os.remove(database)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--profile"]
    main(arguments[0], int(arguments[1]) if len(arguments) > 1 else 100, "--profile" in sys.argv)
