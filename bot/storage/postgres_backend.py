"""The PostgreSQL backend: an asyncpg pool running the repositories' portable SQL.

Chosen by BACKSTRIDE_DATABASE_URL=postgresql://... . The repositories' qmark parameters
become `$1, $2, ...`, `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING` and `IS [NOT] ?`
becomes `IS [NOT] DISTINCT FROM`, once per distinct statement. Reads and single writes run
concurrently on the pool; the process's transactions run one at a time, as on SQLite (a
repository's read-then-write transaction keeps the meaning it has there).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import asyncpg

from bot.storage import migrations
from bot.storage.database_types import Dialect, IntegrityError, Params, Row
from bot.storage.migrations import statement_for

# The advisory lock key under which one process at a time migrates (any fixed number).
_MIGRATION_LOCK = 0x6261_636B_0001
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)"
_POOL_SIZE = 10
# A qmark outside quotes, or a quoted string / identifier to skip over.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INSERT_OR_REPLACE = re.compile(r"^\s*INSERT\s+OR\s+REPLACE\b", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
# SQLite's null-safe comparisons with a parameter: `a IS ?`, `a IS NOT ?`.
_IS_NOT_PARAMETER = re.compile(r"\bIS\s+NOT\s+\?", re.IGNORECASE)
_IS_PARAMETER = re.compile(r"\bIS\s+\?", re.IGNORECASE)


class PostgresBackend:
    """A pool of connections to one PostgreSQL database."""

    dialect: Dialect = "postgresql"

    def __init__(self, url: str, pool_size: int = _POOL_SIZE) -> None:
        self.url = url
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._lock = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        """True between `open()` and `close()`."""
        return self._pool is not None

    async def open(self) -> None:
        """Connect the pool and migrate. Does nothing if already open."""
        if self._pool is not None:
            return
        pool = await asyncpg.create_pool(self.url, min_size=1, max_size=self._pool_size)
        try:
            async with pool.acquire() as connection:
                await apply_postgres_migrations(connection)
        except BaseException:
            await pool.close()
            raise
        self._pool = pool

    async def close(self) -> None:
        """Close the pool after any running transaction has finished."""
        async with self._lock:
            if self._pool is not None:
                await self._pool.close()
                self._pool = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresTransaction]:
        """Run statements atomically; the process's other transactions wait for it."""
        async with (
            self._lock,
            self._require_open().acquire() as connection,
            connection.transaction(),
        ):
            yield PostgresTransaction(connection)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one writing statement (its own transaction); the rows it changed."""
        return await _changes(self._require_open(), sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """All rows of a query."""
        return await _rows(self._require_open(), sql, params)

    async def execute_together(self, statements: Sequence[tuple[str, Params]]) -> int:
        """Run writing statements as one transaction; the rows the last one changed."""
        changed = 0
        async with self.transaction() as tx:
            for sql, params in statements:
                changed = await tx.execute(sql, params)
        return changed

    def _require_open(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the database is not open")
        return self._pool


class PostgresTransaction:
    """Statements run inside one `transaction()`, on its one connection."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        return await _changes(self._connection, sql, params)

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement once per row of parameters."""
        try:
            await self._connection.executemany(postgres_sql(sql), list(rows))
        except asyncpg.IntegrityConstraintViolationError as error:
            raise IntegrityError(str(error)) from error

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query run inside the transaction."""
        rows = await _rows(self._connection, sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query (or of an INSERT ... RETURNING) run inside the transaction."""
        return await _rows(self._connection, sql, params)


async def _changes(runner: asyncpg.Pool | asyncpg.Connection, sql: str, params: Params) -> int:
    """Run a writing statement; the count from its status ("UPDATE 3", "INSERT 0 1")."""
    try:
        status: str = await runner.execute(postgres_sql(sql), *params)
    except asyncpg.IntegrityConstraintViolationError as error:
        raise IntegrityError(str(error)) from error
    count = status.rpartition(" ")[2]
    return int(count) if count.isdigit() else 0


async def _rows(runner: asyncpg.Pool | asyncpg.Connection, sql: str, params: Params) -> list[Row]:
    try:
        records: list[Any] = await runner.fetch(postgres_sql(sql), *params)
    except asyncpg.IntegrityConstraintViolationError as error:
        raise IntegrityError(str(error)) from error
    return records


@lru_cache(maxsize=1024)
def postgres_sql(sql: str) -> str:
    """A repository's portable statement as PostgreSQL takes it."""
    if _INSERT_OR_REPLACE.match(sql):
        raise ValueError(
            "INSERT OR REPLACE is SQLite's; write INSERT ... ON CONFLICT (key) DO UPDATE SET ..."
        )
    sql = _IS_NOT_PARAMETER.sub("IS DISTINCT FROM ?", sql)
    sql = _IS_PARAMETER.sub("IS NOT DISTINCT FROM ?", sql)
    numbered = _number_parameters(sql)
    if _INSERT_OR_IGNORE.match(numbered):
        numbered = _INSERT_OR_IGNORE.sub("INSERT INTO", numbered, count=1)
        returning = _RETURNING.search(numbered)
        at = returning.start() if returning else len(numbered.rstrip().rstrip(";"))
        numbered = f"{numbered[:at].rstrip()} ON CONFLICT DO NOTHING {numbered[at:]}".rstrip()
    return numbered


def _number_parameters(sql: str) -> str:
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _TOKEN.sub(number, sql)


async def schema_version(connection: asyncpg.Connection) -> int:
    """The version the database is at (0 for a new one)."""
    exists = await connection.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
    if not exists:
        return 0
    version = await connection.fetchval("SELECT max(version) FROM schema_version")
    return int(version or 0)


async def apply_postgres_migrations(connection: asyncpg.Connection) -> int:
    """Bring the schema to the latest version, one version per transaction; returns how
    many were applied. Processes starting together take turns (an advisory lock), and each
    re-reads the version once it has the lock."""
    applied = 0
    while True:
        async with connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await connection.execute(_VERSION_TABLE)
            current = await schema_version(connection)
            if current > migrations.LATEST_VERSION:
                raise RuntimeError(
                    f"database schema version {current} is newer than this program"
                    f" ({migrations.LATEST_VERSION})"
                )
            if current == migrations.LATEST_VERSION:
                return applied
            for statement in migrations.MIGRATIONS[current]:
                await connection.execute(statement_for(statement, "postgresql"))
            await connection.execute("DELETE FROM schema_version")
            await connection.execute(
                "INSERT INTO schema_version (version) VALUES ($1)", current + 1
            )
        applied += 1
