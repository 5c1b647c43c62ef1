"""The database the repositories use: SQLite by default, PostgreSQL when a URL is set.

Repositories write one portable SQL: qmark (`?`) parameters, `INSERT ... ON CONFLICT`,
`INSERT ... RETURNING id` for a new row's id. `Database` (at the end) is the facade they
call; behind it, `SqliteBackend` (here: one long-lived aiosqlite connection with
transactions that cannot interleave) runs that SQL as it is, and `PostgresBackend`
(bot/storage/postgres_backend.py) numbers the parameters and turns `INSERT OR IGNORE` into
`ON CONFLICT DO NOTHING`. What differs beyond that (the catalogue of tables) is chosen by
`Database.dialect`, never hidden in a repository.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import aiosqlite

from bot.storage.database_types import Dialect, IntegrityError, Params, Row, Transaction
from bot.storage.migrations import apply_migrations

__all__ = ["Database", "Dialect", "IntegrityError", "Params", "Row", "Transaction"]


_Answer = TypeVar("_Answer")
_Args = ParamSpec("_Args")


def _counted(
    method: Callable[Concatenate[Database, _Args], Coroutine[Any, Any, _Answer]],
) -> Callable[Concatenate[Database, _Args], Coroutine[Any, Any, _Answer]]:
    """Count the call in `Database.waiting` until it has its answer."""

    @functools.wraps(method)
    async def counted(database: Database, /, *args: _Args.args, **kwargs: _Args.kwargs) -> _Answer:
        database._waiting += 1
        try:
            return await method(database, *args, **kwargs)
        finally:
            database._waiting -= 1

    return counted


class SqliteBackend:
    """The bot's single SQLite connection.

    aiosqlite runs the calls queued on a connection one at a time, in the order they were
    queued, on its own thread. Several writes that belong together go through
    `transaction()` (BEGIN IMMEDIATE, commit or roll back as a whole), which holds `_lock`
    from BEGIN to COMMIT, so that nobody else's statement lands inside it. A single write
    (`execute`, atomic on its own) or a read (`fetch_one`/`fetch_all`) waits only while a
    transaction is open; otherwise it is queued at once, without waiting for a lock. Many
    runners' reads and writes then share a trip to the database thread instead of queueing
    for the lock one by one.
    """

    dialect: Dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        """True between `open()` and `close()`."""
        return self._connection is not None

    async def open(self) -> None:
        """Open the connection, set the pragmas and migrate. Does nothing if already open."""
        if self._connection is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _create_owner_only(self.path)
        connection = await aiosqlite.connect(self.path, isolation_level=None)
        connection.row_factory = sqlite3.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=FULL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
        ):
            await connection.execute(pragma)
        await apply_migrations(connection)
        self._connection = connection

    async def close(self) -> None:
        """Close the connection after any running transaction has finished."""
        async with self._lock:
            if self._connection is not None:
                await self._connection.close()
                self._connection = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqliteTransaction]:
        """Run statements atomically; other coroutines wait until it commits or rolls back."""
        async with self._lock:
            connection = self._require_open()
            await connection.execute("BEGIN IMMEDIATE")
            try:
                yield SqliteTransaction(connection)
            except BaseException:
                await connection.rollback()
                raise
            await connection.commit()

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one writing statement on its own (SQLite makes a single statement atomic, so
        it needs no BEGIN and COMMIT round trips); returns the number of rows it changed."""
        await self._no_open_transaction()
        return await _changes(self._require_open(), sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """All rows of a query (one trip to the database thread, not three)."""
        await self._no_open_transaction()
        return await _rows(self._require_open(), sql, params)

    async def execute_together(self, statements: Sequence[tuple[str, Params]]) -> int:
        """Run writing statements as one transaction in a single trip to the database
        thread; the rows the last one changed.

        `transaction()` costs a trip per statement plus BEGIN and COMMIT, and holds every
        other statement back meanwhile: under load each trip waits for a turn of the event
        loop and of the GIL, so an update's few writes held the whole database for tens of
        milliseconds (`python -m bench.cues`). Statements known in advance need none of that.
        """
        await self._no_open_transaction()
        connection = self._require_open()
        try:
            # aiosqlite's own helpers run functions on its thread this way (`_execute`).
            changed: int = await connection._execute(  # type: ignore[no-untyped-call]
                _run_together, connection, statements
            )
        except sqlite3.IntegrityError as error:
            raise IntegrityError(str(error)) from error
        return changed

    async def _no_open_transaction(self) -> None:
        """Return once no transaction is open: at once, usually.

        The caller queues its statement straight after, with no await in between, so it
        runs before any transaction begun later and never inside one.
        """
        if self._lock.locked():
            async with self._lock:
                pass

    def _require_open(self) -> aiosqlite.Connection:
        if self._connection is None:
            raise RuntimeError("the database is not open")
        return self._connection


class SqliteTransaction:
    """Statements run inside one `transaction()`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        return await _changes(self._connection, sql, params)

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement once per row of parameters."""
        await self._connection.executemany(sql, rows)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query run inside the transaction."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a statement run inside the transaction (a query, or RETURNING)."""
        return await _rows(self._connection, sql, params)


async def _changes(connection: aiosqlite.Connection, sql: str, params: Params) -> int:
    """Run a writing statement in one trip to the database thread; the rows it changed.

    The count is the statement's own cursor's, so statements queued by others around it do
    not disturb it.
    """
    try:
        cursor = await connection.execute(sql, params)
    except sqlite3.IntegrityError as error:
        raise IntegrityError(str(error)) from error
    return cursor.rowcount


async def _rows(connection: aiosqlite.Connection, sql: str, params: Params) -> list[Row]:
    """All rows of a query (an INSERT ... RETURNING included) in one trip."""
    try:
        return list(await connection.execute_fetchall(sql, params))
    except sqlite3.IntegrityError as error:
        raise IntegrityError(str(error)) from error


def _run_together(
    connection: aiosqlite.Connection, statements: Sequence[tuple[str, Params]]
) -> int:
    """On the database thread: the statements in one transaction; the last one's changes."""
    raw = connection._conn  # as aiosqlite's own helpers reach it
    raw.execute("BEGIN IMMEDIATE")
    try:
        changed = 0
        for sql, params in statements:
            changed = raw.execute(sql, params).rowcount
        raw.execute("COMMIT")  # can fail too (a deferred constraint): then roll back as well
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise
    return changed


def _create_owner_only(path: Path) -> None:
    """Create the database file readable by its owner only (runners' health data)."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


@dataclass(slots=True)
class _UnitOfWork:
    """Statements that ride along with the next write made within one piece of work (an
    update being handled): they commit with that write, or not at all."""

    riders: list[tuple[str, Params]] = field(default_factory=list)
    # Riders written even if the work writes nothing else (the rest are dropped then).
    alone: list[tuple[str, Params]] = field(default_factory=list)


# The piece of work the current task (and the tasks it starts) belongs to, if any.
_current_work: ContextVar[_UnitOfWork | None] = ContextVar("backstride_work", default=None)


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

    async def execute_together(self, statements: Sequence[tuple[str, Params]]) -> int: ...


class Database:
    """The bot's store: the SQLite file at `path`, or the PostgreSQL server at `url`.

    `transaction()` runs statements atomically, and a process's transactions never
    interleave; `execute` runs one writing statement on its own; `fetch_one`/`fetch_all` read.

    Within `unit_of_work()`, statements added with `ride_along()` join the first write
    that follows (in its transaction), so they are recorded if and only if that write is.
    This is done here, above the backends, so it works the same on both.
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
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Statements and transactions asked for and not finished yet: the database's
        queue, which new updates should not lengthen while it is long (bot/runtime/loop_lag)."""
        return self._waiting

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

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[None]:
        """One piece of work (an update): statements added with `ride_along()` inside it are
        written with its first write; any still unwritten at a normal exit, on their own."""
        work = _UnitOfWork()
        token = _current_work.set(work)
        try:
            yield
            work.riders[:] = [rider for rider in work.riders if rider in work.alone]
            if work.riders:
                await self._backend.execute_together(list(work.riders))  # the riders alone
        finally:
            _current_work.reset(token)

    @staticmethod
    def ride_along(sql: str, params: Params = (), *, even_alone: bool = True) -> None:
        """Write `sql` with the next write of the current unit of work, or at its end if it
        wrote nothing (unless not `even_alone`: then it is dropped). Outside a unit of work
        this does nothing: there is nothing to ride along with."""
        work = _current_work.get()
        if work is not None:
            work.riders.append((sql, params))
            if even_alone:
                work.alone.append((sql, params))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run statements atomically; the process's other transactions wait for it. The
        current unit of work's riders, if any, are written first, in the same transaction."""
        self._waiting += 1
        try:
            async with self._backend.transaction() as tx:
                work = _current_work.get()
                riders = work.riders if work is not None else []
                joined = len(riders)
                for sql, params in riders[:joined]:
                    await tx.execute(sql, params)
                yield tx
            del riders[:joined]
        finally:
            self._waiting -= 1

    @_counted
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one writing statement on its own; returns the number of rows it changed.
        With statements waiting to ride along, all go in one transaction."""
        work = _current_work.get()
        if work is not None and work.riders:
            joined = len(work.riders)
            changed = await self._backend.execute_together([*work.riders, (sql, params)])
            del work.riders[:joined]
            return changed
        return await self._backend.execute(sql, params)

    @_counted
    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        rows = await self._backend.fetch_all(sql, params)
        return rows[0] if rows else None

    @_counted
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """All rows of a query."""
        return await self._backend.fetch_all(sql, params)
