"""Statements compiled once and handed to the database driver as they are.

For the few loops that run one small statement per item, such as the mail worker recording
each message's outcome: there SQLAlchemy's work per execution (compiled-cache lookup,
parameter processing, result set-up) costs more than the database's. ``exec_driver_sql``
keeps what matters of it: the connection's transaction, its events and its error wrapping.
"""

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql import ClauseElement


class PreparedStatement:
    """A Core statement with named ``bindparam``s, compiled once per database driver."""

    def __init__(self, statement: ClauseElement):
        self.statement = statement
        self._compiled: dict[tuple[str, str, str], _Compiled] = {}

    def execute(self, connection: Connection, parameters: dict[str, Any]) -> int:
        """Run the statement with every bound parameter given; the number of rows matched."""
        dialect = connection.dialect
        key = (dialect.name, dialect.driver, dialect.paramstyle)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _Compiled(self.statement, dialect)
        return connection.exec_driver_sql(compiled.sql, compiled.arguments(parameters)).rowcount


class _Compiled:
    """The SQL text for one dialect, the order of its parameters and their conversions."""

    def __init__(self, statement: ClauseElement, dialect):
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.positions = compiled.positiontup  # None for drivers with named parameters
        self.converters = {
            name: converter
            for name, bind in compiled.binds.items()
            if (converter := bind.type.dialect_impl(dialect).bind_processor(dialect))
        }

    def arguments(self, parameters: dict[str, Any]):
        converted = {
            name: self.converters[name](value) if name in self.converters else value
            for name, value in parameters.items()
        }
        if self.positions is None:
            return converted
        return tuple(converted[name] for name in self.positions)
