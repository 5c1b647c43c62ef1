"""`python -m bot migrate`, `health` and `backup` with BACKSTRIDE_DATABASE_URL: a migrated
database, a health line that says standby or leader, and a pg_dump that pg_restore reads
back into an empty database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bot.storage.database import Database
from bot.storage.postgres_maintenance import postgres_program
from tests.support.postgres_server import PostgresServer


def _bot(url: str, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={
            **os.environ,
            "BACKSTRIDE_DATABASE_URL": url,
            "BACKSTRIDE_DB_PATH": str(workdir / "unused.sqlite3"),
        },
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _restore(dump: Path, url: str) -> subprocess.CompletedProcess[str]:
    restore = postgres_program("pg_restore")
    assert restore is not None
    return subprocess.run(
        [restore, "--no-owner", f"--dbname={url}", str(dump)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_migrate_health_backup_and_restore(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.new_database()
    unmigrated = _bot(url, tmp_path, "health")
    migrated = _bot(url, tmp_path, "migrate")
    healthy = _bot(url, tmp_path, "health", "--schema")
    never_beat = _bot(url, tmp_path, "health")
    database = Database(tmp_path / "unused.sqlite3", url)
    await database.open()
    now = datetime.now(UTC).isoformat()
    await database.execute(
        "INSERT INTO runners (user_id, chat_id, first_name, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (7, 7, "Ana", now, now),
    )
    await database.close()
    backup = _bot(url, tmp_path, "backup", str(tmp_path / "backstride.dump"))
    copy = await postgres_server.new_database()
    restored = _restore(tmp_path / "backstride.dump", copy)
    connection = await asyncpg.connect(copy)
    names = await connection.fetch("SELECT first_name FROM runners")
    await connection.close()

    assert unmigrated.returncode == 1 and "python -m bot migrate" in unmigrated.stderr
    assert migrated.returncode == 0, migrated.stderr
    assert "secret" not in migrated.stdout and "127.0.0.1" in migrated.stdout
    assert healthy.returncode == 0, healthy.stderr
    assert "standby (leader: none yet)" in healthy.stdout
    assert never_beat.returncode == 1 and "has not run" in never_beat.stderr
    assert backup.returncode == 0, backup.stderr
    assert restored.returncode == 0, restored.stderr
    assert [row["first_name"] for row in names] == ["Ana"]
