"""Short waits for SQLite's write lock, for connections that write many small transactions.

SQLite lets one connection write at a time; another writer waits in SQLite's busy handler,
which sleeps a whole millisecond first, then 2, 5, 10 ms and more. Mail workers each commit
one small outcome per message, taking the lock for a few dozen microseconds: with several
workers, about one commit in six meets another's lock, and each such millisecond is as
long as sending a message. On a connection under ``short_lock_waits`` SQLite reports a
held lock at once, and ``write`` tries again every fifth of a millisecond, up to the same
``SQLITE_BUSY_TIMEOUT_SECONDS``. Other databases wait for locks themselves; there both do
nothing.
"""

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

#: The pause between tries: a small transaction holds the lock for less than this.
PAUSE_SECONDS = 0.0002


@contextmanager
def short_lock_waits(connection: Connection) -> Iterator[None]:
    """Make ``connection`` report a held write lock at once, while the block runs; then
    give it SQLite's own waiting back before it returns to the pool."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        yield
    finally:
        milliseconds = int(current_app.config["SQLITE_BUSY_TIMEOUT_SECONDS"] * 1000)
        connection.rollback()
        connection.exec_driver_sql(f"PRAGMA busy_timeout={milliseconds}")


def write(connection: Connection, transaction: Callable[[], object]) -> object:
    """Run ``transaction`` (which writes and commits on ``connection``); while another
    connection holds SQLite's write lock, roll back and try again after a short pause.

    :raises OperationalError: still locked after ``SQLITE_BUSY_TIMEOUT_SECONDS``.
    """
    deadline = time.monotonic() + current_app.config["SQLITE_BUSY_TIMEOUT_SECONDS"]
    while True:
        try:
            return transaction()
        except OperationalError as error:
            if not _locked(error) or time.monotonic() >= deadline:
                raise
            connection.rollback()
            time.sleep(PAUSE_SECONDS)


def _locked(error: OperationalError) -> bool:
    return getattr(error.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
