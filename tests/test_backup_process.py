"""`python -m bot backup` while the bot writes, the restore deploy/README.md describes, and
`python -m bot health` on the result."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bot.storage.database import Database

_INSERT_RUNNER = (
    "INSERT INTO runners (user_id, chat_id, first_name, created_at, last_seen_at)"
    " VALUES (?, ?, ?, ?, ?)"
)
_PRELOADED = 20_000  # a few megabytes, so the copy takes a moment


def _bot_command(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**os.environ, "BACKSTRIDE_DB_PATH": str(db_path)},
        cwd=db_path.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def _preload(database: Database) -> None:
    now = datetime.now(UTC).isoformat()
    async with database.transaction() as tx:
        await tx.execute_many(
            _INSERT_RUNNER,
            ((i, i, f"runner {i} " + "x" * 200, now, now) for i in range(1, _PRELOADED + 1)),
        )


async def test_a_backup_during_writes_restores_every_row_committed_before_it(
    tmp_path: Path,
) -> None:
    live = tmp_path / "live" / "backstride.sqlite3"
    backup = tmp_path / "backups" / "backstride-today.sqlite3"
    database = Database(live)
    await database.open()
    await _preload(database)
    committed = [_PRELOADED]  # the highest user_id committed so far
    writing, stop = asyncio.Event(), asyncio.Event()

    async def keep_writing() -> None:
        while not stop.is_set():
            user_id = committed[-1] + 1
            now = datetime.now(UTC).isoformat()
            await database.execute(_INSERT_RUNNER, (user_id, user_id, "late", now, now))
            committed.append(user_id)
            if len(committed) == 50:
                writing.set()

    writer = asyncio.create_task(keep_writing())
    await writing.wait()
    committed_before = committed[-1]
    result = await asyncio.to_thread(_bot_command, live, "backup", str(backup))
    stop.set()
    await writer
    await database.close()

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"backed up {live} to {backup} (")
    assert committed[-1] > committed_before  # the bot kept writing while the copy was made
    assert backup.stat().st_mode & 0o777 == 0o600
    # Restore as deploy/README.md says: stop, copy over BACKSTRIDE_DB_PATH, drop -wal/-shm.
    restored = tmp_path / "restored" / "backstride.sqlite3"
    restored.parent.mkdir()
    shutil.copy(backup, restored)
    with closing(sqlite3.connect(restored)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = [row[0] for row in connection.execute("SELECT user_id FROM runners ORDER BY 1")]
    # One snapshot: every row up to some moment after the backup started, and no gaps.
    assert ids == list(range(1, len(ids) + 1))
    assert len(ids) >= committed_before
    health = _bot_command(restored, "health", "--schema")
    assert (health.returncode, health.stdout.split(":")[0]) == (0, "healthy"), health.stderr


def test_health_exits_1_without_a_database_and_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "backstride.sqlite3"

    result = _bot_command(missing, "health")

    assert result.returncode == 1
    assert result.stderr.startswith("unhealthy: there is no database at")
    assert not missing.exists()


def test_a_failed_backup_exits_1_and_says_why(tmp_path: Path) -> None:
    result = _bot_command(tmp_path / "absent.sqlite3", "backup", str(tmp_path / "copy"))

    assert result.returncode == 1
    assert result.stderr.startswith("backstride: backup failed: there is no database at")
    assert not (tmp_path / "copy").exists()
