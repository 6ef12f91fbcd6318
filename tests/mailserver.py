"""A real SMTP server for tests (aiosmtpd) that can also misbehave like real ones do."""

import asyncio
import socket
import threading
from collections.abc import Callable
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Keeps every accepted message; can refuse addresses, defer, or be slow.

    :ivar refuse: address -> SMTP reply for RCPT TO, e.g. "550 5.1.1 no such user".
    :ivar busy: address -> how many more times its mailbox answers "450 busy".
    :ivar refuse_content: addresses whose message is refused after DATA ("554 content").
    :ivar defer_next: this many of the next messages get "421 try again later".
    :ivar delay: seconds to wait before accepting each message.
    :ivar watch: called as each message arrives, before it is kept.
    """

    def __init__(self):
        self.received: list[bytes] = []
        self.refuse: dict[str, str] = {}
        self.busy: dict[str, int] = {}
        self.refuse_content: set[str] = set()
        self.defer_next = 0
        self.delay = 0.0
        self.watch: Callable[[], object] | None = None
        self._lock = threading.Lock()
        self._controller: Controller | None = None
        self.host, self.port = "127.0.0.1", free_port()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        if self.busy.get(address):
            self.busy[address] -= 1
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse_content.intersection(envelope.rcpt_tos):
            return "554 5.6.0 Message content rejected"
        if self.watch:
            self.watch()
        with self._lock:
            if self.defer_next:
                self.defer_next -= 1
                return "421 4.3.2 Service busy, try again later"
            self.received.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def start(self) -> "MailServer":
        self._controller = Controller(self, hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

    def messages(self) -> list[Message]:
        with self._lock:
            return [message_from_bytes(raw) for raw in self.received]

    def recipients(self) -> list[str]:
        return [message["To"] for message in self.messages()]
