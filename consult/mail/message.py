"""Mail as bytes, and an SMTP connection that never hangs longer than a timeout."""

import binascii
import re
import smtplib
import time
from collections import deque
from collections.abc import Callable
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from functools import lru_cache
from urllib.parse import quote

from flask import current_app
from flask_mail import Connection


class _Overlapping:
    """An SMTP client that does queued local work while the server prepares a reply.

    Before each reply is read, the next queued task runs: the server is busy with the command
    meanwhile, so the client's work costs no time. The first task therefore runs before the
    reply to MAIL FROM has been read, and thus before any of the message can be delivered.
    """

    def __init__(self, *args, **kwargs):
        self.meanwhile: deque[Callable[[], object]] = deque()
        super().__init__(*args, **kwargs)

    def getreply(self):
        if self.meanwhile:
            self.meanwhile.popleft()()
        return super().getreply()

    # smtplib parses every address of every message again (email.utils) to put it in angle
    # brackets; a plain address goes in as it is, anything else the standard way.
    def mail(self, sender, options=()):
        if not _plain_envelope(sender, options):
            return super().mail(sender, options)
        self.putcmd("mail", f"FROM:<{sender}>{_option_list(self, options)}")
        return self.getreply()

    def rcpt(self, recipient, options=()):
        if not _plain_envelope(recipient, options):
            return super().rcpt(recipient, options)
        self.putcmd("rcpt", f"TO:<{recipient}>{_option_list(self, options)}")
        return self.getreply()


#: An address that smtplib would send unchanged inside angle brackets.
_PLAIN_ADDRESS = re.compile(r'[^\s<>()\[\]\\,;:"@]+@[^\s<>()\[\]\\,;:"@]+')


def _plain_envelope(address: str, options) -> bool:
    return bool(_PLAIN_ADDRESS.fullmatch(address)) and not any(
        option.lower() == "smtputf8" for option in options
    )


def _option_list(client: smtplib.SMTP, options) -> str:
    return " " + " ".join(options) if options and client.does_esmtp else ""


class _SMTP(_Overlapping, smtplib.SMTP):
    pass


class _SMTPSSL(_Overlapping, smtplib.SMTP_SSL):
    pass


class TimedConnection(Connection):
    """Flask-Mail's connection, with a socket timeout so a hanging relay cannot hold a worker
    past its lease, and a way to send bytes that are already assembled."""

    def configure_host(self) -> smtplib.SMTP:
        timeout = current_app.config["MAIL_SMTP_TIMEOUT_SECONDS"]
        kind = _SMTPSSL if self.mail.use_ssl else _SMTP
        host = kind(self.mail.server, self.mail.port, timeout=timeout)
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host

    def send_bytes(
        self, sender: str, recipient: str, data: bytes, meanwhile: tuple[Callable, ...] = ()
    ) -> None:
        """Send one assembled message; nothing leaves when sending is suppressed (tests).

        :param meanwhile: tasks to run while waiting for the server's replies, one per reply,
            the first before the reply to MAIL FROM; whatever is left runs before this returns
            or raises, so every task runs exactly once.
        """
        if self.host is None:
            for task in meanwhile:
                task()
            return
        self.host.meanwhile.extend(meanwhile)
        try:
            self.host.sendmail(_address_of(sender), [recipient], data)
        finally:
            while self.host.meanwhile:
                self.host.meanwhile.popleft()()


@lru_cache(maxsize=16)
def _address_of(sender: str) -> str:
    """The bare address of the sender setting (the same for every message)."""
    return parseaddr(sender)[1]


@lru_cache(maxsize=16)
def _from_header(sender: str) -> str:
    return formataddr(parseaddr(_one_line(sender)), charset="utf-8")


def _one_line(value: str) -> str:
    """:raises ValueError: when a header value would break into a new header."""
    if "\r" in value or "\n" in value:
        raise ValueError("line break in a mail header")
    return value


@lru_cache(maxsize=256)
def _encoded_subject(subject: str) -> str:
    """RFC 2047 encoded words; a batch of invitations shares a handful of subjects."""
    return Header(subject, "utf-8").encode(linesep="\r\n")


def _unsubscribe_headers(url: str | None) -> dict[str, str]:
    if not url:
        return {}
    return {
        "List-Unsubscribe": f"<{_one_line(url)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def assemble(
    sender: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    unsubscribe_url: str | None = None,
    logo: tuple[str, bytes] | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
):
    """A multipart/alternative message (plain text and HTML) as bytes for SMTP.

    Every mail has this one shape, so it is written out here: the email package's generator
    cost as much per message as rendering the templates. Bodies are base64 (7-bit safe for
    every relay), subject and sender name RFC 2047 encoded words, lines end in CRLF.
    With ``unsubscribe_url`` the mail carries List-Unsubscribe and List-Unsubscribe-Post
    (RFC 8058), so mail programs offer a one-click unsubscribe button. With ``logo``
    (content type, bytes) the message is multipart/related and the HTML shows the image as
    ``cid:logo@consult``: it travels inside the mail, nothing is fetched when it is read.
    With ``attachments`` ((filename, content type, bytes) each) it is multipart/mixed with the
    files after the text.
    :raises ValueError: for a line break in an address, or an address that is not ASCII.
    """
    boundary = _ALTERNATIVE
    headers = {
        "From": _from_header(sender),
        "To": _one_line(recipient),
        "Subject": _encoded_subject(subject),
        "Date": _date_header(int(time.time())),
        "Message-ID": _one_line(message_id),
        "MIME-Version": "1.0",
        **_unsubscribe_headers(unsubscribe_url),
    }
    alternative = [f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
    for subtype, body in (("plain", text), ("html", html)):
        alternative += [
            f"--{boundary}",
            f'Content-Type: text/{subtype}; charset="utf-8"',
            "Content-Transfer-Encoding: base64",
            "",
            _base64(body.encode()),
        ]
    alternative += [f"--{boundary}--", ""]
    if logo is None:
        body_lines = alternative
    else:
        related = _RELATED
        body_lines = [
            f'Content-Type: multipart/related; boundary="{related}"; type="multipart/alternative"',
            "",
            f"--{related}",
            *alternative,
            f"--{related}",
            f"Content-Type: {logo[0]}",
            "Content-Transfer-Encoding: base64",
            "Content-ID: <logo@consult>",
            'Content-Disposition: inline; filename="logo"',
            "",
            _encoded_logo(logo[1]),
            f"--{related}--",
            "",
        ]
    if attachments:
        body_lines = _mixed(body_lines, attachments)
    lines = [f"{name}: {value}" for name, value in headers.items()] + body_lines
    try:
        return "\r\n".join(lines).encode("ascii")
    except UnicodeEncodeError as error:
        raise ValueError("an address that is not plain ASCII") from error


# The parts' boundaries need no randomness: every part is base64, whose alphabet has no "_",
# so no line inside a part can ever begin with "--=_consult_".
_ALTERNATIVE = "=_consult_alternative"
_RELATED = "=_consult_related"
_MIXED = "=_consult_mixed"


def _mixed(body_lines: list[str], attachments) -> list[str]:
    """The message's body followed by each file as an attachment (names RFC 2231 encoded)."""
    lines = [f'Content-Type: multipart/mixed; boundary="{_MIXED}"', "", f"--{_MIXED}", *body_lines]
    for filename, content_type, data in attachments:
        name = quote(_one_line(filename), safe="")
        lines += [
            f"--{_MIXED}",
            f"Content-Type: {_one_line(content_type)}",
            "Content-Transfer-Encoding: base64",
            f"Content-Disposition: attachment; filename*=utf-8''{name}",
            "",
            _base64(data),
        ]
    return lines + [f"--{_MIXED}--", ""]


def _base64(data: bytes) -> str:
    """Base64 in lines of 76 characters (RFC 2045), encoded in one pass."""
    encoded = binascii.b2a_base64(data, newline=False).decode("ascii")
    return "\r\n".join([encoded[start : start + 76] for start in range(0, len(encoded), 76)])


@lru_cache(maxsize=1)
def _date_header(second: int) -> str:
    """The Date header, formatted once per second (its resolution) instead of per message."""
    return formatdate(second, localtime=True)


@lru_cache(maxsize=16)
def _encoded_logo(data: bytes) -> str:
    """A batch of one organisation's mails shares one logo: encode it once."""
    return _base64(data)
