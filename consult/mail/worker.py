"""The mail worker: on every round the domains' periodic jobs, then delivery here or, with
RQ configured, a job for the RQ workers. In the demo and the tests it runs in a thread of the
web process; ``consult worker`` runs it on its own."""

import threading

from flask import current_app
from redis.exceptions import RedisError

from consult.extensions import db
from consult.mail import jobs
from consult.mail.delivery import anything_due, deliver_batch, worker_name
from consult.mail.kinds import periodic_tasks

#: Wakes the in-process worker thread (demo, tests) right after a request queued mail.
_wake_up = threading.Event()


def run_periodic_tasks() -> None:
    for task in periodic_tasks():
        task()


def run_worker(app, stop: threading.Event, poll_seconds: float = 1.0) -> None:
    """The embedded worker: periodic tasks and delivery, until ``stop`` is set."""
    worker = worker_name()
    while not stop.is_set():
        with app.app_context():
            try:
                run_periodic_tasks()
                handled = _deliver_or_hand_over(worker)
            except Exception:  # noqa: BLE001 - a worker logs and keeps going
                app.logger.exception("Mail worker error")
                db.session.rollback()
                handled = 0
            finally:
                db.session.remove()
        if not handled:
            _wake_up.wait(poll_seconds)
            _wake_up.clear()


def _deliver_or_hand_over(worker: str) -> int:
    """Send a batch here, or with RQ configured let the RQ workers send what is due; while
    Redis is unreachable, send here (claims keep RQ workers from sending the same mail)."""
    if not current_app.config.get("REDIS_URL"):
        return deliver_batch(worker)
    try:
        if anything_due() and jobs.mail_queue().count == 0:
            jobs.enqueue_delivery()
    except RedisError as error:
        current_app.logger.warning("Redis unreachable, this worker sends the mail: %s", error)
        return deliver_batch(worker)
    return 0


class WorkerThread:
    """The embedded worker in a daemon thread of this process (demo, tests)."""

    def __init__(self, app, poll_seconds: float = 1.0):
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=run_worker, args=(app, self._stop, poll_seconds), name="mail-worker", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        _wake_up.set()
        self._thread.join(timeout=30)


def dispatch() -> None:
    """Called after a request committed mail: hand it to RQ, or wake the local worker."""
    if current_app.config.get("REDIS_URL"):
        jobs.enqueue_delivery()
    _wake_up.set()
