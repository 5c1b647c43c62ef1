"""What both database backends share: parameters, rows, transactions and their one error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

Params = Sequence[Any]
Dialect = Literal["sqlite", "postgresql"]


class Row(Protocol):
    """A result row: read by column name (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class Transaction(Protocol):
    """Statements run inside one `Database.transaction()`, committed or rolled back whole."""

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement once per row of parameters."""

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query (or of an INSERT ... RETURNING) run inside it."""

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query (or of an INSERT ... RETURNING) run inside it."""


class IntegrityError(sqlite3.IntegrityError):
    """A statement broke a constraint (a second row for a unique key, a missing parent).

    Both backends raise it. It is a sqlite3.IntegrityError too, so code written against
    SQLite that catches that keeps working on PostgreSQL."""
