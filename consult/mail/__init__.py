"""Mail: the outbox every domain queues into, each kind's renderer, and the delivery.

``models`` (the outbox's messages), ``outbox`` (queueing in the caller's transaction),
``kinds`` (renderers and periodic jobs, registered by the domains' ``init_app``),
``rendering``, ``message`` (bytes and the SMTP connection), ``sending`` (one batch),
``delivery`` (claims and leases), ``worker`` (the loop, in a thread or ``consult worker``)
and ``jobs`` (the same on RQ workers).
"""

from flask import Flask

from consult.mail import kinds


def init_app(app: Flask) -> None:
    """Give the app its empty registries of mail kinds and periodic jobs (before any domain
    registers into them)."""
    kinds.init_app(app)
