"""Two `python -m bot` processes on one PostgreSQL: the leader fails mid-session (kill -9, or
its lock connection cut) and the standby takes over the live sessions. Figures are printed;
`python -m tests.reliability.failover_driver --sessions 200` is the benchmark."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.storage.leadership import EXIT_LOST_LEADERSHIP
from tests.reliability.failover_driver import FailoverRun, Failure
from tests.support.http_botapi import HttpBotApi
from tests.support.postgres_server import PostgresServer

SESSIONS = 4
SCALE = 60.0  # a 16-minute session in 16 s


@pytest.mark.parametrize("cause", ["kill", "cut"])
async def test_the_standby_takes_over_live_sessions_when_the_leader_fails(
    tmp_path: Path, postgres_server: PostgresServer, cause: Failure
) -> None:
    url = await postgres_server.new_database()
    with HttpBotApi().serving() as api:
        run = FailoverRun(tmp_path, api, url, SESSIONS, SCALE)
        figures = await asyncio.to_thread(run.run, cause)
    print(f"\n  failover {figures.line()}")

    assert figures.notes == [], figures.line()
    assert figures.new_leader_s is not None, figures.line()
    assert figures.sessions_cued_after == SESSIONS, figures.line()
    assert figures.lost == 0, figures.line()
    assert figures.most_duplicates_in_a_session <= 1, figures.line()
    if cause == "cut":
        # Fenced: the old leader stopped on its own, before the standby began to lead.
        assert figures.old_leader_exit_code == EXIT_LOST_LEADERSHIP, figures.line()
        assert figures.old_leader_gone_s < figures.new_leader_s, figures.line()
