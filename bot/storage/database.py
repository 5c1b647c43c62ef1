"""The database the repositories use: SQLite by default, PostgreSQL when a URL is set.

Repositories write one portable SQL: qmark (`?`) parameters, `INSERT ... ON CONFLICT`,
`INSERT ... RETURNING id` for a new row's id. The SQLite backend runs it as it is; the
PostgreSQL backend (bot/storage/postgres_backend.py) numbers the parameters and turns
`INSERT OR IGNORE` into `ON CONFLICT DO NOTHING`. What differs between the two beyond that
(the catalogue of tables) is asked of this facade, never written in a repository.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Protocol

from bot.storage.database_types import Dialect, IntegrityError, Params, Row, Transaction
from bot.storage.sqlite_backend import SqliteBackend

__all__ = ["Database", "Dialect", "IntegrityError", "Params", "Row", "Transaction"]


class Backend(Protocol):
    """One store's connection handling, behind `Database`."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def is_open(self) -> bool: ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def execute(self, sql: str, params: Params = ()) -> int: ...

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...


class Database:
    """The bot's store: the SQLite file at `path`, or the PostgreSQL server at `url`.

    `transaction()` runs statements atomically, and a process's transactions never
    interleave; `execute` runs one writing statement on its own; `fetch_one`/`fetch_all` read.
    """

    def __init__(self, path: Path, url: str | None = None) -> None:
        self.path = path
        self.url = url
        self._backend: Backend
        if url is None:
            self._backend = SqliteBackend(path)
        else:
            # Imported only here: SQLite users need no PostgreSQL driver.
            from bot.storage.postgres_backend import PostgresBackend

            self._backend = PostgresBackend(url)

    @property
    def dialect(self) -> Dialect:
        """ "sqlite" or "postgresql"."""
        return self._backend.dialect

    @property
    def is_open(self) -> bool:
        """True between `open()` and `close()`."""
        return self._backend.is_open

    @property
    def backend(self) -> Backend:
        """The backend itself (leader election needs PostgreSQL's)."""
        return self._backend

    async def open(self) -> None:
        """Connect and migrate to the latest schema. Does nothing if already open."""
        await self._backend.open()

    async def close(self) -> None:
        """Close after any running transaction has finished."""
        await self._backend.close()

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """Run statements atomically; the process's other transactions wait for it."""
        return self._backend.transaction()

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one writing statement on its own; returns the number of rows it changed."""
        return await self._backend.execute(sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        rows = await self._backend.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """All rows of a query."""
        return await self._backend.fetch_all(sql, params)
