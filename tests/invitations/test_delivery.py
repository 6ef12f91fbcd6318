"""Mail leaves through the outbox: exactly once, retried, bounced, never doubled by workers."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy import create_engine, func, select, update

from consult.core.clock import utcnow
from consult.extensions import db
from consult.invitations import inviting
from consult.invitations.models import Invitation
from consult.mail import delivery
from consult.mail.kinds import registered
from consult.mail.models import OutboxMessage
from consult.organisations.models import Organisation
from consult.panel.models import PanelMember
from tests import factories
from tests.conftest import login


def invite_members(app, count: int, emails=()) -> list[str]:
    """An organisation with ``count`` members (plus ``emails``), all invited; their addresses."""
    with app.app_context():
        org = factories.organisation()
        addresses = [f"tenant{n:04d}@example.org" for n in range(count)] + list(emails)
        for address in addresses:
            factories.member(org, email=address)
        inviting.invite_panel(factories.consultation(org))
        db.session.commit()
    return addresses


def statuses(app) -> Counter:
    with app.app_context():
        return Counter(db.session.scalars(select(OutboxMessage.status)))


def test_each_outcome_is_committed_before_the_next_message_arrives(mailing_app, smtp_server):
    """When a message arrives, are all the ones before it already recorded as sent, so that a
    worker dying now could resend only the one in flight?"""
    invite_members(mailing_app, 30)
    engine = create_engine(mailing_app.config["SQLALCHEMY_DATABASE_URI"])
    unrecorded = []

    def count_unrecorded():
        with engine.connect() as connection:
            sent = connection.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.status == "sent")
            )
        unrecorded.append(len(smtp_server.received) - sent)

    smtp_server.watch = count_unrecorded
    with mailing_app.app_context():
        assert delivery.deliver_all() == 30
    engine.dispose()
    assert unrecorded == [0] * 30


@pytest.mark.slow
def test_a_thousand_invitations_arrive_exactly_once(mailing_app, smtp_server):
    """Does a batch of 1,000 invitations reach every member once, each with its own id?"""
    addresses = invite_members(mailing_app, 1000)
    with mailing_app.app_context():
        assert delivery.deliver_all() == 1000
    assert sorted(smtp_server.recipients()) == sorted(addresses)
    assert len({m["Message-ID"] for m in smtp_server.messages()}) == 1000
    assert statuses(mailing_app) == {"sent": 1000}


def test_requests_never_wait_for_the_mail_server(app_with, world):
    """Does inviting answer at once even when the mail server accepts and never replies?"""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    app = app_with(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=silent.getsockname()[1], MAIL_SUPPRESS_SEND=False
    )
    client = app.test_client()
    login(client, world.a.board)
    with app.app_context():
        factories.member(db.session.get(Organisation, world.a.id))
        db.session.commit()
    started = time.monotonic()
    response = client.post(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/invite")
    silent.close()
    assert response.status_code == 302 and time.monotonic() - started < 2
    assert statuses(app)["pending"] >= 1


def test_a_server_that_is_down_delays_but_loses_nothing(mailing_app, smtp_server):
    """When the server is down, is every message kept and sent once it is back?"""
    addresses = invite_members(mailing_app, 30)
    smtp_server.stop()
    with mailing_app.app_context():
        assert delivery.deliver_all() == 0
    assert statuses(mailing_app) == {"pending": 30}
    smtp_server.start()
    with mailing_app.app_context():
        delivery.deliver_all()
    assert sorted(smtp_server.recipients()) == sorted(addresses)


def deliver_until_done(app, rounds: int = 20) -> None:
    """What the worker does over time: deliver again while anything is pending."""
    with app.app_context():
        for _ in range(rounds):
            delivery.deliver_all()
            if not db.session.scalar(select(OutboxMessage.id).filter_by(status="pending")):
                return


def test_a_busy_server_delays_but_doubles_nothing(mailing_app, smtp_server):
    """Does a server that hangs up busy (421) now and then still get every message once?"""
    addresses = invite_members(mailing_app, 20)
    smtp_server.defer_next = 7
    deliver_until_done(mailing_app)
    assert sorted(smtp_server.recipients()) == sorted(addresses)
    with mailing_app.app_context():
        assert db.session.scalar(select(func.max(OutboxMessage.attempts))) == 1


def test_a_busy_mailbox_is_retried_with_its_attempts_counted(mailing_app, smtp_server):
    """Is a message to a busy mailbox (450) retried later, while the others go on?"""
    addresses = invite_members(mailing_app, 5, emails=["busy@example.org"])
    smtp_server.busy["busy@example.org"] = 2
    deliver_until_done(mailing_app)
    assert sorted(smtp_server.recipients()) == sorted(addresses)
    with mailing_app.app_context():
        busy = db.session.scalar(select(OutboxMessage).filter_by(recipient="busy@example.org"))
        assert (busy.status, busy.attempts) == ("sent", 3)


def test_a_refused_address_bounces_and_is_not_mailed_again(mailing_app, smtp_server, client):
    """Is an address the server refuses (550) marked bounced, shown, and left out later?"""
    smtp_server.refuse["gone@example.org"] = "550 5.1.1 No such user"
    invite_members(mailing_app, 3, emails=["gone@example.org"])
    with mailing_app.app_context():
        delivery.deliver_all()
        member = db.session.scalar(select(PanelMember).filter_by(email="gone@example.org"))
        invitation = db.session.scalar(select(Invitation).filter_by(member_id=member.id))
        assert member.bounced_at is not None and invitation.bounced_at is not None
        assert inviting.invite_panel(factories.consultation(member.organisation)) == 3
        db.session.rollback()
        factories.user(member.organisation, email="board@example.org")
        slug = member.organisation.slug
        db.session.commit()
    assert statuses(mailing_app) == {"sent": 3, "bounced": 1}
    assert "gone@example.org" not in smtp_server.recipients()
    login(client, "board@example.org")
    panel = client.get(f"/o/{slug}/panel/").get_data(as_text=True)
    row = panel[panel.index("gone@example.org") :].split("</tr>")[0]
    assert "adres geweigerd" in row


def test_one_broken_message_does_not_stop_the_batch(mailing_app, smtp_server):
    """Does a message that cannot be rendered fail alone, while the rest goes out?"""
    addresses = invite_members(mailing_app, 5)
    with mailing_app.app_context():
        db.session.add(
            OutboxMessage(
                kind="invitation",
                idempotency_key="broken",
                recipient="x@example.org",
                context={"invitation_id": 999999},
            )
        )
        db.session.commit()
        delivery.deliver_all()
    assert sorted(smtp_server.recipients()) == sorted(addresses)
    assert statuses(mailing_app) == {"sent": 5, "failed": 1}


def test_a_failing_outcome_handler_never_makes_a_mail_go_out_twice(
    mailing_app, smtp_server, monkeypatch
):
    """When the domain cannot note that an invitation went out (a bug, say), is the mail
    still recorded as sent, once, and not sent again on the next round?"""
    addresses = invite_members(mailing_app, 3)

    def broken(_connection, _message, _status):
        raise RuntimeError("the domain cannot note it")

    with mailing_app.app_context():
        monkeypatch.setitem(registered().outcome_handlers, "invitation", broken)
        assert delivery.deliver_all() == 3
        assert delivery.deliver_all() == 0
    assert sorted(smtp_server.recipients()) == sorted(addresses)
    assert statuses(mailing_app) == {"sent": 3}


def test_a_finished_batch_leaves_nothing_claimed(mailing_app, smtp_server):
    """After a batch in which every message got an outcome (sent, retried later, bounced,
    refused or not composable), is none of them still held by the worker?"""
    odd = ["busy@example.org", "gone@example.org", "strict@example.org", "jos@bäcker.nl"]
    invite_members(mailing_app, 2, emails=odd)
    smtp_server.busy["busy@example.org"] = 1
    smtp_server.refuse["gone@example.org"] = "550 5.1.1 No such user"
    smtp_server.refuse_content.add("strict@example.org")
    with mailing_app.app_context():
        assert delivery.deliver_batch() == 6
        claimed = db.session.scalar(select(func.count(OutboxMessage.claimed_by)))
    assert claimed == 0
    assert statuses(mailing_app) == {"sent": 2, "pending": 1, "bounced": 1, "failed": 2}


def test_the_rate_limit_holds_back_the_rest(app_with, smtp_server):
    """With a limit of 10 a minute, does the worker send 10 and keep the rest for later?"""
    app = app_with(
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        MAIL_SUPPRESS_SEND=False,
        MAIL_RATE_PER_MINUTE=10,
    )
    invite_members(app, 25)
    with app.app_context():
        assert delivery.deliver_all() == 10
    assert statuses(app) == {"sent": 10, "pending": 15}


@pytest.mark.slow
def test_two_workers_never_send_the_same_message(mailing_app, smtp_server):
    """Do two workers at once share the batch without sending anything twice?"""
    addresses = invite_members(mailing_app, 300)
    mailing_app.config["MAIL_BATCH_SIZE"] = 20
    smtp_server.delay = 0.002

    def work(name):
        with mailing_app.app_context():
            delivery.deliver_all(worker=name)
            db.session.remove()

    workers = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(smtp_server.recipients()) == sorted(addresses)


def _worker_environment(database_url, smtp_server, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAIL_SERVER": smtp_server.host,
        "MAIL_PORT": str(smtp_server.port),
        **extra,
    }


@pytest.mark.slow
def test_a_killed_worker_resends_at_most_the_message_in_flight(
    mailing_app, smtp_server, database_url_for_test
):
    """After a worker is killed mid-batch and work resumes, does everyone have their mail once
    (at most the one message in flight twice, with the same Message-ID)?"""
    addresses = invite_members(mailing_app, 40)
    smtp_server.delay = 0.05
    worker = subprocess.Popen(
        [sys.executable, "-m", "consult.cli", "worker"],
        env=_worker_environment(database_url_for_test, smtp_server, MAIL_CLAIM_LEASE_SECONDS="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(smtp_server.received) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    smtp_server.delay = 0
    time.sleep(1.2)  # the dead worker's lease runs out
    with mailing_app.app_context():
        delivery.deliver_all()
    received = Counter(smtp_server.recipients())
    assert set(received) == set(addresses)
    doubled = [address for address, times in received.items() if times > 1]
    assert len(doubled) <= 1 and all(received[a] == 2 for a in doubled)
    ids = Counter(m["Message-ID"] for m in smtp_server.messages())
    assert sum(ids.values()) - len(ids) == len(doubled)


def redis_url() -> str | None:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        from redis import Redis

        Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - no Redis here
        if os.environ.get("CI"):
            raise
        return None
    return url


@pytest.mark.slow
def test_two_rq_workers_send_each_message_once(mailing_app, smtp_server, database_url_for_test):
    """Do two RQ workers on Redis share the outbox without doubling a message?"""
    url = redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    queue_name = f"consult-test-{os.getpid()}-{time.monotonic_ns()}"
    addresses = invite_members(mailing_app, 200)
    mailing_app.config.update(REDIS_URL=url, RQ_QUEUE=queue_name, MAIL_BATCH_SIZE=20)
    with mailing_app.app_context():
        from consult.mail.jobs import enqueue_delivery, mail_queue

        for _ in range(6):
            enqueue_delivery()
        queue = mail_queue()
    environment = _worker_environment(
        database_url_for_test, smtp_server, REDIS_URL=url, RQ_QUEUE=queue_name
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "consult.cli", "rq-worker", "--burst"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            assert worker.wait(timeout=120) == 0
    finally:
        queue.delete(delete_jobs=True)
    assert sorted(smtp_server.recipients()) == sorted(addresses)


def test_an_rq_worker_told_to_stop_quits_promptly(mailing_app):
    """Does an RQ worker quit at once when its command thread has already seen the
    unsubscribe (RQ's own worker then waited a minute: a burst run or a deploy hung)?"""
    url = redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from redis import Redis

    from consult.mail.jobs import MailWorker

    worker = MailWorker([f"consult-test-{os.getpid()}"], connection=Redis.from_url(url))
    worker.subscribe()
    worker.pubsub.unsubscribe()
    deadline = time.monotonic() + 10
    while worker.pubsub.subscribed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not worker.pubsub.subscribed  # the command thread now waits for a subscription
    stopping = threading.Thread(target=worker.unsubscribe, daemon=True)
    stopping.start()
    stopping.join(timeout=10)  # a bound: the stock worker waits 60 s
    assert not stopping.is_alive() and not worker.pubsub_thread.is_alive()


def test_each_member_gets_the_mail_in_their_own_language(mailing_app, smtp_server):
    """Does a member who chose English get the invitation in English, the rest in Dutch?"""
    with mailing_app.app_context():
        org = factories.organisation()
        factories.member(org, email="nl@example.org")
        factories.member(org, email="en@example.org").locale = "en"
        inviting.invite_panel(factories.consultation(org))
        db.session.commit()
        delivery.deliver_all()
    subjects = {
        m["To"]: str(make_header(decode_header(m["Subject"]))) for m in smtp_server.messages()
    }
    assert subjects["en@example.org"].startswith("Your opinion, please")
    assert subjects["nl@example.org"].startswith("Uw mening")


def test_a_title_cannot_add_headers_to_the_mail(mailing_app, smtp_server):
    """Can a consultation title with line breaks (say, stored before titles were cleaned)
    smuggle a Bcc header into the invitation?"""
    with mailing_app.app_context():
        org = factories.organisation()
        factories.member(org, email="tenant@example.org")
        consultation = factories.consultation(org)
        consultation.title = "Servicekosten\r\nBcc: evil@example.org"
        inviting.invite_panel(consultation)
        db.session.commit()
        delivery.deliver_all()
    (mail,) = smtp_server.messages()
    assert mail["Bcc"] is None and smtp_server.recipients() == ["tenant@example.org"]


def test_an_address_that_cannot_be_sent_fails_alone(mailing_app, smtp_server):
    """Does a message that cannot be written out (a non-ASCII address) fail on its own,
    without holding up the rest of the batch?"""
    addresses = invite_members(mailing_app, 4, emails=["jos@bäcker.nl"])
    deliver_until_done(mailing_app)
    assert sorted(smtp_server.recipients()) == sorted(addresses[:4])
    assert statuses(mailing_app) == {"sent": 4, "failed": 1}


def test_a_relay_that_refuses_us_bounces_nobody(mailing_app, smtp_server):
    """When the relay refuses for its own reasons (relay denied), is no member's address
    marked as refused, and does the mail wait with the reason shown?"""
    addresses = invite_members(mailing_app, 3)
    for address in addresses:
        smtp_server.refuse[address] = "554 5.7.1 Relay access denied"
    with mailing_app.app_context():
        delivery.deliver_all()
        assert db.session.scalar(select(func.count(PanelMember.bounced_at))) == 0
        errors = set(db.session.scalars(select(OutboxMessage.last_error)))
    assert statuses(mailing_app) == {"pending": 3}
    assert errors == {"recipient refused: 554 5.7.1 Relay access denied"}


def test_refused_content_fails_the_message_but_not_the_address(mailing_app, smtp_server):
    """Is a message refused after DATA marked failed, without blaming the member's address?"""
    invite_members(mailing_app, 2, emails=["strict@example.org"])
    smtp_server.refuse_content.add("strict@example.org")
    with mailing_app.app_context():
        delivery.deliver_all()
        assert db.session.scalar(select(func.count(PanelMember.bounced_at))) == 0
    assert statuses(mailing_app) == {"sent": 2, "failed": 1}


@pytest.mark.slow
def test_a_worker_whose_lease_runs_out_does_not_double_mail(mailing_app, smtp_server):
    """With a lease shorter than a batch takes, does a second worker starting later leave
    the first one's messages alone, so that nobody gets two mails?"""
    addresses = invite_members(mailing_app, 40)
    mailing_app.config["MAIL_CLAIM_LEASE_SECONDS"] = 1
    smtp_server.delay = 0.05

    def work(name, wait):
        time.sleep(wait)
        with mailing_app.app_context():
            delivery.deliver_all(worker=name)
            db.session.remove()

    workers = [threading.Thread(target=work, args=(f"w{n}", n * 1.3)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(smtp_server.recipients()) == sorted(addresses)


def test_a_message_taken_over_meanwhile_is_left_to_its_new_worker(app_with, smtp_server):
    """When another worker took over a later message of a batch while the lease had run out,
    does the first worker, renewing its lease, skip that message instead of sending it too?"""
    app = app_with(
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        MAIL_SUPPRESS_SEND=False,
        MAIL_SMTP_TIMEOUT_SECONDS=1,  # the lease is renewed from 6 s before it runs out
        MAIL_CLAIM_LEASE_SECONDS=7,  # so once, after about a second of sending
    )
    addresses = invite_members(app, 6)
    smtp_server.delay = 0.4
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        ids = db.session.scalars(select(OutboxMessage.id).order_by(OutboxMessage.id)).all()
    taken = ids[4]

    def take_over_once():
        smtp_server.watch = None
        with engine.begin() as connection:
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == taken)
                .values(claimed_by="another worker", claimed_until=utcnow() + timedelta(hours=1))
            )

    smtp_server.watch = take_over_once
    with app.app_context():
        delivery.deliver_batch(worker="first worker")
        message = db.session.get(OutboxMessage, taken)
        assert (message.status, message.claimed_by) == ("pending", "another worker")
    engine.dispose()
    assert sorted(smtp_server.recipients()) == sorted(addresses[:4] + addresses[5:])


def test_the_rate_limit_holds_for_all_workers_together(app_with, smtp_server):
    """With a limit of 10 a minute, do two workers at once send 10 together?"""
    app = app_with(
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        MAIL_SUPPRESS_SEND=False,
        MAIL_RATE_PER_MINUTE=10,
        MAIL_BATCH_SIZE=5,
    )
    invite_members(app, 30)
    barrier = threading.Barrier(2)

    def work():
        with app.app_context():
            barrier.wait()
            delivery.deliver_all()
            db.session.remove()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert len(smtp_server.received) == 10


def test_password_resets_go_before_bulk_mail(mailing_app, smtp_server):
    """Does a password reset jump the queue of a large invitation round?"""
    from consult.accounts.services import create_user, request_password_reset

    invite_members(mailing_app, 30)
    with mailing_app.app_context():
        create_user("board@example.org", "a long password")
        request_password_reset("board@example.org")
        db.session.commit()
        delivery.deliver_batch(limit=1)
    assert smtp_server.recipients() == ["board@example.org"]


def test_the_board_can_say_a_refused_address_works_again(mailing_app, smtp_server, client):
    """After a bounce, can the board mark the address as working, so it is invited again?"""
    smtp_server.refuse["typo@example.org"] = "550 5.1.1 No such user"
    invite_members(mailing_app, 0, emails=["typo@example.org"])
    with mailing_app.app_context():
        delivery.deliver_all()
        member = db.session.scalar(select(PanelMember).filter_by(email="typo@example.org"))
        factories.user(member.organisation, email="board@example.org")
        slug, member_id = member.organisation.slug, member.id
        db.session.commit()
    login(client, "board@example.org")
    panel = client.get(f"/o/{slug}/panel/").get_data(as_text=True)
    assert f'action="/o/{slug}/panel/{member_id}/address-works"' in panel
    assert "Adres werkt weer" in panel
    client.post(f"/o/{slug}/panel/{member_id}/address-works")
    with mailing_app.app_context():
        member = db.session.get(PanelMember, member_id)
        assert member.bounced_at is None
        assert inviting.invite_panel(factories.consultation(member.organisation)) == 1
