"""Backup and health check on their own: refusals, owner-only copies, schema versions."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.storage.database import Database
from bot.storage.maintenance import MaintenanceError, back_up, schema_version_of
from bot.storage.migrations import LATEST_VERSION


@pytest.fixture
async def database_file(tmp_path: Path) -> Path:
    """A migrated database with one runner, closed."""
    path = tmp_path / "bot.sqlite3"
    database = Database(path)
    await database.open()
    await database.execute(
        "INSERT INTO runners (user_id, chat_id, first_name, created_at, last_seen_at)"
        " VALUES (1, 1, 'Ana', 'then', 'then')"
    )
    await database.close()
    return path


def _runner_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT first_name FROM runners")]


def test_a_backup_is_a_complete_owner_only_file_with_nothing_beside_it(
    database_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "nightly.sqlite3"

    pages = back_up(database_file, target)

    assert pages > 0
    assert _runner_names(target) == ["Ana"]
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["nightly.sqlite3"]
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_backup_replaces_an_older_one(database_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "nightly.sqlite3"
    target.write_text("last night's copy")

    back_up(database_file, target)

    assert _runner_names(target) == ["Ana"]


@pytest.mark.parametrize("target_name", ["folder", "bot.sqlite3"])
def test_a_backup_refuses_a_folder_or_the_database_itself(
    database_file: Path, tmp_path: Path, target_name: str
) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(MaintenanceError):
        back_up(database_file, tmp_path / target_name)

    assert _runner_names(database_file) == ["Ana"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.sqlite3", "folder"]


def test_a_backup_of_a_missing_database_fails_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(MaintenanceError, match="no database"):
        back_up(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")

    assert list(tmp_path.iterdir()) == []


def test_health_reads_the_schema_version_without_creating_anything(
    database_file: Path, tmp_path: Path
) -> None:
    assert schema_version_of(database_file) == LATEST_VERSION
    with pytest.raises(MaintenanceError, match="no database"):
        schema_version_of(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_health_fails_on_an_old_schema_or_a_file_that_is_no_database(
    database_file: Path, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(database_file)) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION - 1:d}")
    (tmp_path / "junk.sqlite3").write_bytes(b"not sqlite at all" * 100)

    with pytest.raises(MaintenanceError, match="migrate"):
        schema_version_of(database_file)
    with pytest.raises(MaintenanceError, match="cannot read"):
        schema_version_of(tmp_path / "junk.sqlite3")
