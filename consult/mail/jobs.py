"""Mail delivery on RQ workers, used when REDIS_URL is set.

The database stays the source of truth: a job only says "deliver what is due", and RQ
workers on any number of machines claim disjoint batches from the outbox. A lost job or an
unreachable Redis therefore loses no mail; the next job, or ``consult worker``, catches up.
"""

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker

from consult.extensions import db
from consult.mail.delivery import deliver_all


class MailWorker(SimpleWorker):
    """RQ's SimpleWorker, quitting within a second of being told to.

    RQ listens for its commands in a thread that waits up to 60 s for a message, and since
    redis-py 8.2 stopping that thread waits for it without a bound: a worker stopped or done
    with its burst could hang for a minute (rq/rq#1613). One second is short enough to
    quit promptly and long enough not to poll.
    """

    def subscribe(self):
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler
        )


def mail_queue() -> Queue:
    # A Redis that does not answer must not hold up the request that queued mail.
    connection = Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=2)
    return Queue(current_app.config["RQ_QUEUE"], connection=connection)


def enqueue_delivery() -> None:
    """Ask the RQ workers to deliver; logs instead of failing when Redis is unreachable."""
    try:
        mail_queue().enqueue("consult.mail.jobs.deliver_job", job_timeout=900)
    except RedisError as error:
        current_app.logger.warning("Redis unreachable, mail waits for the next run: %s", error)


def deliver_job() -> int:
    """An RQ job, run inside ``consult rq-worker``'s app context: deliver everything due."""
    try:
        return deliver_all()
    finally:
        db.session.remove()
