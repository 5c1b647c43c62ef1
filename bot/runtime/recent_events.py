"""How many times something happened lately (errors, for /stats), in bounded memory."""

from __future__ import annotations

from collections import deque

DAY_SECONDS = 24 * 60 * 60


class RecentEvents:
    """Unix times of events within the last `window` seconds; older ones are forgotten.

    At most `limit` are kept, so a storm of errors cannot grow memory without bound: past
    that, `count` says "at least `limit`".
    """

    def __init__(self, window: float = DAY_SECONDS, limit: int = 100_000) -> None:
        self._window = window
        self._times: deque[float] = deque(maxlen=limit)

    def record(self, at: float) -> None:
        """Count one event at unix time `at` (events arrive in time order)."""
        self._forget_before(at - self._window)
        self._times.append(at)

    def count(self, now: float) -> int:
        """How many events happened in the window ending at `now`."""
        self._forget_before(now - self._window)
        return len(self._times)

    def _forget_before(self, cutoff: float) -> None:
        while self._times and self._times[0] <= cutoff:
            self._times.popleft()
