"""Short waits for SQLite's write lock, for connections that write many small transactions.

SQLite lets one connection write at a time; another writer waits in SQLite's busy handler,
which sleeps a whole millisecond first, then 2, 5, 10 ms and more. Mail workers each commit
one small outcome per message, taking the lock for a few dozen microseconds: with several
workers, about one commit in six meets another's lock, and each such millisecond is as
long as sending a message. On a connection under ``short_lock_waits`` SQLite reports a
held lock at once, and ``write`` tries again after a fifth of a millisecond, then after
pauses that double up to 5 ms (a lock held long, say by a large import, is not polled hard),
up to the same ``SQLITE_BUSY_TIMEOUT_SECONDS``. Other databases wait for locks themselves;
there both change nothing.
"""

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

#: The first pause between tries: a small transaction holds the lock for less than this.
FIRST_PAUSE_SECONDS = 0.0002
LONGEST_PAUSE_SECONDS = 0.005


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
        try:
            _roll_back(connection)
            connection.exec_driver_sql(f"PRAGMA busy_timeout={milliseconds}")
        except Exception:
            connection.invalidate()  # never back to the pool without its busy timeout
            raise


def write(connection: Connection, transaction: Callable[[], object]) -> object:
    """Run ``transaction`` (which writes and commits on ``connection``); while another
    connection holds SQLite's write lock, roll back and try again after a short pause. Any
    other failure rolls back too, so nothing of the transaction is committed later by
    accident.

    :raises OperationalError: still locked after ``SQLITE_BUSY_TIMEOUT_SECONDS``.
    """
    deadline = time.monotonic() + current_app.config["SQLITE_BUSY_TIMEOUT_SECONDS"]
    pause = FIRST_PAUSE_SECONDS
    while True:
        try:
            return transaction()
        except Exception as error:
            _roll_back(connection)
            if not _locked(error) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)


def _roll_back(connection: Connection) -> None:
    connection.rollback()
    if connection.dialect.name == "sqlite":
        driver_connection = connection.connection.dbapi_connection
        if driver_connection.in_transaction:  # after a failed COMMIT
            driver_connection.rollback()


def _locked(error: Exception) -> bool:
    """SQLITE_BUSY, whatever its extended code (e.g. BUSY_SNAPSHOT, BUSY_RECOVERY)."""
    code = getattr(getattr(error, "orig", None), "sqlite_errorcode", None)
    return isinstance(error, OperationalError) and (code or 0) & 0xFF == sqlite3.SQLITE_BUSY
