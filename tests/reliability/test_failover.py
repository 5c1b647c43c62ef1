"""Two `python -m bot` processes on one PostgreSQL: the leader fails mid-session (kill -9, or
its lock connection cut) and the standby takes over the live sessions; in webhook mode, the
standby starts serving the webhook when it takes over. Figures are printed;
`python -m tests.reliability.failover_driver --sessions 200` is the benchmark."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from bot.emulator.user import EmulatedUser
from bot.storage.leadership import EXIT_LOST_LEADERSHIP
from tests.reliability.failover_driver import FailoverRun, Failure
from tests.support.bot_process import bot_process, free_port, wait_for
from tests.support.http_botapi import HttpBotApi
from tests.support.postgres_server import PostgresServer
from tests.test_webhook_process import SECRET, post_update, webhook_environment

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


async def test_in_webhook_mode_the_standby_serves_the_webhook_once_the_leader_is_killed(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.new_database()
    statuses, standby_was_closed = await asyncio.to_thread(_webhook_failover, tmp_path, url)

    assert standby_was_closed  # a standby serves nothing
    assert statuses == (200, 200)


def _webhook_failover(tmp_path: Path, url: str) -> tuple[tuple[int, int], bool]:
    """A runner writes to the leader's webhook; the leader is killed; the runner writes to
    the standby's. The HTTP statuses, and whether the standby's port was closed before."""
    ports = (free_port(), free_port())
    with HttpBotApi().serving() as api:
        first_env, second_env = (
            webhook_environment(api, tmp_path / "unused.sqlite3", port, BACKSTRIDE_DATABASE_URL=url)
            for port in ports
        )
        runner = EmulatedUser(api.emulator, 81, "Gil")

        def ask_help(port: int) -> int:
            return post_update(port, api.emulator.number_update(runner.text("/help")), SECRET)

        with bot_process(first_env, tmp_path) as first:
            assert wait_for(lambda: api.calls_of("setWebhook"), 30), first.stderr()[-2000:]
            with bot_process(second_env, tmp_path) as second:
                assert wait_for(lambda: "standby:" in second.stderr(), 30)
                before = ask_help(ports[0])
                assert wait_for(lambda: api.messages_in(81), 30), first.stderr()[-2000:]
                standby_was_closed = _refused(ports[1])
                first.process.kill()
                first.process.wait(timeout=30)
                registered = wait_for(lambda: len(api.calls_of("setWebhook")) == 2, 30)
                assert registered, second.stderr()[-2000:]
                after = ask_help(ports[1])
                assert wait_for(lambda: len(api.messages_in(81)) == 2, 30), second.stderr()
    return (before, after), standby_was_closed


def _refused(port: int) -> bool:
    """True if nothing listens on the loopback `port`."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False
