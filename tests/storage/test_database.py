"""The database: pragmas, owner-only file, migrations, and transactions that do not interleave."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import sys
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import migrations
from bot.storage.database import Database, IntegrityError
from bot.storage.migrations import LATEST_VERSION, apply_migrations, schema_version


@pytest.fixture
async def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "t.sqlite3")
    await database.open()
    yield database  # type: ignore[misc]
    await database.close()


async def test_pragmas_are_set(db: Database) -> None:
    journal = await db.fetch_one("PRAGMA journal_mode")
    foreign_keys = await db.fetch_one("PRAGMA foreign_keys")
    synchronous = await db.fetch_one("PRAGMA synchronous")
    busy = await db.fetch_one("PRAGMA busy_timeout")

    assert journal is not None and journal[0] == "wal"
    assert foreign_keys is not None and foreign_keys[0] == 1
    assert synchronous is not None and synchronous[0] == 2  # FULL
    assert busy is not None and busy[0] >= 1000


async def test_the_file_is_readable_by_its_owner_only(db: Database) -> None:
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600


async def test_a_new_database_is_migrated_to_the_latest_version(db: Database) -> None:
    version = await db.fetch_one("PRAGMA user_version")
    tables = {row[0] for row in await db.fetch_all("SELECT name FROM sqlite_master")}

    assert version is not None and version[0] == LATEST_VERSION
    assert {"runners", "ptb_conversations", "ptb_user_data", "ptb_chat_data"} <= tables


async def test_migrating_again_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    async with aiosqlite.connect(path) as connection:
        first = await apply_migrations(connection)
        second = await apply_migrations(connection)
        version = await schema_version(connection)

    assert (first, second, version) == (LATEST_VERSION, 0, LATEST_VERSION)


async def test_a_failing_migration_leaves_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = (*migrations.MIGRATIONS, ("CREATE TABLE half_done (x INTEGER)", "NOT SQL AT ALL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(broken))
    path = tmp_path / "f.sqlite3"

    async with aiosqlite.connect(path) as connection:
        with pytest.raises(aiosqlite.OperationalError):
            await apply_migrations(connection)
        version = await schema_version(connection)
        async with connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
        ) as cursor:
            row = await cursor.fetchone()

    assert version == len(broken) - 1  # every good version landed, the bad one not at all
    assert row is not None and row[0] == 0


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    async with aiosqlite.connect(path) as connection:
        await connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        with pytest.raises(RuntimeError, match="newer than this program"):
            await apply_migrations(connection)


async def test_the_migrate_command_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "cli.sqlite3"
    env = {**os.environ, "BACKSTRIDE_DB_PATH": str(path)}
    for _ in range(2):
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "migrate",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        assert b"latest schema version" in out
    async with aiosqlite.connect(path) as connection:
        assert await schema_version(connection) == LATEST_VERSION


async def test_transactions_do_not_interleave(db: Database) -> None:
    order: list[str] = []

    async def slow_writer() -> None:
        async with db.transaction() as tx:
            order.append("slow begins")
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (1, 'a')")
            await asyncio.sleep(0.05)  # another coroutine gets the loop here
            order.append("slow ends")

    async def quick_writer() -> None:
        await asyncio.sleep(0.01)
        async with db.transaction() as tx:
            order.append("quick runs")
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (2, 'b')")

    await asyncio.gather(slow_writer(), quick_writer())

    assert order == ["slow begins", "slow ends", "quick runs"]


async def test_a_failed_transaction_rolls_back_whole(db: Database) -> None:
    with pytest.raises(ValueError, match="boom"):
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (3, 'c')")
            raise ValueError("boom")

    assert await db.fetch_all("SELECT * FROM ptb_chat_data") == []


async def test_a_failed_transaction_does_not_take_a_neighbour_down(db: Database) -> None:
    async def failing() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (4, 'd')")
            await asyncio.sleep(0.02)
            raise ValueError("boom")

    async def succeeding() -> None:
        await asyncio.sleep(0.01)
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (5, 'e')")

    results = await asyncio.gather(failing(), succeeding(), return_exceptions=True)

    rows = await db.fetch_all("SELECT chat_id FROM ptb_chat_data")
    assert isinstance(results[0], ValueError)
    assert [row[0] for row in rows] == [5]


async def test_a_read_or_write_during_a_transaction_waits_until_it_ends(db: Database) -> None:
    seen: list[object] = []

    async def failing_transaction() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (6, 'f')")
            await asyncio.sleep(0.03)  # the reader and the writer come in here
            raise ValueError("boom")

    async def reader() -> None:
        await asyncio.sleep(0.01)
        seen.append(await db.fetch_one("SELECT chat_id FROM ptb_chat_data WHERE chat_id = 6"))

    async def writer() -> None:
        await asyncio.sleep(0.01)
        seen.append(await db.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (7, 'g')"))

    results = await asyncio.gather(
        failing_transaction(), reader(), writer(), return_exceptions=True
    )

    # Neither saw the rolled-back row, and the rollback did not take the neighbour's row.
    rows = await db.fetch_all("SELECT chat_id FROM ptb_chat_data")
    assert isinstance(results[0], ValueError)
    assert seen == [None, 1]
    assert [row[0] for row in rows] == [7]


async def test_riders_and_their_write_commit_together_or_not_at_all(db: Database) -> None:
    await db.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (8, 'h')")
    with pytest.raises(IntegrityError):
        async with db.unit_of_work():
            db.ride_along("INSERT INTO ptb_chat_data (chat_id, data) VALUES (9, 'i')")
            await db.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (8, 'again')")
    async with db.unit_of_work():
        db.ride_along("INSERT INTO ptb_chat_data (chat_id, data) VALUES (10, 'j')")
        changed = await db.execute("UPDATE ptb_chat_data SET data = 'k' WHERE chat_id = 8")

    rows = await db.fetch_all("SELECT chat_id, data FROM ptb_chat_data ORDER BY chat_id")
    assert changed == 1
    assert [tuple(row) for row in rows] == [(8, "k"), (10, "j")]


async def test_waiting_counts_the_statements_not_answered_yet(db: Database) -> None:
    assert db.waiting == 0
    reads = [asyncio.ensure_future(db.fetch_all("SELECT 1")) for _ in range(3)]
    await asyncio.sleep(0)
    assert db.waiting == 3
    await asyncio.gather(*reads)
    assert db.waiting == 0
    async with db.transaction() as tx:
        assert db.waiting == 1
        await tx.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (11, 'l')")
    assert db.waiting == 0


async def test_a_write_together_that_fails_at_commit_leaves_no_transaction_open(
    db: Database, tmp_path: Path
) -> None:
    # A deferred foreign key is checked at COMMIT, so the statements run and COMMIT fails.
    await db.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY)")
    await db.execute(
        "CREATE TABLE children (parent INTEGER REFERENCES parents (id)"
        " DEFERRABLE INITIALLY DEFERRED)"
    )
    with pytest.raises(IntegrityError):
        await db.backend.execute_together([("INSERT INTO children (parent) VALUES (1)", ())])
    await db.execute("INSERT INTO parents (id) VALUES (2)")

    with sqlite3.connect(tmp_path / "t.sqlite3") as other:  # what another reader sees
        assert other.execute("SELECT id FROM parents").fetchall() == [(2,)]
        assert other.execute("SELECT parent FROM children").fetchall() == []
