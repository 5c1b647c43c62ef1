"""Shared test configuration: Hypothesis profiles (quick for `make test`, thorough for the soak),
and the two database backends the storage and application tests run on."""

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bot.storage.database import Database
from bot.storage.postgres_maintenance import postgres_program
from tests.support.harness import Coach, running_coach
from tests.support.log_scan import SCAN
from tests.support.postgres_server import NoServer, PostgresServer, start_server

settings.register_profile("quick", max_examples=60, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

BACKENDS = ("sqlite", "postgresql")
# CI sets this: a PostgreSQL half that cannot run is then a failure, not a skip.
_REQUIRED = os.environ.get("BACKSTRIDE_TEST_POSTGRES") == "required"
_server: PostgresServer | NoServer | None = None


def _postgres() -> PostgresServer | NoServer:
    """The session's PostgreSQL server, started on first use (or why there is none)."""
    global _server
    if _server is None:
        try:
            _server = start_server()
        except NoServer as reason:
            _server = reason
    return _server


def pytest_report_header() -> str:
    """One line at the top of the run: whether the PostgreSQL half can run."""
    if postgres_program("initdb") is None or postgres_program("pg_ctl") is None:
        return "postgresql: SKIPPING the PostgreSQL half: no initdb/pg_ctl (install postgresql)"
    return "postgresql: a test server starts on first use (initdb, pg_ctl on a loopback port)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end if the server was wanted and could not start."""
    if isinstance(_server, NoServer):
        terminalreporter.write_line(f"postgresql: SKIPPED the PostgreSQL half: {_server}")


def pytest_sessionfinish() -> None:
    """Stop the PostgreSQL server the session started."""
    if isinstance(_server, PostgresServer):
        _server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    """The running test server; skips the test when none can be started here."""
    server = _postgres()
    if isinstance(server, NoServer):
        if _REQUIRED:
            pytest.fail(f"no PostgreSQL server, and BACKSTRIDE_TEST_POSTGRES=required: {server}")
        pytest.skip(f"no PostgreSQL server: {server}")
    return server


@pytest.fixture(params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest,
) -> AsyncIterator[str | None]:
    """None for SQLite, or the URL of a fresh PostgreSQL database: each test runs on both."""
    if request.param == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.new_database()
    try:
        yield url
    finally:
        await server.drop_database(url)


@pytest.fixture
async def database(tmp_path: Path, database_url: str | None) -> AsyncIterator[Database]:
    """An open, migrated database on each backend."""
    db = Database(tmp_path / "test.sqlite3", database_url)
    await db.open()
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    """The real bot on an emulated Telegram with a fresh database, on each backend."""
    async with running_coach(tmp_path, database_url=database_url) as running:
        yield running


def pytest_configure(config: pytest.Config) -> None:
    """Keep every log line of the run for the raw-id scan (tests/test_zz_log_scan.py)."""
    SCAN.install()
