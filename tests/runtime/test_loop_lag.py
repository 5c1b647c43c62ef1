"""The gate that holds new updates while the event loop runs behind (bot/runtime/loop_lag.py).

A "hog" blocks the event loop in slices, as a burst of other work would; the tests check
the order of events (admitted before or after the hog stopped), never how long anything took.
"""

from __future__ import annotations

import asyncio
import time

from bot.runtime.loop_lag import LoopLag


async def _hog(slices: int, stopped: asyncio.Event, slice_s: float = 0.03) -> None:
    """Block the loop for `slice_s` at a time, letting it turn in between."""
    for _ in range(slices):
        time.sleep(slice_s)  # noqa: ASYNC251  (blocking the loop is the point)
        await asyncio.sleep(0)
    stopped.set()


async def _admitted_after(lag: LoopLag, stopped: asyncio.Event) -> bool:
    await lag.admit()
    return stopped.is_set()


async def test_while_the_loop_keeps_up_a_few_are_let_in_per_tick() -> None:
    lag = LoopLag(tick=0.01, behind=10.0, per_tick=2, longest=60.0)
    await lag.admit()
    await lag.admit()
    third = asyncio.ensure_future(lag.admit())
    await asyncio.sleep(0)
    assert not third.done()  # the tick's budget is spent: it waits for the next tick
    await asyncio.wait_for(third, 5)
    assert lag.held == 1
    await lag.stop()


async def test_updates_wait_while_the_loop_is_behind_and_go_once_it_caught_up() -> None:
    lag = LoopLag(tick=0.005, behind=0.01, per_tick=4, longest=60.0)
    await lag.admit()  # starts the watch
    stopped = asyncio.Event()
    hog = asyncio.ensure_future(_hog(10, stopped))
    await asyncio.sleep(0.05)  # the watch has seen the loop behind
    assert not stopped.is_set()
    waiting = [asyncio.ensure_future(_admitted_after(lag, stopped)) for _ in range(3)]
    results = await asyncio.wait_for(asyncio.gather(*waiting), 10)
    await hog
    assert results == [True, True, True]  # none was let in while the hog ran
    assert lag.held == 3
    await lag.stop()


async def test_nobody_waits_longer_than_the_longest_wait() -> None:
    lag = LoopLag(tick=0.005, behind=0.01, per_tick=4, longest=0.1)
    await lag.admit()
    stopped = asyncio.Event()
    hog = asyncio.ensure_future(_hog(100, stopped))  # behind for about three seconds
    await asyncio.sleep(0.05)
    admitted_before_the_end = not await _admitted_after(lag, stopped)
    await hog
    assert admitted_before_the_end
    await lag.stop()


async def test_stopping_lets_everyone_in() -> None:
    lag = LoopLag(tick=0.005, behind=0.01, per_tick=1, longest=60.0)
    await lag.admit()
    waiting = [asyncio.ensure_future(lag.admit()) for _ in range(5)]
    await asyncio.sleep(0)
    await lag.stop()
    await asyncio.wait_for(asyncio.gather(*waiting), 5)


async def test_updates_wait_while_another_resource_is_behind() -> None:
    behind = True
    lag = LoopLag(tick=0.005, behind=10.0, per_tick=4, longest=60.0, backlog=lambda: behind)
    waiting = asyncio.ensure_future(lag.admit())
    await asyncio.sleep(0.05)  # ten ticks: the loop keeps up, the database does not
    assert not waiting.done()
    behind = False
    await asyncio.wait_for(waiting, 5)
    await lag.stop()
