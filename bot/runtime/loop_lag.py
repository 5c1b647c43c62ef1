"""How far behind the event loop runs, and a gate for work that can wait while it is behind.

Every callback of the event loop waits for all those that became ready before it, so once the
loop has more work than time, each await of a cue costs a whole round of everybody's work:
at 500 runners tapping through their checks, rounds of a hundred milliseconds made cues due
in the burst arrive half a second late (`python -m bench.cues`). The loop's lag is measured
by a short sleep that should wake on time; new updates are let in only while it does, and a
few per tick, so the backlog waits in line (in order, per chat) instead of in the loop's
rounds, where the cues are.

The same holds for the database: its statements run one at a time on one thread, so a
session's start, stored before its first cue, waited behind every statement queued before
it (150 at the burst's peak). While more than a few statements wait (`backlog`), updates
wait too.

A waiting update is let in after `longest` seconds whatever the lag, so nothing starves. The
watch sleeps itself when nothing has asked for a while: an idle bot does not tick.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable

TICK = 0.005  # seconds between two looks at the loop
BEHIND = 0.010  # a tick this late means the loop is behind
PER_TICK = 4  # updates let in per tick while the loop keeps up
LONGEST = 1.0  # seconds an update waits at most
IDLE_AFTER = 1.0  # seconds without an update before the watch sleeps


class LoopLag:
    """Measures the event loop's lag on a tick; `admit` holds work while the loop is behind."""

    def __init__(
        self,
        *,
        tick: float = TICK,
        behind: float = BEHIND,
        per_tick: int = PER_TICK,
        longest: float = LONGEST,
        backlog: Callable[[], bool] = lambda: False,
    ) -> None:
        """Ticks of `tick` s; behind beyond `behind` s of lag, or while `backlog()` says
        another resource is; `per_tick` admissions a tick; nobody waits longer than
        `longest` s."""
        self._backlog = backlog
        self._tick = tick
        self._behind = behind
        self._per_tick = per_tick
        self._longest = longest
        self._lag = 0.0
        self._budget = per_tick
        self._waiting: collections.deque[tuple[float, asyncio.Future[None]]] = collections.deque()
        self._watch_task: asyncio.Task[None] | None = None
        self.held = 0  # updates that had to wait, for the figures

    @property
    def lag(self) -> float:
        """The last tick's lateness, in seconds."""
        return self._lag

    async def admit(self) -> None:
        """Return when a piece of work that can wait may start: at once while the loop keeps
        up (a few per tick, in the order asked), else once it has caught up, or after
        `longest` seconds."""
        loop = asyncio.get_running_loop()
        if self._watch_task is None:
            self._watch_task = loop.create_task(self._watch())
        if not self._waiting and self._budget > 0 and not self._backlog():
            self._budget -= 1
            return
        self.held += 1
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiting.append((loop.time(), waiter))
        await waiter  # a cancelled waiter stays in line, done: `_let_in` skips it

    async def stop(self) -> None:
        """Stop watching; whoever still waits is let in."""
        task, self._watch_task = self._watch_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        while self._waiting:
            _, waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        quiet_since = loop.time()
        while True:
            asked = loop.time()
            await asyncio.sleep(self._tick)
            now = loop.time()
            self._lag = now - asked - self._tick
            used = self._budget < self._per_tick
            keeping_up = self._lag < self._behind and not self._backlog()
            self._budget = self._per_tick if keeping_up else 0
            self._let_in(now)
            if self._waiting or used:
                quiet_since = now
            elif now - quiet_since > IDLE_AFTER:
                self._watch_task = None
                return

    def _let_in(self, now: float) -> None:
        """Wake the first waiters the budget allows, and any that waited `longest`."""
        while self._waiting:
            since, waiter = self._waiting[0]
            if waiter.done():
                self._waiting.popleft()
            elif self._budget > 0:
                self._budget -= 1
                self._waiting.popleft()
                waiter.set_result(None)
            elif now - since >= self._longest:
                self._waiting.popleft()
                waiter.set_result(None)
            else:
                return
