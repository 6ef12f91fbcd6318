"""Redis away: pages, sign-in and answering keep working with rate limits per process, mail
waits in the outbox, and once Redis is back the RQ workers send each message once.

SMTP down, a busy mail server and a worker killed mid-batch are in test_delivery.py.
"""

import os
import socket
import subprocess
import sys
import time

import pytest
from redis import Redis

from consult.extensions import db
from consult.mail import worker as mail_worker
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login
from tests.faultproxy import FaultProxy
from tests.invitations.test_delivery import _worker_environment, redis_url, statuses


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_member(app, world) -> None:
    with app.app_context():
        factories.member(db.session.get(Organisation, world.a.id))
        db.session.commit()


def invite(client, world):
    return client.post(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/invite")


def test_the_limiter_counts_in_redis_when_it_is_configured(app_with):
    """With REDIS_URL set, do rate limits count in Redis, shared by every worker?"""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    assert app_with(REDIS_URL=url).config["RATELIMIT_STORAGE_URI"] == url
    assert app_with().config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_pages_sign_in_and_answers_work_with_redis_down(app_with, world):
    """With Redis unreachable, do sign-in, inviting and answering still work, and does the
    sign-in limit still hold (counted in this process until Redis is back)?"""
    app = app_with(REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0", LOGIN_RATE_LIMIT="3/hour")
    add_member(app, world)
    client = app.test_client()
    assert client.get(f"/i/{world.a.tokens[0]}").status_code == 200
    assert login(client, world.a.board).status_code == 302
    started = time.monotonic()
    assert invite(client, world).status_code == 302
    assert time.monotonic() - started < 2
    assert statuses(app)["pending"] >= 1
    stranger = app.test_client()
    # Four tries over a limit of three: a window boundary in between still leaves one over.
    codes = [login(stranger, world.a.board, "wrong password").status_code for _ in range(4)]
    assert 429 in codes and 500 not in codes


def test_with_redis_down_the_worker_sends_the_mail_itself(mailing_app, smtp_server, world):
    """When the planner cannot reach Redis, does it send what is due itself, each once?"""
    mailing_app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    with mailing_app.app_context():
        waiting = statuses(mailing_app)["pending"]
        assert mail_worker._deliver_or_hand_over("planner") == waiting > 0
    assert len(smtp_server.recipients()) == len(set(smtp_server.recipients())) == waiting


@pytest.mark.slow
def test_mail_queued_while_redis_is_down_goes_out_once_when_it_is_back(
    mailing_app, smtp_server, world, database_url_for_test
):
    """Is mail queued while Redis is down kept in the outbox, and sent once by the RQ
    workers after Redis is back and the planner has handed it over?"""
    url = redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    host, port = url.split("//")[1].split("/")[0].split(":")
    proxy = FaultProxy(host, int(port)).start()
    proxied = f"redis://127.0.0.1:{proxy.port}/0"
    queue_name = f"consult-test-{os.getpid()}-{time.monotonic_ns()}"
    mailing_app.config.update(REDIS_URL=proxied, RQ_QUEUE=queue_name)
    add_member(mailing_app, world)
    client = mailing_app.test_client()
    login(client, world.a.board)
    try:
        proxy.cut()
        assert invite(client, world).status_code == 302  # the job is lost, the mail is not
        waiting = statuses(mailing_app)["pending"]
        assert waiting > 0 and Redis.from_url(url).llen(f"rq:queue:{queue_name}") == 0
        proxy.restore()
        with mailing_app.app_context():
            assert mail_worker._deliver_or_hand_over("planner") == 0  # handed to RQ
        worker = subprocess.run(
            [sys.executable, "-m", "consult.cli", "rq-worker", "--burst"],
            env=_worker_environment(
                database_url_for_test, smtp_server, REDIS_URL=proxied, RQ_QUEUE=queue_name
            ),
            capture_output=True,
            timeout=60,  # a bound, not a speed check: a busy machine starts Python slowly
        )
        assert worker.returncode == 0, worker.stderr
    finally:
        proxy.stop()
        Redis.from_url(url).delete(f"rq:queue:{queue_name}")
    assert statuses(mailing_app) == {"sent": waiting}
    assert len(smtp_server.recipients()) == len(set(smtp_server.recipients())) == waiting
