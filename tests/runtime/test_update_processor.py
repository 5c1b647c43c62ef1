"""ChatOrderedUpdateProcessor: chats run side by side, each chat's updates strictly in order."""

from __future__ import annotations

import asyncio
import inspect
from collections import Counter, defaultdict
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from telegram import Chat, InlineQuery, Message, Update, User
from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor

from bot.runtime.update_processor import ChatOrderedUpdateProcessor, chat_key

# (chat id, how many times its handler yields to the event loop half-way)
Arrival = tuple[int, int]


def _message_update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    user = User(chat_id, "Runner", is_bot=False)
    message = Message(update_id, datetime.now(UTC), chat, from_user=user)
    return Update(update_id, message=message)


@dataclass
class _Recorder:
    """Fake handlers that note, per chat, what finished in which order and what overlapped."""

    finished: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    running_in_chat: Counter[int] = field(default_factory=Counter)
    chats_with_overlap: set[int] = field(default_factory=set)
    running: int = 0
    peak: int = 0

    async def handle(self, chat_id: int, number: int, pauses: int) -> None:
        """Start, yield `pauses` times (a read-modify-write would), then finish."""
        self.running += 1
        self.peak = max(self.peak, self.running)
        self.running_in_chat[chat_id] += 1
        if self.running_in_chat[chat_id] > 1:
            self.chats_with_overlap.add(chat_id)
        for _ in range(pauses):
            await asyncio.sleep(0)
        self.finished[chat_id].append(number)
        self.running_in_chat[chat_id] -= 1
        self.running -= 1

    def out_of_order_chats(self) -> set[int]:
        """Chats whose updates did not finish in arrival order."""
        return {chat for chat, numbers in self.finished.items() if numbers != sorted(numbers)}


def _start(
    processor: BaseUpdateProcessor, update: object, work: Awaitable[Any]
) -> asyncio.Task[None]:
    """One task per update, created in arrival order: what PTB's update fetcher does."""
    return asyncio.create_task(processor.process_update(update, work))


async def _run_all(processor: BaseUpdateProcessor, arrivals: list[Arrival]) -> _Recorder:
    recorder = _Recorder()
    tasks = [
        _start(processor, _message_update(number, chat), recorder.handle(chat, number, pauses))
        for number, (chat, pauses) in enumerate(arrivals)
    ]
    await asyncio.gather(*tasks)
    return recorder


# 5 chats, 6 updates each, interleaved; earlier updates of a chat take longer than later ones.
INTERLEAVED: list[Arrival] = [(chat, 6 - turn) for turn in range(6) for chat in range(100, 105)]
BOUND = 8


async def test_each_chat_keeps_its_arrival_order() -> None:
    processor = ChatOrderedUpdateProcessor(BOUND)

    recorder = await _run_all(processor, INTERLEAVED)

    assert recorder.out_of_order_chats() == set()
    assert recorder.chats_with_overlap == set()
    assert 1 < recorder.peak <= BOUND
    assert processor.busy_chats == 0
    assert processor.current_concurrent_updates == 0


async def test_the_naive_processor_with_the_same_bound_breaks_that_order() -> None:
    # The workload above discriminates: PTB's SimpleUpdateProcessor runs a chat's updates
    # side by side, so later (quicker) ones overtake earlier ones of the same chat.
    recorder = await _run_all(SimpleUpdateProcessor(BOUND), INTERLEAVED)

    assert recorder.out_of_order_chats()
    assert recorder.chats_with_overlap


@given(
    arrivals=st.lists(st.tuples(st.integers(1, 6), st.integers(0, 5)), min_size=1, max_size=60),
    bound=st.integers(2, 6),
)
async def test_any_interleaving_keeps_order_within_the_bound(
    arrivals: list[Arrival], bound: int
) -> None:
    processor = ChatOrderedUpdateProcessor(bound)

    recorder = await _run_all(processor, arrivals)

    assert recorder.out_of_order_chats() == set()
    assert recorder.chats_with_overlap == set()
    assert recorder.peak <= bound
    assert processor.busy_chats == 0
    assert processor.current_concurrent_updates == 0


async def test_the_bound_is_reached_and_never_exceeded() -> None:
    processor = ChatOrderedUpdateProcessor(3)

    recorder = await _run_all(processor, [(chat, 5) for chat in range(20)])

    assert recorder.peak == 3


async def test_a_slow_chat_does_not_hold_up_another() -> None:
    processor = ChatOrderedUpdateProcessor(4)
    other_chat_ran = asyncio.Event()

    async def slow() -> None:
        await asyncio.wait_for(other_chat_ran.wait(), timeout=2)

    async def quick() -> None:
        other_chat_ran.set()

    slow_task = _start(processor, _message_update(1, 10), slow())
    quick_task = _start(processor, _message_update(2, 20), quick())

    await asyncio.gather(slow_task, quick_task)  # the slow one waits for the quick one


async def test_a_busy_chat_cannot_fill_the_bound() -> None:
    # 30 updates of one chat arrive first; each waits for its turn without holding a slot,
    # so the other chat's update runs while the busy chat's first update is still running.
    processor = ChatOrderedUpdateProcessor(2)
    recorder = _Recorder()
    busy = [
        _start(processor, _message_update(number, 1), recorder.handle(1, number, 20))
        for number in range(30)
    ]
    other = _start(processor, _message_update(30, 2), recorder.handle(2, 30, 0))

    await other
    assert recorder.finished[1] == []
    await asyncio.gather(*busy)
    assert recorder.finished[1] == list(range(30))


async def test_an_error_does_not_stall_its_chat() -> None:
    processor = ChatOrderedUpdateProcessor(4)
    recorder = _Recorder()

    async def failing() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("a handler crashed")

    both = asyncio.gather(
        _start(processor, _message_update(1, 7), failing()),
        _start(processor, _message_update(2, 7), recorder.handle(7, 2, 1)),
        return_exceptions=True,
    )
    results = await asyncio.wait_for(both, timeout=2)

    assert isinstance(results[0], RuntimeError)  # propagates, so PTB reports it
    assert recorder.finished[7] == [2]
    assert processor.busy_chats == 0
    assert processor.current_concurrent_updates == 0


async def test_a_cancelled_waiting_update_is_dropped_and_its_chat_goes_on() -> None:
    processor = ChatOrderedUpdateProcessor(2)
    recorder = _Recorder()
    release = asyncio.Event()

    async def blocking() -> None:
        await release.wait()

    never_run = recorder.handle(5, 2, 0)
    first = _start(processor, _message_update(1, 5), blocking())
    waiting = _start(processor, _message_update(2, 5), never_run)
    last = _start(processor, _message_update(3, 5), recorder.handle(5, 3, 0))
    await asyncio.sleep(0.01)
    waiting.cancel()
    release.set()
    await asyncio.gather(first, last)

    assert waiting.cancelled()
    assert inspect.getcoroutinestate(never_run) == inspect.CORO_CLOSED
    assert recorder.finished[5] == [3]
    assert processor.busy_chats == 0
    assert processor.current_concurrent_updates == 0


async def test_a_cancel_while_retaking_a_slot_keeps_the_count_right() -> None:
    # Bound 2. Chat 5's later updates lend their slots out (one goes to chat 6); when chat
    # 5's first update ends, its slot goes to chat 7, queued for one, so chat 5's second
    # update must wait to take a slot back: cancelled there, it must pass the turn on to the
    # third and leave the bound intact.
    processor = ChatOrderedUpdateProcessor(2)
    recorder = _Recorder()
    release = {chat: asyncio.Event() for chat in (5, 6, 7)}

    async def blocking(chat_id: int) -> None:
        await release[chat_id].wait()

    first = _start(processor, _message_update(1, 5), blocking(5))
    retaking = _start(processor, _message_update(2, 5), recorder.handle(5, 2, 0))
    last = _start(processor, _message_update(3, 5), recorder.handle(5, 3, 0))
    others = [
        _start(processor, _message_update(4, 6), blocking(6)),
        _start(processor, _message_update(5, 7), blocking(7)),
    ]
    await asyncio.sleep(0.01)
    release[5].set()
    await first
    await asyncio.sleep(0.01)
    retaking.cancel()
    for event in release.values():
        event.set()
    await asyncio.wait_for(asyncio.gather(last, *others), timeout=2)

    assert retaking.cancelled()
    assert recorder.finished[5] == [3]
    assert processor.busy_chats == 0
    assert processor.current_concurrent_updates == 0
    assert (await _run_all(processor, [(chat, 3) for chat in range(6)])).peak == 2


def test_chats_then_users_key_updates_and_others_get_keys_of_their_own() -> None:
    user = User(42, "Runner", is_bot=False)
    inline = Update(1, inline_query=InlineQuery("q", user, "", ""))

    assert chat_key(_message_update(1, -100)) == -100
    assert chat_key(inline) == 42
    assert chat_key(Update(2)) != chat_key(Update(2))
    assert chat_key("not an update") != chat_key("not an update")


async def test_updates_of_no_chat_and_no_user_do_not_wait_for_each_other() -> None:
    processor = ChatOrderedUpdateProcessor(4)
    second_ran = asyncio.Event()

    async def first() -> None:
        await asyncio.wait_for(second_ran.wait(), timeout=2)

    async def second() -> None:
        second_ran.set()

    await asyncio.gather(
        _start(processor, Update(1), first()), _start(processor, Update(2), second())
    )

    assert processor.busy_chats == 0
