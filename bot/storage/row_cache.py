"""A bounded, write-through memory of rows a repository reads on almost every update.

SQLite stays the source of truth: a repository writes to the database first and only then
remembers the value, and a read that raced with a write is never remembered. The cache
only saves reads, which all go through the database's one thread; under a club's worth of
runners starting at once, that thread, not the event loop, was what made them wait
(`python -m bench.cues --check-s 60`).

Only one process writes: the only one on SQLite, the leader on PostgreSQL. A process leads
once in its life and a standby builds nothing before it leads (bot/storage/leadership.py),
so this memory starts empty at every change of leader and never holds another's writes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class RowCache(Generic[Value]):
    """Values by runner id, at most `size` of them (the least recently used goes first)."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._values: OrderedDict[int, Value] = OrderedDict()
        self._writes = 0  # bumped by every write, so a read that overlapped one is not kept

    async def read(self, user_id: int, load: Callable[[], Awaitable[Value]]) -> Value:
        """The remembered value, or `load()`'s, remembered unless a write happened meanwhile."""
        if user_id in self._values:
            self._values.move_to_end(user_id)
            return self._values[user_id]
        writes_before = self._writes
        value = await load()
        if self._writes == writes_before:
            self._remember(user_id, value)
        return value

    def known(self, user_id: int) -> Value | None:
        """The remembered value, if any, without loading it (None if not remembered)."""
        return self._values.get(user_id)

    def forget(self, user_id: int) -> None:
        """Drop the runner's value; call before and after the database changes it."""
        self._writes += 1
        self._values.pop(user_id, None)

    def stored(self, user_id: int, value: Value) -> None:
        """The database now holds `value` for the runner."""
        self.forget(user_id)
        self._remember(user_id, value)

    def _remember(self, user_id: int, value: Value) -> None:
        self._values[user_id] = value
        if len(self._values) > self._size:
            self._values.popitem(last=False)
