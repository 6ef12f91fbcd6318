"""Mail delivery throughput: Consult's outbox workers against a plain smtplib loop.

Queues N invitations (default 10,000) in a fresh database, then sends them to an aiosmtpd
server running in its own process:

  ceiling    the same messages, rendered beforehand, sent by one smtplib loop over one
             connection: the fastest this SMTP server takes them (run before and after the
             workers; the faster run counts, so a machine that got busier cannot flatter them);
  1 worker   `consult worker` logic (claim, render, send, record each outcome) in one process;
  4 workers  four such processes at once.
Workers are loaded before the clock starts and timed until each reports that it is done, so
neither Python's start nor its shutdown counts, as for the ceiling loop.

Prints the times and the ratios to the ceiling, measured in this one run, and the CPU time
per message of the senders and of the SMTP server (from /proc, on Linux): unlike the times,
these hardly change when other programs share the machine.
Run:  .venv/bin/python bench/mail_throughput.py [--messages 10000] [--database-url URL]
"""

import argparse
import os
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mailserver import free_port  # noqa: E402 - after the path is set

SINK = """
import signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # before any thread starts
from aiosmtpd.controller import Controller
class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 OK"
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM})
controller.stop()
print(Sink.count, flush=True)
"""

WORKER = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from consult import create_app
from consult.mail.delivery import deliver_all
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[2], "MAIL_SERVER": "127.0.0.1",
                  "MAIL_PORT": int(sys.argv[3])})
with app.app_context():
    print("ready", flush=True)
    while not os.path.exists(sys.argv[4]):
        time.sleep(0.005)
    started = time.process_time()
    handled = deliver_all()
    print(handled, time.process_time() - started, flush=True)
"""


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)], stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    return sink


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far; 0 where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_sink(sink: subprocess.Popen) -> int:
    sink.terminate()
    return int(sink.stdout.read().strip().splitlines()[-1])


def prepare(app, count: int) -> None:
    """A fresh schema with one organisation, ``count`` members, all invited."""
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from consult.extensions import db
    from consult.invitations.inviting import invite_panel
    from consult.panel.models import PanelMember
    from tests import factories

    with app.app_context():
        upgrade()
        org = factories.organisation("Huurdersvereniging Bench")
        db.session.execute(
            insert(PanelMember),
            [
                {
                    "organisation_id": org.id,
                    "email": f"huurder{n:05d}@example.nl",
                    "locale": "nl",
                    "status": "active",
                }
                for n in range(count)
            ],
        )
        invite_panel(factories.consultation(org))
        db.session.commit()


def rendered_messages(app) -> list[tuple[str, bytes]]:
    """Every queued message as the worker would send it (List-Unsubscribe headers and logo
    included), rendered beforehand."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.mail.message import assemble
    from consult.mail.models import OutboxMessage
    from consult.mail.rendering import prefetch_for, render

    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        keep_loaded = prefetch_for(messages)  # noqa: F841 - the session only holds weakly
        sender = app.config["MAIL_DEFAULT_SENDER"]
        return [
            (
                m.recipient,
                assemble(
                    sender,
                    m.recipient,
                    r.subject,
                    r.text,
                    r.html,
                    m.message_id,
                    r.unsubscribe_url,
                    r.logo,
                ),
            )
            for m, r in ((m, render(m)) for m in messages)
        ]


def ceiling(port: int, messages) -> tuple[float, float]:
    """Wall time and CPU time of one smtplib loop sending ``messages``."""
    started, cpu = time.perf_counter(), time.process_time()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for recipient, raw in messages:
            connection.sendmail("noreply@localhost", [recipient], raw)
    return time.perf_counter() - started, time.process_time() - cpu


def reset_outbox(app) -> None:
    from sqlalchemy import update

    from consult.extensions import db
    from consult.invitations.models import Invitation
    from consult.mail.models import OutboxMessage

    with app.app_context():
        db.session.execute(
            update(OutboxMessage).values(
                status="pending", sent_at=None, attempts=0, claimed_by=None, claimed_until=None
            )
        )
        db.session.execute(update(Invitation).values(sent_at=None))
        db.session.commit()


def workers(count: int, url: str, port: int) -> tuple[float, float, int]:
    """Start ``count`` worker processes, release them at once, time until each has reported
    that it is done (every outcome committed; its shutdown is not timed); returns that time,
    their CPU time while sending, and how many messages they handled."""
    go = Path(tempfile.mkdtemp()) / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ROOT), url, str(port), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    reports = [process.stdout.readline().split() for process in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.wait()
    return elapsed, sum(float(cpu) for _, cpu in reports), sum(int(n) for n, _ in reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    arguments = parser.parse_args()
    url = arguments.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"

    from consult import create_app

    port = free_port()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}
    )
    started = time.perf_counter()
    prepare(app, arguments.messages)
    print(f"queued {arguments.messages} invitations in {time.perf_counter() - started:.1f} s")
    messages = rendered_messages(app)

    sink = start_sink(port)
    phases = {}  # name -> (wall time, senders' CPU time, the server's CPU time)

    def measure(name, run):
        server = cpu_seconds(sink.pid)
        wall, cpu, *handled = run()
        phases[name] = (wall, cpu, cpu_seconds(sink.pid) - server)
        return sum(handled)

    measure("ceiling, before", lambda: ceiling(port, messages))
    handled_one = measure("1 worker", lambda: workers(1, url, port))
    reset_outbox(app)
    handled_four = measure("4 workers", lambda: workers(4, url, port))
    measure("ceiling, after", lambda: ceiling(port, messages))
    received = stop_sink(sink)

    n = arguments.messages
    floor = min(phases["ceiling, before"][0], phases["ceiling, after"][0])
    print(f"database: {url.split('://')[0]}, SMTP server: aiosmtpd in its own process")
    print("                    time    msg/s  ratio   CPU ms per message: senders  server")
    for name, (wall, cpu, server) in phases.items():
        print(
            f"{name:16s} {wall:6.2f} s {n / wall:7.0f} {wall / floor:5.2f}x"
            f"                      {cpu / n * 1e3:5.3f}   {server / n * 1e3:5.3f}"
        )
    print(
        f"messages handled: {handled_one} + {handled_four}; received by the server: {received}"
        f" (expected {4 * n})"
    )


if __name__ == "__main__":
    os.environ.setdefault("CONSULT_CONFIG", "")
    main()
