"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder,
pg_ctl start on a free loopback port, a fresh database per test, stopped at the end.

No server is needed to run the SQLite half: `start_server()` returns None with the reason
when the binaries are missing or the server does not come up.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from bot.storage.postgres_maintenance import postgres_program

# Durability is not what a test measures: no fsync makes initdb and each test's database quick.
_FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


@dataclass
class PostgresServer:
    """A running server owned by the test session."""

    folder: Path
    port: int
    as_user: str | None  # the user that runs the binaries when we are root

    @property
    def admin_url(self) -> str:
        """The maintenance database, for creating and dropping others."""
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        """The URL of one database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    async def new_database(self) -> str:
        """Create an empty database; its URL."""
        name = "t_" + uuid.uuid4().hex[:16]
        connection = await asyncpg.connect(self.admin_url)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        return self.url_of(name)

    async def drop_database(self, url: str) -> None:
        """Drop a database made by `new_database`, disconnecting anyone still on it."""
        name = url.rpartition("/")[2]
        connection = await asyncpg.connect(self.admin_url)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    def stop(self) -> None:
        """Stop the server at once and remove its files."""
        _run(self, "pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


class NoServer(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def start_server() -> PostgresServer:
    """initdb and start a server on a free loopback port; raises NoServer with the reason."""
    if postgres_program("initdb") is None or postgres_program("pg_ctl") is None:
        raise NoServer("no initdb/pg_ctl found (apt-get install postgresql)")
    as_user = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="backstride-pg-"))
    if as_user is not None:
        entry = pwd.getpwnam(as_user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(folder, _free_port(), as_user)
    data = folder / "data"
    options = " ".join(
        [f"-p {server.port}", "-c listen_addresses=127.0.0.1", f"-k {folder}"]
        + [f"-c {setting}" for setting in _FAST_SETTINGS]
    )
    try:
        _run(server, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        _run(server, "pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "30",
             "-o", options, "start")  # fmt: skip
    except (subprocess.CalledProcessError, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise NoServer(f"the server did not start: {error}") from error
    return server


def _run(server: PostgresServer, name: str, *args: str) -> None:
    binary = postgres_program(name)
    assert binary is not None
    prefix = [] if server.as_user is None else [str(_runuser()), "-u", server.as_user, "--"]
    subprocess.run(
        [*prefix, binary, *args], check=True, capture_output=True, cwd=server.folder, timeout=60
    )


def _unprivileged_user() -> str | None:
    """initdb refuses to run as root: run the binaries as `postgres` (or `nobody`) then."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        if _runuser() is not None:
            return name
    raise NoServer("running as root with no postgres user or runuser to start the server as")


def _runuser() -> str | None:
    """util-linux's runuser, which is in sbin (not always on PATH)."""
    found = shutil.which("runuser")
    candidates = [found] if found else []
    candidates += ["/usr/sbin/runuser", "/sbin/runuser"]
    return next((path for path in candidates if os.path.exists(path)), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
