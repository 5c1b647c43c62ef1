"""A small pool for reading files off the event loop: a couple at a time, the rest queued.

Reading a large watch file takes seconds of CPU; many at once would take the memory and the
CPU every live session needs. Files wait their turn in arrival order (asyncio's semaphore
is first come, first served), holding nothing: the caller downloads inside its turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import TypeVar

Result = TypeVar("Result")

FILES_AT_ONCE = 2


class FileWorkers:
    """At most `size` files read at once, on threads of their own."""

    def __init__(self, size: int = FILES_AT_ONCE) -> None:
        self._turns = asyncio.Semaphore(size)
        self._threads = ThreadPoolExecutor(size, thread_name_prefix="file-reader")

    @property
    def busy(self) -> bool:
        """True if a new file would have to wait."""
        return self._turns.locked()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for a free worker and hold it for the block."""
        async with self._turns:
            yield

    async def run(self, read: Callable[..., Result], *args: object) -> Result:
        """`read(*args)` on a worker thread (call within `turn()`)."""
        return await asyncio.get_running_loop().run_in_executor(self._threads, read, *args)
