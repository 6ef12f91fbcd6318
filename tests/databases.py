"""The test databases: one per xdist worker, migrated once, made clean for each test cheaply.

SQLite: the schema is migrated into a template file once; before each test the worker's
database file is replaced by a copy of it (a millisecond), after the app's connections to the
old file are closed. PostgreSQL: the worker's own database (``<name>_gw0``, ``<name>_gw1`` ...
beside the one ``TEST_DATABASE_URL`` names; that one itself without xdist) is migrated once;
after each test one statement deletes every row and restarts the sequences that moved.
DELETE of small tables costs milliseconds where TRUNCATE of all 41 tables cost most of a
second per test (it makes new files for every table).

Data many tests start from (the ``world`` fixture) is built once and kept the same way: a
copy of the SQLite file, or PostgreSQL's rows as COPY writes them, put back before each test.
"""

import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from consult.extensions import db
from consult.settings import database_url

#: "gw0", "gw1" ... in a pytest-xdist worker; None in a run without xdist.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def worker_postgres_url(url: str) -> str:
    """This worker's database beside the one ``url`` names, created when missing."""
    if not WORKER:
        return url
    parsed = make_url(url)
    name = f"{parsed.database}_{WORKER}"
    engine = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        found = text("SELECT 1 FROM pg_database WHERE datname = :name")
        if not connection.scalar(found, {"name": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def migrate_from_empty(app: Flask) -> None:
    """Give the app's database exactly the schema of the migrations, from nothing."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()


def copy_sqlite(template: str, target: str) -> None:
    """Replace the SQLite file ``target`` (and its WAL) by a copy of ``template``.

    The copy gets a new inode (written aside, then renamed), so a connection to the old file
    that some test left open can never write into the new one.
    """
    target_path = Path(target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    aside = target_path.with_suffix(".copying")
    shutil.copyfile(template, aside)
    os.replace(aside, target_path)


def _empty_statement() -> str:
    """One PL/pgSQL block: delete every row, children first, and restart the used sequences."""
    children_first = reversed(db.metadata.sorted_tables)
    deletes = " ".join(f'DELETE FROM "{table.name}";' for table in children_first)
    return (
        "DO $$DECLARE used text; BEGIN "
        f"{deletes} "
        "FOR used IN SELECT quote_ident(sequencename) FROM pg_sequences "
        "WHERE schemaname = 'public' AND last_value IS NOT NULL "
        "LOOP EXECUTE 'ALTER SEQUENCE ' || used || ' RESTART'; END LOOP; END$$"
    )


def empty_postgres(connection) -> None:
    """Delete every row of the models' tables and restart their ids at 1 (in ``connection``'s
    transaction); the schema and ``alembic_version`` stay."""
    connection.exec_driver_sql(_empty_statement())


def empty_postgres_at(url: str) -> None:
    """:func:`empty_postgres` on the database at ``url``, over a connection of its own."""
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        empty_postgres(connection)
    engine.dispose()


def save_sqlite(source: str, target: str) -> None:
    """Copy the SQLite database in the file ``source`` (with what its WAL holds) to ``target``."""
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


@dataclass(frozen=True)
class PostgresRows:
    """The rows of a database as binary COPY wrote them, and where its sequences stood."""

    #: (table, COPY data) of each table that holds rows, parents before children.
    tables: tuple[tuple[str, bytes], ...]
    #: One SELECT that sets every used sequence back, or None when none was used.
    sequences: str | None


def copy_out_postgres(connection) -> PostgresRows:
    """Every row of the models' tables and the sequences' positions, over ``connection``."""
    names = [table.name for table in db.metadata.sorted_tables]
    holding = " UNION ALL ".join(f"SELECT '{n}' WHERE EXISTS (SELECT FROM \"{n}\")" for n in names)
    filled = set(connection.exec_driver_sql(holding).scalars())
    tables = []
    with connection.connection.cursor() as cursor:
        for name in (n for n in names if n in filled):
            with cursor.copy(f'COPY "{name}" TO STDOUT (FORMAT BINARY)') as copy:
                tables.append((name, b"".join(bytes(block) for block in copy)))
    used = connection.exec_driver_sql(
        "SELECT sequencename, last_value FROM pg_sequences "
        "WHERE schemaname = 'public' AND last_value IS NOT NULL"
    )
    setvals = ", ".join(f"setval('public.\"{name}\"', {value})" for name, value in used)
    return PostgresRows(tuple(tables), f"SELECT {setvals}" if setvals else None)


def copy_in_postgres(connection, rows: PostgresRows) -> None:
    """Put ``rows`` back into the empty database over ``connection``."""
    with connection.connection.cursor() as cursor:
        for name, data in rows.tables:
            with cursor.copy(f'COPY "{name}" FROM STDIN (FORMAT BINARY)') as copy:
                copy.write(data)
    if rows.sequences:
        connection.exec_driver_sql(rows.sequences)
