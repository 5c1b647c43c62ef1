"""`python -m bot health` and `backup` when the store is PostgreSQL.

Health opens one connection, checks the schema version and names the leader (the process
holding the lead's advisory lock). A backup is pg_dump's custom format, written owner-only
and moved into place only when pg_dump succeeded; `pg_restore` reads it back.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import asyncpg

from bot.storage.heartbeat import READ_BEAT
from bot.storage.leadership import current_leader
from bot.storage.maintenance import MaintenanceError
from bot.storage.migrations import LATEST_VERSION
from bot.storage.postgres_backend import schema_version


@dataclass(frozen=True, slots=True)
class PostgresHealth:
    """What `health` found: the schema version, who leads ("host pid"), if anyone, and the
    running bot's last heartbeat (None: it never beat on this database)."""

    version: int
    leader: str | None
    beat_at: str | None

    @property
    def role(self) -> str:
        """This host's part: "leader" if the lead is held from here, else "standby"."""
        if self.leader is not None and self.leader.split()[0] == socket.gethostname():
            return "leader"
        return "standby"


def where(url: str) -> str:
    """The server and database of a URL, without its user or password (for messages)."""
    parsed = urlparse(url)
    return f"postgresql://{parsed.hostname or 'localhost'}:{parsed.port or 5432}{parsed.path}"


async def postgres_health(url: str) -> PostgresHealth:
    """The database's version and leader; MaintenanceError unless it opens at ours."""
    try:
        connection = await asyncpg.connect(url, timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        raise MaintenanceError(f"cannot reach {where(url)}: {error}") from error
    try:
        version = await schema_version(connection)
        beat_at = None
        if version == LATEST_VERSION:
            await connection.fetchval("SELECT count(*) FROM runners")
            beat_at = await connection.fetchval(READ_BEAT)
        leader = await current_leader(connection)
    except asyncpg.PostgresError as error:
        raise MaintenanceError(f"cannot read {where(url)}: {error}") from error
    finally:
        await connection.close()
    if version != LATEST_VERSION:
        raise MaintenanceError(
            f"{where(url)} is at schema version {version}, this program needs {LATEST_VERSION}"
            " (run `python -m bot migrate`)"
        )
    return PostgresHealth(version, leader, beat_at)


def postgres_program(name: str) -> str | None:
    """A PostgreSQL program (pg_dump, initdb, ...): on PATH, or in the Debian package's
    folder (newest version first), which is not on PATH."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_first)
    return candidates[-1] if candidates else None


def _version_first(path: str) -> tuple[int, str]:
    version = Path(path).parts[-3]
    return (int(version) if version.isdigit() else 0, path)


def pg_dump_to(url: str, target: Path) -> int:
    """Dump the database with pg_dump (custom format) to `target`; returns its size."""
    pg_dump = postgres_program("pg_dump")
    if pg_dump is None:
        raise MaintenanceError(
            "pg_dump is not installed here; install the PostgreSQL client (same major version"
            " as the server) or run on the database host:"
            " pg_dump --format=custom --file=backstride.dump DATABASE_URL"
        )
    if target.is_dir():
        raise MaintenanceError(f"{target} is a folder; give the backup a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        done = subprocess.run(
            [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={url}"],
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        if done.returncode != 0:
            raise MaintenanceError(f"pg_dump failed: {done.stderr.strip()}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size
