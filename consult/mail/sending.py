"""Sending a claimed batch over one SMTP connection, one outcome per message.

The batch is composed first, in one go, then sent; each message's outcome is committed while
the server answers the next message's MAIL FROM. Failures are judged per message; see
``consult.mail.delivery`` for claims, leases and the crash window.
"""

import functools
import smtplib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, update

from consult.core.clock import utcnow
from consult.core.prepared import PreparedStatement
from consult.core.write_waits import write
from consult.mail.kinds import registered
from consult.mail.message import assemble
from consult.mail.models import ClaimedMessage, MessageStatus, OutboxMessage
from consult.mail.rendering import render


class ServerUnavailable(Exception):
    """The mail server is down, hangs up or refuses us: try the batch later."""


def lease() -> timedelta:
    """How long a claim holds."""
    return timedelta(seconds=current_app.config["MAIL_CLAIM_LEASE_SECONDS"])


def retry_delay(attempts: int) -> timedelta:
    """The pause before the next attempt: doubling, at most an hour."""
    base = current_app.config["MAIL_RETRY_BASE_SECONDS"]
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


class Batch:
    """One worker's claimed messages: sent over one SMTP connection, their outcomes written
    on one database connection (the session's bookkeeping would cost more than sending).

    The messages are composed before the first is sent: rendering and assembling them in one
    tight loop costs less than doing it between the server's replies. A message's outcome is
    committed while the server answers the next message's MAIL FROM, before any of that
    message can be delivered, so a crash can still resend only the one message in flight.
    """

    def __init__(self, worker: str, until: datetime, database):
        self.worker, self.until, self.database = worker, until, database
        self.sender = current_app.config["MAIL_DEFAULT_SENDER"]
        self.margin = timedelta(seconds=current_app.config["MAIL_SMTP_TIMEOUT_SECONDS"] + 5)
        self.handled = 0
        self.rendered = {}  # the templates rendered once per shared context, for this batch
        self.outcome: tuple | None = None  # the last message's outcome, not yet committed

    def send(self, connection, messages: list[ClaimedMessage]) -> None:
        """Send the messages in order while the lease holds; the last outcome stays pending.

        :raises ServerUnavailable: for trouble that is the server's, not a message's.
        """
        composed = {message.id: self._compose(message) for message in messages}
        ours = None  # after a renewal, the ids still claimed by this worker
        for index, message in enumerate(messages):
            if utcnow() >= self.until - self.margin:
                ours = self._renew(messages[index:])
            if ours is not None and message.id not in ours:
                continue  # our lease ran out once and another worker took this one over
            data = composed.pop(message.id)
            if data is not None:  # else it could not be composed and failed alone
                self._send(connection, message, data)

    def commit(self) -> None:
        """Write and commit the pending outcome, if any."""
        if self.outcome is not None:
            outcome, self.outcome = self.outcome, None
            self._record(*outcome)

    def _compose(self, message: ClaimedMessage) -> bytes | None:
        """The message as bytes; one that cannot be composed fails alone (None)."""
        try:
            rendered = render(message, self.rendered)
            return assemble(
                self.sender,
                message.recipient,
                rendered.subject,
                rendered.text,
                rendered.html,
                message.message_id,
                rendered.unsubscribe_url,
                rendered.logo,
                rendered.attachments,
            )
        except Exception as problem:  # noqa: BLE001 - one broken message never stops the batch
            current_app.logger.exception("Mail %s could not be composed", message.id)
            self._record(message, MessageStatus.FAILED, f"not composed: {problem}")
            return None

    def _send(self, connection, message: ClaimedMessage, data: bytes) -> None:
        """Send one message and keep its outcome pending.

        :raises ServerUnavailable: for trouble that is the server's, not this message's.
        """
        try:
            connection.send_bytes(self.sender, message.recipient, data, meanwhile=(self.commit,))
        except smtplib.SMTPRecipientsRefused as refused:
            code, reply = next(iter(refused.recipients.values()))
            if code == 421 or (code >= 500 and not _address_refused(code, reply)):
                raise ServerUnavailable(f"recipient refused: {code} {_text(reply)}") from refused
            self._refused(message, code, reply)
        except smtplib.SMTPDataError as refused:
            if refused.smtp_code == 421:
                raise ServerUnavailable(f"421 {_text(refused.smtp_error)}") from refused
            if refused.smtp_code >= 500:  # the content was refused, not the address
                error = f"{refused.smtp_code} {_text(refused.smtp_error)}"
                self.outcome = (message, MessageStatus.FAILED, error)
            else:
                self._refused(message, refused.smtp_code, refused.smtp_error)
        except OSError as problem:  # SMTP errors are OSErrors: disconnects, sender refused, ...
            raise ServerUnavailable(str(problem)) from problem
        else:
            self.outcome = (message, MessageStatus.SENT)

    def _refused(self, message: ClaimedMessage, code: int, reply) -> None:
        """A refusal of this message: a bad address bounces, 4xx is retried until attempts
        run out."""
        error = f"{code} {_text(reply)}"
        if code >= 500:
            self.outcome = (message, MessageStatus.BOUNCED, error)
        elif message.attempts + 1 >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            self.outcome = (message, MessageStatus.FAILED, error)
        else:
            retry_at = utcnow() + retry_delay(message.attempts + 1)
            self.outcome = (message, MessageStatus.PENDING, error, {"next_attempt_at": retry_at})

    def _record(self, message, status: MessageStatus, error=None, values=None) -> None:
        """Write the outcome of one attempt while the claim is still ours, let the domain
        react, and commit. Written as plain, prepared UPDATEs: building statements per
        message, or the ORM's bookkeeping, would cost more than sending."""
        values = (values or {}) | {
            "attempts": message.attempts + 1,
            "status": status,
            "claimed_by": None,
            "claimed_until": None,
        }
        if error:
            values["last_error"] = error[:500]
        if status == MessageStatus.SENT:
            values["sent_at"] = utcnow()
        parameters = {"message_id": message.id, "worker": self.worker} | {
            f"new_{k}": v for k, v in values.items()
        }
        statement = _outcome_statement(tuple(sorted(values)))
        handlers = registered().outcome_handlers
        handler = handlers.get(message.kind) if status != MessageStatus.PENDING else None

        def transaction():
            recorded = statement.execute(self.database, parameters)
            if recorded and handler:
                handler(self.database, message, status)
            self.database.commit()
            return recorded

        try:
            recorded = write(self.database, transaction)
        except Exception:
            if handler is None:
                raise
            # The attempt is over: record its outcome alone rather than make it again.
            current_app.logger.exception("The domain could not note the outcome of %s", message)
            handler = None
            recorded = write(self.database, transaction)
        if not recorded:
            current_app.logger.error("%s was taken over by another worker meanwhile", message)
        self.handled += 1

    def _renew(self, remaining: list[ClaimedMessage]) -> set[int]:
        """Extend the lease of what this worker still holds; the ids it still holds."""
        self.commit()
        self.until = utcnow() + lease()
        renewal = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_([m.id for m in remaining]),
                OutboxMessage.claimed_by == self.worker,
                OutboxMessage.status == MessageStatus.PENDING,
            )
            .values(claimed_until=self.until)
            .returning(OutboxMessage.id)
        )

        def transaction():
            kept = set(self.database.scalars(renewal).all())
            self.database.commit()
            return kept

        return write(self.database, transaction)


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _address_refused(code: int, reply) -> bool:
    """Whether a 5xx at RCPT says the address itself is bad (and not, say, relay denied)."""
    enhanced = _text(reply).strip()[:4]
    if enhanced[:2] == "5." and enhanced[3:4] == ".":
        return enhanced.startswith("5.1.")
    return code in (550, 551, 553)


@functools.cache
def _outcome_statement(columns: tuple[str, ...]):
    """UPDATE of one claimed message's outcome columns, built once per set of columns."""
    table = OutboxMessage.__table__
    return PreparedStatement(
        update(table)
        .where(table.c.id == bindparam("message_id"), table.c.claimed_by == bindparam("worker"))
        .values({column: bindparam(f"new_{column}") for column in columns})
    )
