"""The load bench's tools: gunicorn servers, the tenant who pages through, timing and summaries.

Only the standard library and gunicorn: the bench runs with ``pip install -e '.[production]'``.
"""

import contextlib
import html
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PAGES = 3  #: the bench's questionnaire has three pages; sending is the POST of the last


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app_spec: str, workers: int, chdir: Path, env: dict | None = None):
    """Serves ``app_spec`` from ``chdir`` (first on the workers' path) with the bench's gunicorn
    settings; yields (base URL, the files each worker imported ``consult`` from)."""
    port = free_port()
    imports = Path(tempfile.mkstemp(suffix=".imports")[1])
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config", str(BENCH / "gunicorn_hooks.py"),
        "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning",
        "--chdir", str(chdir),
        app_spec,
    ]  # fmt: skip
    environment = {**os.environ, **(env or {}), "BENCH_IMPORTS": str(imports)}
    server = subprocess.Popen(command, env=environment)
    try:
        deadline = time.monotonic() + 60
        while len(imports.read_text().splitlines()) < workers:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"gunicorn did not start: {app_spec}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", set(imports.read_text().split())
    finally:
        server.terminate()
        server.wait()
        imports.unlink()


#: The tags of a form that ``read_answer_form`` looks at, and their quoted attributes.
_FORM_TAG = re.compile(r"<(form|input|textarea|select|/select|option)\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def read_answer_form(page: str) -> tuple[str, dict[str, str]]:
    """(the form's action, its fields filled in as a hurried tenant does: the first option
    everywhere, a short text). A few regular expressions rather than an HTML parser: the
    bench's client shares the machine with the server it measures, so it must cost little."""
    action, fields, select = "", {}, None
    for tag, attributes in _FORM_TAG.findall(page):
        attrs = {key: html.unescape(value) for key, value in _ATTRIBUTE.findall(attributes)}
        name = attrs.get("name")
        if tag == "form" and not action:
            action = attrs.get("action", "")
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                fields.setdefault(name, attrs.get("value", "y"))
            elif name.endswith("_other"):
                pass  # "other, namely" stays empty
            elif kind in ("hidden", "text", "email", "number"):
                numeric = attrs.get("inputmode") == "numeric"
                fields[name] = attrs.get("value") or ("3" if numeric else "Prima")
        elif tag == "textarea" and name:
            fields[name] = "Graag meer groen bij de speeltuin."
        elif tag == "select":
            select = name
        elif tag == "/select":
            select = None
        elif tag == "option" and select and attrs.get("value"):
            fields.setdefault(select, attrs["value"])
    return action, fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


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


def tenant(base: str, token: str, stop_at_send: bool = False):
    """One tenant opens the link and pages through: open a page, fill it in, save it.

    Returns (step, seconds, ok) per request: "open", "next" (a page saved) and "submit"
    (the last page's POST, which stores the response; ok when it leads to the thanks page).
    With ``stop_at_send`` it stops before that POST and returns (opener, the request) instead.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url, steps = f"{base}/i/{token}", []
    for page in range(1, PAGES + 1):
        seconds, status, body, _ = timed(opener, urllib.request.Request(url))
        steps.append(("open", seconds, status == 200))
        if status != 200:
            return None if stop_at_send else steps
        action, fields = read_answer_form(body.decode())
        data = urllib.parse.urlencode(fields).encode()
        post = urllib.request.Request(urllib.parse.urljoin(url, action), data=data)
        if page == PAGES and stop_at_send:
            return opener, post
        seconds, status, _, location = timed(opener, post)
        if page == PAGES:
            steps.append(("submit", seconds, location.endswith("/thanks")))
        else:
            steps.append(("next", seconds, status == 302))
            if status != 302:
                return None if stop_at_send else steps
            url = urllib.parse.urljoin(url, location)
    return steps


def send(prepared) -> tuple[float, bool]:
    """(seconds, whether it led to the thanks page) of a POST made ready by ``tenant``."""
    if prepared is None:
        return 0.0, False
    seconds, _, _, location = timed(*prepared)
    return seconds, location.endswith("/thanks")


def fetch(url: str) -> tuple[float, bool]:
    """(seconds, whether it answered 200) of one GET without cookies, as a new visitor."""
    seconds, status, *_ = timed(urllib.request.build_opener(), urllib.request.Request(url))
    return seconds, status == 200


def run(function, arguments, clients: int):
    """(results, wall seconds) of ``function`` over ``arguments`` from ``clients`` threads."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(function, arguments))
    return results, time.perf_counter() - started


def summary(name: str, timings: list[float], errors: int, wall: float, unit="req") -> str:
    if not timings:
        return f"{name:14} no successful requests, errors {errors}"
    q = statistics.quantiles(timings, n=100) if len(timings) > 1 else timings * 99
    return (
        f"{name:14} {len(timings) / wall:7.1f} {unit}/s  p50 {q[49] * 1000:6.0f} ms"
        f"  p95 {q[94] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms  errors {errors}"
    )


def printed(name: str, results: list[tuple[float, bool]], wall: float, unit="req") -> float:
    """Prints the summary of (seconds, ok) results; returns their throughput."""
    ok = [seconds for seconds, good in results if good]
    print(summary(name, ok, len(results) - len(ok), wall, unit))
    return len(ok) / wall
