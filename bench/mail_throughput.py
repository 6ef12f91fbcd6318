"""Mail delivery throughput: Consult's outbox workers against a plain smtplib loop.

Queues N invitations (default 10,000) in a fresh database, then sends them to an aiosmtpd
server running in its own process:

  ceiling    the same messages, rendered beforehand, sent by one smtplib loop over one
             connection: the fastest this SMTP server takes them;
  1 worker   `consult worker` logic (claim, render, send, record each outcome) in one process;
  4 workers  four such processes at once.

Prints the times and the ratios to the ceiling, measured in this one run.
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
from consult.core.delivery import deliver_all
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[2], "MAIL_SERVER": "127.0.0.1",
                  "MAIL_PORT": int(sys.argv[3])})
with app.app_context():
    print("ready", flush=True)
    while not os.path.exists(sys.argv[4]):
        time.sleep(0.005)
    print(deliver_all(), flush=True)
"""


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)], stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    return sink


def stop_sink(sink: subprocess.Popen) -> int:
    sink.terminate()
    return int(sink.stdout.read().strip().splitlines()[-1])


def prepare(app, count: int) -> None:
    """A fresh schema with one organisation, ``count`` members, all invited."""
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from consult.extensions import db
    from consult.invitations.services import invite_panel
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
    """Every queued message as the worker would send it, rendered beforehand."""
    from sqlalchemy import select

    from consult.core.mailmessage import assemble
    from consult.core.outbox import OutboxMessage, prefetch_for, render
    from consult.extensions import db

    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        keep_loaded = prefetch_for(messages)  # noqa: F841 - the session only holds weakly
        sender = app.config["MAIL_DEFAULT_SENDER"]
        return [
            (m.recipient, assemble(sender, m.recipient, r.subject, r.text, r.html, m.message_id))
            for m, r in ((m, render(m)) for m in messages)
        ]


def ceiling(port: int, messages) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for recipient, raw in messages:
            connection.sendmail("noreply@localhost", [recipient], raw)
    return time.perf_counter() - started


def reset_outbox(app) -> None:
    from sqlalchemy import update

    from consult.core.outbox import OutboxMessage
    from consult.extensions import db
    from consult.invitations.models import Invitation

    with app.app_context():
        db.session.execute(
            update(OutboxMessage).values(
                status="pending", sent_at=None, attempts=0, claimed_by=None, claimed_until=None
            )
        )
        db.session.execute(update(Invitation).values(sent_at=None))
        db.session.commit()


def workers(count: int, url: str, port: int) -> tuple[float, int]:
    """Start ``count`` worker processes, release them at once, time until all are done."""
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
    handled = sum(int(process.stdout.read().strip()) for process in processes)
    elapsed = time.perf_counter() - started
    for process in processes:
        process.wait()
    return elapsed, handled


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
    floor = ceiling(port, messages)
    one, handled_one = workers(1, url, port)
    reset_outbox(app)
    four, handled_four = workers(4, url, port)
    received = stop_sink(sink)

    n = arguments.messages
    print(f"database: {url.split('://')[0]}, SMTP server: aiosmtpd in its own process")
    print(f"ceiling (smtplib loop, one connection): {floor:6.2f} s  {n / floor:7.0f} msg/s")
    print(f"1 worker:   {one:6.2f} s  {n / one:7.0f} msg/s  ratio to ceiling {one / floor:.2f}x")
    print(f"4 workers:  {four:6.2f} s  {n / four:7.0f} msg/s  ratio to ceiling {four / floor:.2f}x")
    print(
        f"messages handled: {handled_one} + {handled_four}; received by the server: {received}"
        f" (expected {3 * n})"
    )


if __name__ == "__main__":
    os.environ.setdefault("CONSULT_CONFIG", "")
    main()
