"""Results page in the browser: time until its charts are drawn on a first visit, at a 4x
slowed CPU, and the JavaScript bytes on the wire.

Seeds the demo into a fresh SQLite database, serves the app on 127.0.0.1 (werkzeug, threaded)
and opens, in headless Chromium driven by Playwright, the results of the demo's closed
consultation (all respondents, and split per Wijk) as the demo board member. Each run is a
new browser context (an empty cache: a first visit); the sign-in happens before the cache is
emptied and the CPU is slowed, so only the results page itself is measured.

  drawn   milliseconds from the start of the navigation until every chart in or near the
          first screen is drawn (charts.js's mark ``charts-in-view``; charts further down are
          drawn only when scrolled near); also when Plotly's script had arrived and when the
          first chart was drawn;
  JS      bytes of every script response as they came over the wire (CDP
          ``Network.loadingFinished``' encodedDataLength: headers and compressed body).

The CPU is slowed with CDP ``Emulation.setCPUThrottlingRate`` (rate 4). Prints the median of
the runs and whether the targets of issue 22 are met: drawn within 1.5 s, JS at most 400 KB.

With ``--full`` the browser gets Plotly's full bundle from the Python package instead (as
before issue 22; served by Playwright, so its bytes on the wire are not counted).

Run:  .venv/bin/python bench/results_page.py [--runs 5] [--rate 4] [--width 360] [--full]
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
#: Plotly's full bundle in the Python package: what the pages loaded before issue 22.
FULL_BUNDLE = str(
    next((ROOT / ".venv").glob("lib/python*/site-packages/plotly/package_data/plotly.min.js"), "")
)
DRAWN_TARGET_MS = 1500
JS_TARGET_BYTES = 400_000
#: charts.js marks when every chart in or near the first screen is drawn; those further down
#: are drawn only when scrolled near (IntersectionObserver), so that is when the page is ready.
IN_VIEW_DRAWN = "() => performance.getEntriesByName('charts-in-view').length > 0"
#: (ms when the charts in view were drawn, how many of the charts were)
IN_VIEW = """() => [performance.getEntriesByName('charts-in-view')[0].startTime,
  [...document.querySelectorAll('.chart')].filter(c => c.querySelector('.main-svg')).length]"""
#: (ms when the first chart was drawn, when Plotly's script had arrived, when it had run
#: (charts.js starts), how many charts)
DETAILS = """() => [
  performance.getEntriesByType('mark').filter(m => m.name === 'chart-first')
    .map(m => m.startTime)[0] || null,
  performance.getEntriesByType('mark').filter(m => m.name === 'charts-start')
    .map(m => m.startTime)[0] || null,
  performance.getEntriesByType('resource').filter(r => r.name.includes('/vendor/plotly'))
    .map(r => r.responseEnd)[0] || null,
  document.querySelectorAll('.chart').length]"""
FIRST_DRAWN = """() => new MutationObserver((changes, observer) => {
  if (document.querySelector('.chart .main-svg')) {
    performance.mark('chart-first'); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true})"""


def serve(database_url: str):
    """The app with the demo, served in a thread; returns (base URL, server, app)."""
    import logging

    from werkzeug.serving import make_server

    from consult import create_app
    from consult.demo import seed
    from consult.extensions import db
    from tests.databases import migrate_from_empty

    app = create_app(
        {"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "TESTING": False}
    )
    migrate_from_empty(app)
    for name in ("werkzeug", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    with app.app_context():
        seed()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server, app


def sign_in(page, base: str) -> None:
    from consult.demo import DEMO_PASSWORD

    page.goto(f"{base}/login")
    page.fill("input[name=email]", "bestuur@devoorbeeld.nl")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_load_state()


def one_visit(browser, base: str, path: str, args) -> dict:
    """The figures of one first visit: ms until every chart in or near the first screen is
    drawn ("drawn"; "in_view" of the "charts" on the page), until the first one is
    ("first"), until Plotly's script arrived ("script"), script bytes on the
    wire ("wire") and the number of charts ("charts")."""
    context = browser.new_context(viewport={"width": args.width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    sign_in(page, base)
    if args.full:  # the full bundle of the Python package, as before issue 22
        page.route("**/vendor/plotly-*.min.js", lambda route: route.fulfill(path=FULL_BUNDLE))
    page.add_init_script(f"({FIRST_DRAWN})()")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    scripts: set[str] = set()
    wire = {"bytes": 0}

    def on_response(event):
        if event.get("type") == "Script":
            scripts.add(event["requestId"])

    def on_finished(event):
        if event["requestId"] in scripts:
            wire["bytes"] += int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.rate})
    page.goto(f"{base}{path}", wait_until="commit")
    page.wait_for_function(IN_VIEW_DRAWN, polling=50, timeout=120_000)
    drawn, in_view = page.evaluate(IN_VIEW)
    first, started, script, charts = page.evaluate(DETAILS)
    page.wait_for_load_state("load")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.close()
    return {
        "drawn": drawn,
        "first": first,
        "started": started,
        "script": script,
        "wire": wire["bytes"],
        "charts": charts,
        "in_view": in_view,
    }


def middle(values) -> float | None:
    """The median of the values measured (a figure is None when nothing was drawn)."""
    measured = [value for value in values if value is not None]
    return statistics.median(measured) if measured else None


def ms(value: float | None) -> str:
    return "none drawn" if value is None else f"{value:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rate", type=float, default=4)
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument(
        "--full", action="store_true", help="the full bundle instead (drawn times only)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from consult.demo import DEMO_SLUG

    folder = tempfile.mkdtemp(prefix="results-page-")
    base, server, app = serve(f"sqlite:///{folder}/bench.sqlite")
    with app.app_context():
        from sqlalchemy import select

        from consult.extensions import db
        from consult.panel.models import SegmentDimension

        wijk = db.session.scalar(select(SegmentDimension).where(SegmentDimension.name == "Wijk"))
        pages = {
            "results": f"/o/{DEMO_SLUG}/consultations/1/results",
            "results per Wijk": f"/o/{DEMO_SLUG}/consultations/1/results?by={wijk.id}",
        }
    bundle = "full bundle (before)" if args.full else "partial bundle"
    print(
        f"{bundle}, CPU slowed {args.rate:g}x, {args.width} px wide, median of {args.runs} "
        f"first visits, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    met = True
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for name, path in pages.items():
            visits = [one_visit(browser, base, path, args) for _ in range(args.runs)]
            median = {key: middle(v[key] for v in visits) for key in visits[0]}
            runs = ", ".join(f"{visit['drawn']:.0f}" for visit in visits)
            ok = median["drawn"] <= DRAWN_TARGET_MS and median["wire"] <= JS_TARGET_BYTES
            met = met and ok
            print(
                f"{name}: {median['charts']:.0f} charts, {median['in_view']:.0f} in view;"
                f" script arrived {median['script']:.0f} ms,"
                f" run {median['started']:.0f} ms, first chart {ms(median['first'])}, those"
                f" in view drawn {median['drawn']:.0f} ms (runs: {runs}); JavaScript on the wire"
                f" {median['wire'] / 1000:.1f} KB: {'met' if ok else 'NOT met'}"
            )
        browser.close()
    server.shutdown()
    print(
        f"targets (drawn <= {DRAWN_TARGET_MS / 1000} s, JS <= {JS_TARGET_BYTES / 1000:.0f} KB):",
        "met" if met else "NOT met",
    )


if __name__ == "__main__":
    main()
