"""Concurrent update handling that keeps each chat's updates in the order they arrived.

PTB's `BaseUpdateProcessor.process_update` holds one slot of a bounded, first-come-first-served
semaphore around `do_process_update`. Updates reach that method in arrival order, so each one
joins its chat's line there: a per-chat `asyncio.Lock`, which is first-come-first-served too.
An update queued behind an earlier one of its chat gives its slot back while it waits, so a busy
chat cannot fill the bound, and takes a slot again once its turn has come. Once it has its
chat's turn it may still wait for more urgent work (live-session cues running late): a tap
answered a moment later is fine, a cue past its moment is not.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor


def chat_key(update: object) -> Hashable:
    """Whose updates must run one after another: the chat's, else the user's, else none else's."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return object()


@dataclass(eq=False, slots=True)
class _ChatLine:
    """The updates of one chat that are running or waiting; `turn` lets one run at a time."""

    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    updates: int = 0


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Runs updates of different chats concurrently, those of one chat strictly in order.

    At most `max_concurrent_updates` updates run at once; updates only waiting for their chat's
    turn do not count. A chat's bookkeeping is dropped as soon as it has nothing left to run.
    """

    __slots__ = ("_first", "_lines")

    def __init__(
        self,
        max_concurrent_updates: int,
        first: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """`first`, if given, is awaited before each update runs: it returns once more
        urgent work (late cues) has had its turn."""
        super().__init__(max_concurrent_updates)
        self._lines: dict[Hashable, _ChatLine] = {}
        self._first = first

    @property
    def busy_chats(self) -> int:
        """How many chats have an update running or waiting right now."""
        return len(self._lines)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then run this one (errors propagate)."""
        key = chat_key(update)
        line = self._lines.setdefault(key, _ChatLine())
        line.updates += 1
        try:
            try:
                await self._take_turn(line)
            except BaseException:
                _discard(coroutine)
                raise
            try:
                if self._first is not None:
                    await self._first()
                await coroutine
            finally:
                line.turn.release()
        finally:
            line.updates -= 1
            if line.updates == 0:
                del self._lines[key]

    async def initialize(self) -> None:
        """Nothing to set up: chat lines come and go with their updates."""

    async def shutdown(self) -> None:
        """Nothing to free: the Application waits for running updates before shutting down."""

    async def _take_turn(self, line: _ChatLine) -> None:
        """Acquire the chat's turn; queued behind an earlier update, lend the slot out meanwhile."""
        if line.updates == 1:
            await line.turn.acquire()  # nobody ahead: free at once
            return
        self._semaphore.release()
        try:
            await line.turn.acquire()
        except BaseException:
            await self._retake_slot()
            raise
        try:
            await self._retake_slot()
        except BaseException:
            line.turn.release()
            raise

    async def _retake_slot(self) -> None:
        """Hold a slot again, as `process_update` will release one on the way out.

        Shielded: if the caller is cancelled meanwhile, the slot is still taken once free,
        which balances that release.
        """
        await asyncio.shield(self._semaphore.acquire())


def update_processor_for(
    concurrent_updates: int, first: Callable[[], Awaitable[None]] | None = None
) -> BaseUpdateProcessor:
    """Chat-ordered concurrency for a bound above 1 (each update after `first`); PTB's
    one-at-a-time processing for 1."""
    if concurrent_updates == 1:
        return SimpleUpdateProcessor(1)
    return ChatOrderedUpdateProcessor(concurrent_updates, first)


def _discard(coroutine: Awaitable[Any]) -> None:
    """Close a coroutine that will never run, so Python does not warn it was never awaited."""
    if inspect.iscoroutine(coroutine):
        coroutine.close()
