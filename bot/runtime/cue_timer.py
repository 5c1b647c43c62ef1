"""One timer for every live session's next cue: a heap of due moments watched by one task.

An APScheduler job per runner made each cue pay for a job object, its trigger, the
scheduler's wake-up and PTB's job context, and put 500 sessions' cues through a scheduler
built for a few long-lived jobs (`python -m bench.cues --profile`). Here a runner has at most
one entry; arming again replaces it (the old heap entry is skipped when its moment comes).
The task sleeps until the earliest moment, or until an earlier one is armed, then starts the
action of every runner that is due, each as its own task, so one slow send holds back no
other runner's cue.

When cues start late, the event loop is behind: `caught_up` lets work that can wait (new
updates) hold back until they start on time again.

Moments are unix times on the application's clock. A simulation, whose clock does not move
by itself, runs what is due with `run_due` instead (after `run_by_hand`: no timer task).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

CueAction = Callable[[int], Awaitable[None]]
BEHIND_AFTER = 0.05  # seconds: a cue starting this late means the event loop is behind


class CueTimer:
    """At most one pending moment per runner; `action(user_id)` runs when it comes."""

    def __init__(self, clock: Callable[[], float], on_error: Callable[[], None]) -> None:
        """`clock`: unix time now; `on_error` is told when an action raised (it is logged)."""
        self._clock = clock
        self._on_error = on_error
        self._pending: dict[int, tuple[int, CueAction]] = {}  # user_id -> (push number, action)
        self._heap: list[tuple[float, int, int]] = []  # (moment, push number, user_id)
        self._pushes = itertools.count()
        self._running: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._nap: asyncio.Future[None] | None = None
        self._wake_at = math.inf
        self._stopped = False
        # Set unless a cue that started BEHIND_AFTER late is still running (`caught_up`).
        self._late = 0
        self._on_time = asyncio.Event()
        self._on_time.set()

    def arm(self, user_id: int, at: float, action: CueAction) -> None:
        """Run `action(user_id)` at `at`, instead of whatever was pending for this runner."""
        number = next(self._pushes)
        self._pending[user_id] = (number, action)
        heapq.heappush(self._heap, (at, number, user_id))
        if self._stopped:
            return
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._watch())
        elif at < self._wake_at and self._nap is not None and not self._nap.done():
            self._nap.set_result(None)

    def cancel(self, user_id: int) -> bool:
        """Forget the runner's pending moment; False if there was none."""
        return self._pending.pop(user_id, None) is not None

    def __contains__(self, user_id: object) -> bool:
        """True if the runner has a pending moment."""
        return user_id in self._pending

    async def caught_up(self, longest: float) -> None:
        """Return once no cue that started late is still running, or after `longest` s.

        Work that can wait (a new update) waits here while cues run late, so the event
        loop spends itself on the cues first; `longest` keeps that work from starving.
        """
        if self._on_time.is_set():
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(longest):
                await self._on_time.wait()

    @property
    def busy(self) -> bool:
        """True while an action it started is still running."""
        return bool(self._running)

    def next_moment(self) -> float | None:
        """The earliest pending moment (None: nothing pending)."""
        self._drop_replaced()
        return self._heap[0][0] if self._heap else None

    def run_by_hand(self) -> None:
        """From now on nothing runs by itself: `run_due` runs what is due (a simulation)."""
        self._stopped = True
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def run_due(self, now: float) -> None:
        """Run, one after another, the actions due at `now` (for a simulated clock)."""
        for user_id, action, at in self._take_due(now):
            await self._run(user_id, action, at)

    async def stop(self) -> None:
        """Stop watching, and wait for the actions already started."""
        self._stopped = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await asyncio.gather(*self._running, return_exceptions=True)

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            for user_id, action, at in self._take_due(self._clock()):
                task = loop.create_task(self._run(user_id, action, at))
                self._running.add(task)
                task.add_done_callback(self._running.discard)
            first = self.next_moment()
            self._wake_at = math.inf if first is None else first
            self._nap = loop.create_future()
            alarm = None
            if first is not None:
                alarm = loop.call_later(max(0.0, first - self._clock()), _wake, self._nap)
            try:
                await self._nap
            finally:
                if alarm is not None:
                    alarm.cancel()

    def _take_due(self, now: float) -> list[tuple[int, CueAction, float]]:
        due = []
        while self._heap and self._heap[0][0] <= now:
            at, number, user_id = heapq.heappop(self._heap)
            pending = self._pending.get(user_id)
            if pending is not None and pending[0] == number:
                del self._pending[user_id]
                due.append((user_id, pending[1], at))
        return due

    def _drop_replaced(self) -> None:
        while self._heap:
            _, number, user_id = self._heap[0]
            pending = self._pending.get(user_id)
            if pending is not None and pending[0] == number:
                return
            heapq.heappop(self._heap)

    async def _run(self, user_id: int, action: CueAction, at: float) -> None:
        late = self._clock() - at > BEHIND_AFTER
        if late:
            self._late += 1
            self._on_time.clear()
        try:
            await action(user_id)
        except Exception:
            self._on_error()
            logger.exception("a live session's cue failed")
        finally:
            if late:
                self._late -= 1
                if not self._late:
                    self._on_time.set()


def _wake(nap: asyncio.Future[None]) -> None:
    if not nap.done():
        nap.set_result(None)
