"""Database chores run from the command line next to the bot: online backup, health check.

They use their own plain sqlite3 connection, not the bot's: WAL lets them read a consistent
snapshot while the bot keeps writing.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from bot.storage.heartbeat import READ_BEAT
from bot.storage.migrations import LATEST_VERSION


class MaintenanceError(Exception):
    """A backup could not be made, or the database is not healthy; the message says why."""


def back_up(source: Path, target: Path) -> int:
    """Copy the database at `source` to the file `target` with SQLite's backup API.

    The copy is one consistent snapshot (every transaction committed before it began, none
    half-applied), a single self-contained file (no -wal beside it), readable by its owner
    only, and checked with PRAGMA integrity_check before it atomically replaces `target`.
    Returns the number of pages copied.
    """
    if not source.is_file():
        raise MaintenanceError(f"there is no database at {source}")
    if target.is_dir():
        raise MaintenanceError(f"{target} is a folder; give the backup a file name")
    if target.exists() and target.samefile(source):
        raise MaintenanceError("the backup must not overwrite the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file owner-only (0600); SQLite keeps the mode of an existing file.
    handle, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        pages = _copy(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _copy(source: Path, copy: Path) -> int:
    try:
        with (
            closing(sqlite3.connect(_existing_file_uri(source), uri=True, timeout=30)) as reader,
            closing(sqlite3.connect(copy)) as writer,
        ):
            # All pages in one step: one read transaction, so one snapshot, and the bot's
            # writers are never blocked (WAL readers do not block writers).
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode=DELETE")
            verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
            pages = int(writer.execute("PRAGMA page_count").fetchone()[0])
    except sqlite3.Error as error:
        raise MaintenanceError(f"could not copy {source}: {error}") from error
    if verdict != "ok":
        raise MaintenanceError(f"the copy failed its integrity check: {verdict}")
    return pages


def schema_version_of(path: Path) -> int:
    """The schema version of the database at `path`, only read (nothing is created or
    migrated); raises MaintenanceError unless it opens and is at this program's version."""
    return health_facts(path)[0]


def health_facts(path: Path) -> tuple[int, str | None]:
    """The schema version and the running bot's last heartbeat (None: it never beat on this
    database), after the same checks as schema_version_of."""
    if not path.is_file():
        raise MaintenanceError(f"there is no database at {path}")
    row = None
    try:
        with closing(sqlite3.connect(_existing_file_uri(path), uri=True, timeout=5)) as connection:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            connection.execute("SELECT count(*) FROM runners").fetchone()
            if version == LATEST_VERSION:
                row = connection.execute(READ_BEAT).fetchone()
    except sqlite3.Error as error:
        raise MaintenanceError(f"cannot read {path}: {error}") from error
    if version != LATEST_VERSION:
        raise MaintenanceError(
            f"{path} is at schema version {version}, this program needs {LATEST_VERSION}"
            " (run `python -m bot migrate`)"
        )
    return version, row[0] if row else None


def _existing_file_uri(path: Path) -> str:
    """Open without creating. Not read-only: as the last connection to close, it tidies
    away the -wal and -shm files a read-only one would leave behind."""
    return f"{path.resolve().as_uri()}?mode=rw"
