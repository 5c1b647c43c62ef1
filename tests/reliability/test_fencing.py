"""Fencing: a leader that was frozen while a standby took over sends nothing when it wakes.

Two `python -m bot` on one PostgreSQL, each with a fake Bot API of its own, so every call can
be told apart. The leader reaches the database through a proxy. Mid-session the leader is
frozen (SIGSTOP) and the proxy drops its connections silently: the server sees them close
and frees the lock, the frozen process sees nothing, as after a network partition or a
paused virtual machine. The standby takes over and sends; then the old leader is woken
(SIGCONT) with cues overdue in its memory. It must send none of them: its lease ran out
while it was frozen, the epoch cannot be confirmed, and it stops (exit 75).
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from pathlib import Path

from bot.emulator.botapi import ApiCall
from bot.storage.leadership import EXIT_LOST_LEADERSHIP
from tests.reliability.failover_driver import leads, seed_sessions
from tests.support.bot_process import bot_environment, bot_process, wait_for
from tests.support.http_botapi import HttpBotApi
from tests.support.postgres_server import PostgresServer
from tests.support.silent_proxy import SilentProxy

SESSIONS = 3
SCALE = 30.0  # warm-up 10 s, then a cue every 0.8 s or 2 s: several fall due while frozen
START_DELAY = 6.0


async def test_a_leader_frozen_while_a_standby_took_over_sends_nothing_when_it_wakes(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.new_database()
    await seed_sessions(url, SESSIONS, time.time() + START_DELAY, 1.0, SCALE)
    sent_after_waking, old_exit, old_log = await asyncio.to_thread(
        _freeze_the_leader, tmp_path, url
    )

    assert old_exit == EXIT_LOST_LEADERSHIP, old_log[-3000:]
    assert sent_after_waking == [], old_log[-3000:]


def _freeze_the_leader(tmp_path: Path, url: str) -> tuple[list[str], int, str]:
    """Run the scene; what the old leader sent after waking, its exit code and its log."""
    woken = threading.Event()
    late: list[str] = []

    def after_waking(call: ApiCall) -> None:
        if woken.is_set() and call.method.startswith(("send", "edit")):
            late.append(f"{call.method} {str(call.params.get('text', ''))[:60]!r}")

    with (
        HttpBotApi().serving() as old_api,
        HttpBotApi().serving() as new_api,
        SilentProxy.in_front_of(url).serving() as proxy,
    ):
        old_api.emulator.listeners.append(after_waking)
        via_proxy = proxy.url_through(url)
        with bot_process(_environment(old_api, tmp_path, via_proxy), tmp_path) as old:
            assert wait_for(lambda: leads(old), 30), old.stderr()[-2000:]
            with bot_process(_environment(new_api, tmp_path, url), tmp_path) as new:
                assert wait_for(lambda: "standby:" in new.stderr(), 30), new.stderr()[-2000:]
                # The warm-up and the first bout went out: cues are coming every second or two.
                cues = SESSIONS * 2
                sent = wait_for(lambda: len(old_api.calls_of("sendMessage")) >= cues, 60)
                assert sent, old.stderr()[-2000:]
                old.process.send_signal(signal.SIGSTOP)
                proxy.cut()
                took_over = wait_for(lambda: new_api.calls_of("sendMessage"), 30)
                woken.set()
                old.process.send_signal(signal.SIGCONT)
                old_exit = old.process.wait(timeout=30)
                assert took_over, new.stderr()[-2000:]
    return late, old_exit, old.stderr()


def _environment(api: HttpBotApi, tmp_path: Path, url: str) -> dict[str, str]:
    return bot_environment(
        api,
        tmp_path / "unused.sqlite3",
        BACKSTRIDE_DATABASE_URL=url,
        BACKSTRIDE_TIME_SCALE=str(SCALE),
        LOG_LEVEL="INFO",
    )
