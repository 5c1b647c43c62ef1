"""The SQLite users' continuous backup: Litestream replicates the bot's database with
deploy/litestream.yml while rows are written, and `litestream restore` brings back every row
committed before the replica caught up (a local folder stands in for the off-host store)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage.database import Database

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
LITESTREAM = shutil.which("litestream") or str(Path(sys.executable).parent / "litestream")


def _count(path: Path) -> tuple[int, str]:
    with closing(sqlite3.connect(path)) as connection:
        runners = int(connection.execute("SELECT count(*) FROM runners").fetchone()[0])
        verdict = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    return runners, verdict


async def _write_runners(db_path: Path, batches: tuple[range, ...]) -> None:
    """Rows written through the bot's own SQLite backend, one statement each."""
    database = Database(db_path)
    await database.open()
    now = datetime.now(UTC).isoformat()
    for batch in batches:
        for user_id in batch:
            await database.execute(
                "INSERT INTO runners (user_id, chat_id, created_at, last_seen_at)"
                " VALUES (?, ?, ?, ?)",
                (user_id, user_id, now, now),
            )
    await database.close()


@pytest.mark.skipif(not Path(LITESTREAM).exists(), reason="litestream is not installed")
def test_a_litestream_replica_restores_every_committed_row(tmp_path: Path) -> None:
    db_path = tmp_path / "backstride.sqlite3"
    config = str(DEPLOY / "litestream.yml")
    env = {
        **os.environ,
        "BACKSTRIDE_DB_PATH": str(db_path),
        "LITESTREAM_REPLICA_URL": (tmp_path / "replica").as_uri(),
    }
    asyncio.run(_write_runners(db_path, (range(1, 201),)))
    replicating = subprocess.Popen(
        [LITESTREAM, "replicate", "-config", config],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        asyncio.run(_write_runners(db_path, (range(1000, 1300),)))
        time.sleep(3)  # the replica catches up within its 1 s sync interval
    finally:
        replicating.terminate()
        replicating.wait(timeout=30)
    restored = tmp_path / "restored.sqlite3"
    done = subprocess.run(
        [LITESTREAM, "restore", "-config", config, "-o", str(restored), str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert _count(restored) == (500, "ok")
