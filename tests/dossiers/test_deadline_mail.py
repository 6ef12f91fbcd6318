"""Deadline mails to the board: a week before, on the day, once overdue, and never twice."""

import threading
from datetime import date, timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy import delete, func, select

from consult.core.clock import today as real_today
from consult.core.policy import Role
from consult.dossiers import services
from consult.dossiers.deadlines import notices as deadline_mail
from consult.dossiers.models import Phase, ReplyOutcome
from consult.extensions import db
from consult.mail import delivery
from consult.mail.models import OutboxMessage
from consult.organisations.models import Membership
from tests import factories

#: Requested on Tuesday 1 September 2026; the advice is due on Wednesday 14 October.
REQUESTED = date(2026, 9, 1)
DUE = date(2026, 10, 14)


def deadline_mails() -> list[tuple[str, str]]:
    """(recipient, stage) of every deadline mail queued, in order."""
    messages = db.session.scalars(
        select(OutboxMessage).filter_by(kind="deadline").order_by(OutboxMessage.id)
    )
    return [(m.recipient, m.context["stage"]) for m in messages]


@pytest.fixture
def board(ctx):
    """An organisation with a responsible board member, another board member, an admin and a
    viewer, and a dossier whose advice is due on DUE."""
    org = factories.organisation()
    people = {role: factories.user(org, role, f"{role}@example.org") for role in Role}
    people["other"] = factories.user(org, Role.BOARD, "other@example.org")
    dossier = factories.dossier(
        org,
        "Huurverhoging",
        requested_on=REQUESTED,
        advice_due_on=DUE,
        responsibles=[people["board"]],
    )
    db.session.commit()
    return org, dossier, people


def test_a_week_before_on_the_day_and_once_overdue(board):
    """Does the responsible board member get one mail a week before, one on the day and one
    when the advice is overdue, however often the worker looks in between?"""
    runs = [DUE - timedelta(days=8), DUE - timedelta(days=7), DUE - timedelta(days=7)]
    runs += [DUE - timedelta(days=3), DUE, DUE, DUE + timedelta(days=1), DUE + timedelta(days=2)]
    queued = [deadline_mail.send_deadline_mails(day) for day in runs]
    assert queued == [0, 1, 0, 0, 1, 0, 1, 0]
    assert deadline_mails() == [
        ("board@example.org", "week"),
        ("board@example.org", "today"),
        ("board@example.org", "overdue"),
    ]


def test_a_new_due_date_gets_mails_of_its_own(board):
    """When the landlord sets another term, is the new date mailed about again?"""
    _, dossier, _ = board
    deadline_mail.send_deadline_mails(DUE - timedelta(days=7))
    dossier.advice_due_on = DUE + timedelta(days=14)
    db.session.commit()
    assert deadline_mail.send_deadline_mails(DUE - timedelta(days=3)) == 0
    assert deadline_mail.send_deadline_mails(DUE + timedelta(days=7)) == 1
    assert [stage for _, stage in deadline_mails()] == ["week", "week"]


def test_an_old_overdue_deadline_is_not_mailed_about(board):
    """Is a deadline that passed more than a week ago (before mails existed) left alone?"""
    assert deadline_mail.send_deadline_mails(DUE + timedelta(days=8)) == 0


def test_without_responsibles_the_whole_board_is_mailed_but_no_viewer(board):
    """Does a dossier without a responsible board member (or whose responsible lost the
    role) reach every board member and admin, and never a viewer?"""
    org, dossier, people = board
    db.session.execute(delete(Membership).where(Membership.user_id == people["board"].id))
    db.session.commit()
    deadline_mail.send_deadline_mails(DUE)
    assert sorted(r for r, _ in deadline_mails()) == ["admin@example.org", "other@example.org"]


def test_closed_dossiers_and_done_deadlines_send_nothing(board):
    """Is nothing mailed for a withdrawn dossier, or for advice that has been given?"""
    org, dossier, _ = board
    services.move(dossier, Phase.WITHDRAWN)
    given = factories.dossier(org, requested_on=REQUESTED, advice_due_on=DUE)
    services.move(given, Phase.DRAFTING)
    services.move(given, Phase.ADVISED, on=DUE - timedelta(days=5))
    db.session.commit()
    assert deadline_mail.send_deadline_mails(DUE) == 0


def test_the_landlords_reply_is_mailed_about_too(board):
    """After the advice was given, is the landlord's reply term (14 days) mailed about on its
    day, and no longer once the reply came in?"""
    _, dossier, _ = board
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=date(2026, 10, 9))
    db.session.commit()
    assert deadline_mail.send_deadline_mails(date(2026, 10, 23)) == 1
    [context] = db.session.scalars(select(OutboxMessage.context)).all()
    assert (context["deadline"], context["stage"]) == ("reasons", "today")
    services.move(dossier, Phase.LANDLORD_REPLY, date(2026, 10, 22), ReplyOutcome.FOLLOWED)
    db.session.commit()
    assert deadline_mail.send_deadline_mails(date(2026, 10, 24)) == 0


def test_two_workers_at_once_queue_each_mail_once(app, app_with):
    """Do two worker processes looking at the same moment queue every mail exactly once?"""
    with app.app_context():
        org = factories.organisation()
        for number in range(5):
            factories.user(org, Role.BOARD, f"board{number}@example.org")
        for title in ("Huurverhoging", "Servicekosten", "Sloop"):
            factories.dossier(org, title, requested_on=REQUESTED, advice_due_on=DUE)
        db.session.commit()
    workers = [app, app_with()]
    barrier, results = threading.Barrier(len(workers)), []

    def run(worker):
        with worker.app_context():
            barrier.wait()
            results.append(deadline_mail.send_deadline_mails(DUE))
            db.session.remove()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(results) == 15
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 15


def test_a_mail_queued_by_another_worker_meanwhile_is_skipped(board, monkeypatch):
    """When another worker queued the same mail between our look and our write, is it
    skipped by the database's unique key, with the rest still queued?"""
    deadline_mail.send_deadline_mails(DUE)
    monkeypatch.setattr(deadline_mail.outbox, "unqueued", lambda keys: keys)
    org, _, _ = board
    factories.dossier(org, "Nieuw", requested_on=REQUESTED, advice_due_on=DUE)
    db.session.commit()
    assert deadline_mail.send_deadline_mails(DUE) == 3
    assert len(deadline_mails()) == 4


def test_the_worker_looks_again_only_after_a_while(app_with):
    """Does the worker's round skip the deadline check until the interval has passed?"""
    worker = app_with(DEADLINE_MAIL_CHECK_SECONDS=3600)
    with worker.app_context():
        org = factories.organisation()
        factories.user(org, Role.BOARD)
        today = real_today()
        factories.dossier(org, requested_on=today - timedelta(days=40), advice_due_on=today)
        db.session.commit()
        assert deadline_mail.check_deadlines() == 1
        factories.dossier(org, requested_on=today - timedelta(days=40), advice_due_on=today)
        db.session.commit()
        assert deadline_mail.check_deadlines() == 0
        worker.config["DEADLINE_MAIL_CHECK_SECONDS"] = 0
        assert deadline_mail.check_deadlines() == 1


def test_the_mail_names_the_dossier_in_the_recipients_language(mailing_app, smtp_server):
    """Does each board member get the deadline in their own language, with the dossier's
    code, title, date and a link to it?"""
    with mailing_app.app_context():
        org = factories.organisation()
        factories.user(org, Role.BOARD, "nl@example.org")
        factories.user(org, Role.ADMIN, "en@example.org").locale = "en"
        dossier = factories.dossier(org, "Huur & servicekosten", REQUESTED, advice_due_on=DUE)
        link = f"http://localhost/o/{org.slug}/dossiers/{dossier.id}"
        code = dossier.code
        db.session.commit()
        deadline_mail.send_deadline_mails(DUE - timedelta(days=7))
        assert delivery.deliver_all() == 2
    mails = {m["To"]: m for m in smtp_server.messages()}
    subjects = {to: str(make_header(decode_header(m["Subject"]))) for to, m in mails.items()}
    assert "Advies uiterlijk 14 oktober 2026" in subjects["nl@example.org"]
    assert "Advice due October 14, 2026" in subjects["en@example.org"]
    for message in mails.values():
        parts = {
            part.get_content_type(): part.get_payload(decode=True).decode()
            for part in message.walk()
            if not part.is_multipart()
        }
        assert f"{code} “Huur & servicekosten”" in parts["text/plain"]
        assert link in parts["text/plain"] and link in parts["text/html"]
        assert "Huur &amp; servicekosten" in parts["text/html"]
