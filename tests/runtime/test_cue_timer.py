"""The one timer of every live session's next cue (bot/runtime/cue_timer.py)."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.runtime.cue_timer import CueTimer
from tests.support.live_session import wait_until


class Fired:
    """Records which runners' actions ran; `hold` keeps an action running until set."""

    def __init__(self) -> None:
        self.runners: list[int] = []
        self.errors = 0
        self.hold = asyncio.Event()
        self.hold.set()

    async def action(self, user_id: int) -> None:
        self.runners.append(user_id)
        await self.hold.wait()

    def error(self) -> None:
        self.errors += 1


def timer_of(fired: Fired) -> CueTimer:
    return CueTimer(time.time, fired.error)


async def test_an_earlier_moment_wakes_the_sleeping_timer() -> None:
    fired = Fired()
    timer = timer_of(fired)
    timer.arm(1, time.time() + 3600, fired.action)
    await asyncio.sleep(0)
    timer.arm(2, time.time(), fired.action)
    await wait_until(lambda: fired.runners == [2])
    assert 1 in timer
    await timer.stop()


async def test_arming_again_replaces_and_cancel_forgets() -> None:
    fired = Fired()
    timer = timer_of(fired)
    timer.arm(1, time.time() + 3600, fired.action)
    timer.arm(1, time.time(), fired.action)
    timer.arm(2, time.time(), fired.action)
    assert timer.cancel(2)
    assert not timer.cancel(2)
    await wait_until(lambda: fired.runners == [1])
    assert 1 not in timer
    assert timer.next_moment() is None
    await timer.stop()


async def test_a_failing_action_is_logged_and_counted_and_the_rest_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fired = Fired()
    timer = timer_of(fired)

    async def broken(_: int) -> None:
        raise RuntimeError("no database")

    with caplog.at_level(logging.ERROR):
        timer.arm(1, time.time(), broken)
        timer.arm(2, time.time(), fired.action)
        await wait_until(lambda: fired.runners == [2] and fired.errors == 1)
    assert "no database" in caplog.text
    await timer.stop()


async def test_while_a_late_cue_runs_waiting_work_holds_back_until_it_is_done() -> None:
    fired = Fired()
    fired.hold.clear()
    timer = timer_of(fired)
    timer.arm(1, time.time() - 1, fired.action)  # a second late
    await wait_until(lambda: fired.runners == [1])
    waiting = asyncio.ensure_future(timer.caught_up(60))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    fired.hold.set()
    await asyncio.wait_for(waiting, 5)
    await timer.stop()


async def test_work_waits_for_late_cues_no_longer_than_it_is_told() -> None:
    fired = Fired()
    fired.hold.clear()
    timer = timer_of(fired)
    timer.arm(1, time.time() - 1, fired.action)
    await wait_until(lambda: fired.runners == [1])
    await asyncio.wait_for(timer.caught_up(0.05), 5)
    fired.hold.set()
    await timer.stop()


async def test_a_cue_on_time_holds_nothing_back_and_a_stopped_timer_runs_nothing() -> None:
    fired = Fired()
    fired.hold.clear()
    timer = timer_of(fired)
    timer.arm(1, time.time(), fired.action)
    await wait_until(lambda: fired.runners == [1])
    await asyncio.wait_for(timer.caught_up(60), 5)
    fired.hold.set()
    await timer.stop()
    timer.arm(2, time.time(), fired.action)
    await asyncio.sleep(0.05)
    assert fired.runners == [1]
