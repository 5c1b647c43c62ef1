"""The delivery policy: rate limits, priorities, deadlines and retries of outgoing Bot API calls."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot
from telegram.warnings import PTBDeprecationWarning

from bot.emulator.botapi import BotApiEmulator, EmulatedRequest
from bot.runtime.delivery import Priority, PriorityRateLimiter, StaleDelivery, delivery_args

T = TypeVar("T")
START = 1000.0  # the fake monotonic clock at the start of every test
UNIX_OFFSET = 1_750_000_000.0  # fake wall-clock time = fake monotonic time + this
MakeLimiter = Callable[..., PriorityRateLimiter]


class FakeTime:
    """Virtual time: a sleeper wakes, at once, when it is the earliest one left."""

    def __init__(self) -> None:
        self.now = START
        self.sleeps: list[float] = []
        self._sleepers: list[tuple[float, int]] = []
        self._order = itertools.count()

    def clock(self) -> float:
        """The monotonic clock."""
        return self.now

    def wall(self) -> float:
        """The unix clock, moving with the monotonic one."""
        return self.now + UNIX_OFFSET

    async def sleep(self, seconds: float) -> None:
        """Wait until every runnable task has settled and no sleeper is due earlier."""
        self.sleeps.append(seconds)
        entry = (self.now + max(seconds, 0.0), next(self._order))
        heapq.heappush(self._sleepers, entry)
        try:
            while True:
                for _ in range(50):
                    await asyncio.sleep(0)
                if self._sleepers[0] == entry:
                    break
        finally:
            self._sleepers.remove(entry)
            heapq.heapify(self._sleepers)
        self.now = max(self.now, entry[0])


@dataclass
class FakeApi:
    """The callbacks: records every attempt, raising the errors queued for its label first."""

    time: FakeTime
    attempts: list[tuple[str, float]] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    errors: dict[str, list[TelegramError]] = field(default_factory=dict)
    attempted: asyncio.Event = field(default_factory=asyncio.Event)

    def times_of(self, label: str) -> list[float]:
        """When each attempt of `label` was made, counted from the start."""
        return [at - START for name, at in self.attempts if name == label]

    async def call(self, label: str) -> bool:
        """The callback the limiter calls."""
        self.attempts.append((label, self.time.now))
        self.attempted.set()
        failures = self.errors.get(label, [])
        if failures:
            raise failures.pop(0)
        self.sent.append(label)
        return True


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def api(fake_time: FakeTime) -> FakeApi:
    return FakeApi(fake_time)


def limiter_on(fake_time: FakeTime, **options: Any) -> PriorityRateLimiter:
    """A limiter running on fake time."""
    return PriorityRateLimiter(
        clock=fake_time.clock, sleep=fake_time.sleep, wall_clock=fake_time.wall, **options
    )


@pytest.fixture
async def make_limiter(fake_time: FakeTime) -> AsyncIterator[MakeLimiter]:
    """Makes limiters on the test's fake time, and shuts them all down afterwards."""
    made: list[PriorityRateLimiter] = []

    def make(**options: Any) -> PriorityRateLimiter:
        made.append(limiter_on(fake_time, **options))
        return made[-1]

    yield make
    for each in made:
        await each.shutdown()


async def send(
    limiter: PriorityRateLimiter,
    api: FakeApi,
    label: str,
    *,
    chat_id: int | None = 42,
    endpoint: str = "sendMessage",
    rate_limit_args: dict[str, Any] | None = None,
) -> Any:
    """One call through the limiter, as ExtBot makes it."""
    data: dict[str, Any] = {"text": label}
    if chat_id is not None:
        data["chat_id"] = chat_id
    return await limiter.process_request(api.call, (label,), {}, endpoint, data, rate_limit_args)


async def soon(awaitable: Awaitable[T]) -> T:
    """Await with a real-time guard, so a stuck queue fails the test instead of hanging it."""
    async with asyncio.timeout(10):
        return await awaitable


# --- rate and order ------------------------------------------------------------------------


async def test_the_overall_rate_is_respected(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=3)
    await soon(asyncio.gather(*(send(limiter, api, f"m{n}", chat_id=n + 1) for n in range(9))))
    times = [at - START for _, at in api.attempts]
    assert times == [0, 0, 0, 1, 1, 1, 2, 2, 2]


async def test_a_cue_goes_before_a_burst_of_bulk_reminders(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=30)
    await soon(asyncio.gather(*(send(limiter, api, f"warm{n}") for n in range(30))))
    bulk = delivery_args(Priority.BULK)
    reminders = [
        asyncio.create_task(send(limiter, api, f"bulk{n}", rate_limit_args=bulk))
        for n in range(200)
    ]
    cue = asyncio.create_task(
        send(limiter, api, "cue", rate_limit_args=delivery_args(Priority.CUE))
    )
    await soon(asyncio.gather(cue, *reminders))
    assert api.sent[30:] == ["cue"] + [f"bulk{n}" for n in range(200)]
    assert api.times_of("cue") == [1.0]


async def test_waiting_calls_go_by_priority_then_first_come(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await send(limiter, api, "warm")
    order = [Priority.BULK, Priority.REPLY, Priority.CUE, Priority.BULK, Priority.REPLY]
    order += [Priority.CUE, Priority.REPLY]
    calls = [
        send(limiter, api, f"{priority.name}{n}", rate_limit_args=delivery_args(priority))
        for n, priority in enumerate(order)
    ]
    await soon(asyncio.gather(*calls))
    assert api.sent[1:] == ["CUE2", "CUE5", "REPLY1", "REPLY4", "REPLY6", "BULK0", "BULK3"]


@given(
    priorities=st.lists(st.sampled_from(list(Priority)), min_size=1, max_size=30),
    rate=st.integers(1, 4),
)
async def test_any_mix_goes_in_priority_order_within_the_rate(
    priorities: list[Priority], rate: int
) -> None:
    fake_time = FakeTime()
    api = FakeApi(fake_time)
    limiter = limiter_on(fake_time, overall_per_second=rate)
    await soon(asyncio.gather(*(send(limiter, api, f"warm{n}") for n in range(rate))))
    calls = [
        send(limiter, api, f"{n}", rate_limit_args=delivery_args(priority))
        for n, priority in enumerate(priorities)
    ]
    await soon(asyncio.gather(*calls))
    expected = sorted(range(len(priorities)), key=lambda n: (priorities[n], n))
    assert api.sent[rate:] == [f"{n}" for n in expected]
    times = [at for _, at in api.attempts]
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(times[::rate]))
    await limiter.shutdown()


async def test_unlimited_mode_never_waits(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    await soon(asyncio.gather(*(send(limiter, api, f"m{n}", chat_id=n + 1) for n in range(500))))
    assert len(api.sent) == 500
    assert {at for _, at in api.attempts} == {START}
    assert fake_time.sleeps == []


def test_send_rate_off_lifts_the_group_limit_too() -> None:
    unlimited = PriorityRateLimiter.for_send_rate(None)
    assert unlimited._overall is None and unlimited._group_per_minute is None
    paid = PriorityRateLimiter.for_send_rate(1000)
    assert paid._overall is not None and paid._group_per_minute == 20


async def test_a_group_chat_gets_twenty_a_minute_without_holding_up_others(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    group = [send(limiter, api, f"g{n}", chat_id=-100) for n in range(24)]
    group.append(
        send(limiter, api, "group cue", chat_id=-100, rate_limit_args=delivery_args(Priority.CUE))
    )
    others = [send(limiter, api, "other group", chat_id=-200), send(limiter, api, "private")]
    await soon(asyncio.gather(*group, *others))
    group_times = [at - START for label, at in api.attempts if label.startswith("g")]
    assert group_times == [0] * 20 + [60] * 5
    assert api.times_of("group cue") == [60]
    assert api.sent[20:22] == ["other group", "private"]
    assert api.sent[22:] == ["group cue", "g20", "g21", "g22", "g23"]


@pytest.mark.parametrize(
    ("endpoint", "chat_id"),
    [("answerCallbackQuery", None), ("editMessageText", 7), ("sendChatAction", 7)],
)
async def test_calls_that_are_not_new_messages_never_wait_behind_the_budget(
    fake_time: FakeTime,
    api: FakeApi,
    make_limiter: MakeLimiter,
    endpoint: str,
    chat_id: int | None,
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await send(limiter, api, "warm")
    bulk = delivery_args(Priority.BULK)
    queued = [
        asyncio.create_task(send(limiter, api, f"b{n}", rate_limit_args=bulk)) for n in range(50)
    ]
    await send(limiter, api, endpoint, chat_id=chat_id, endpoint=endpoint)
    assert api.times_of(endpoint) == [0]
    await soon(asyncio.gather(*queued))


async def test_groups_that_went_quiet_are_forgotten(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    await soon(asyncio.gather(*(send(limiter, api, "hi", chat_id=-n) for n in range(1, 1001))))
    fake_time.now += 61
    await send(limiter, api, "later", chat_id=-5000)
    assert len(limiter._lanes) == 1


async def test_on_the_real_clock_the_rate_holds_and_deadlines_expire() -> None:
    limiter = PriorityRateLimiter(10)
    loop = asyncio.get_running_loop()
    sent_at: list[float] = []

    async def call() -> bool:
        sent_at.append(loop.time())
        return True

    async def send_real(args: dict[str, Any] | None) -> Any:
        return await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 7}, args)

    start = loop.time()
    cue = delivery_args(Priority.CUE, deadline=time.time() + 0.3)
    results = await soon(
        asyncio.gather(
            *(send_real(None) for _ in range(12)), send_real(cue), return_exceptions=True
        )
    )
    assert isinstance(results[-1], StaleDelivery)
    # Upper bounds only as loose as a loaded machine needs: the rule is "ten in the first
    # second, the rest not before the next one".
    assert all(at - start < 0.9 for at in sent_at[:10])
    assert all(1.0 <= at - start < 3.0 for at in sent_at[10:])
    assert len(sent_at) == 12
    await limiter.shutdown()


# --- deadlines -----------------------------------------------------------------------------


async def test_a_call_whose_deadline_passes_in_the_queue_is_never_made(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await send(limiter, api, "warm")
    late = delivery_args(Priority.CUE, deadline=fake_time.wall() + 0.5)
    behind = asyncio.create_task(send(limiter, api, "behind"))
    with pytest.raises(StaleDelivery) as stale:
        await soon(send(limiter, api, "cue", rate_limit_args=late))
    assert fake_time.now - START == 0.5  # given up at the deadline, not when its turn came
    assert stale.value.method == "sendMessage"
    assert stale.value.chat_id == 42
    assert stale.value.deadline == late["deadline"]
    await soon(behind)
    assert api.sent == ["warm", "behind"]
    assert api.times_of("behind") == [1.0]


async def test_a_call_already_past_its_deadline_is_never_made(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    with pytest.raises(StaleDelivery):
        await send(limiter, api, "cue", rate_limit_args={"deadline": fake_time.wall() - 1})
    assert api.attempts == []


async def test_unknown_rate_limit_args_are_refused(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    with pytest.raises(ValueError, match="priorty"):
        await send(limiter, api, "typo", rate_limit_args={"priorty": Priority.CUE})


# --- retries -------------------------------------------------------------------------------


@pytest.mark.parametrize("retry_after", [2, timedelta(seconds=2)])
async def test_a_429_is_waited_out_then_sent(
    fake_time: FakeTime,
    api: FakeApi,
    retry_after: int | timedelta,
    make_limiter: MakeLimiter,
) -> None:
    limiter = make_limiter()
    api.errors["cue"] = [RetryAfter(retry_after)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert await soon(send(limiter, api, "cue")) is True
    assert api.times_of("cue") == [0, 2]
    assert not [w for w in caught if issubclass(w.category, PTBDeprecationWarning)]


async def test_a_429_pauses_only_its_chat(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    api.errors["first"] = [RetryAfter(3)]
    first = asyncio.create_task(send(limiter, api, "first", chat_id=1))
    await soon(api.attempted.wait())
    same_chat = asyncio.create_task(send(limiter, api, "same chat", chat_id=1))
    await send(limiter, api, "other chat", chat_id=2)
    await send(limiter, api, "getMe", chat_id=None, endpoint="getMe")
    await soon(asyncio.gather(first, same_chat))
    assert api.times_of("other chat") == [0]
    assert api.times_of("getMe") == [0]
    assert api.times_of("first") == [0, 3]
    assert api.times_of("same chat") == [3]
    assert api.sent.index("first") < api.sent.index("same chat")


async def test_a_call_queued_before_its_chats_429_waits_out_the_pause(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await send(limiter, api, "warm", chat_id=9)
    api.errors["a"] = [RetryAfter(5)]
    calls = [send(limiter, api, label, chat_id=chat) for label, chat in (("a", 1), ("b", 1))]
    calls.append(send(limiter, api, "c", chat_id=2))
    await soon(asyncio.gather(*calls))
    assert api.times_of("a") == [1, 6]
    assert api.times_of("b") == [7]
    assert api.times_of("c") == [2]


async def test_429s_from_many_chats_at_once_pause_the_whole_bot(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    for chat in (1, 2, 3):
        api.errors[f"flooded {chat}"] = [RetryAfter(2)]
    flooded = [
        asyncio.create_task(send(limiter, api, f"flooded {chat}", chat_id=chat))
        for chat in (1, 2, 3)
    ]
    while len(api.attempts) < 3:
        await soon(asyncio.sleep(0))
    await soon(send(limiter, api, "bystander", chat_id=4))
    await soon(asyncio.gather(*flooded))
    assert api.times_of("bystander") == [2]
    assert limiter.chat_paused_for(4) == 0


async def test_chat_paused_for_says_how_long_a_chat_is_held_back(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=None)
    api.errors["m"] = [RetryAfter(4)]
    paused = asyncio.create_task(send(limiter, api, "m", chat_id=1))
    await soon(api.attempted.wait())
    assert limiter.chat_paused_for(1) == 4
    assert limiter.chat_paused_for(2) == 0
    await soon(paused)


async def test_a_429_whose_wait_passes_the_deadline_is_stale(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    api.errors["cue"] = [RetryAfter(5)]
    args = delivery_args(Priority.CUE, deadline=fake_time.wall() + 2)
    with pytest.raises(StaleDelivery) as stale:
        await soon(send(limiter, api, "cue", rate_limit_args=args))
    assert isinstance(stale.value.__cause__, RetryAfter)
    assert api.times_of("cue") == [0]
    assert fake_time.now == START


async def test_429s_are_retried_at_most_max_retries_times(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(max_retries=2)
    api.errors["m"] = [RetryAfter(1), RetryAfter(1), RetryAfter(1)]
    with pytest.raises(RetryAfter):
        await soon(send(limiter, api, "m"))
    assert api.times_of("m") == [0, 1, 2]


async def test_server_errors_and_timeouts_are_retried_briefly(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    api.errors["m"] = [NetworkError("Bad Gateway"), TimedOut()]
    assert await soon(send(limiter, api, "m")) is True
    assert api.times_of("m") == [0, 0.25, 1.25]


async def test_network_errors_give_up_after_three_retries(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    api.errors["m"] = [NetworkError("Internal Server Error")] * 4
    with pytest.raises(NetworkError, match="Internal"):
        await soon(send(limiter, api, "m"))
    assert len(api.times_of("m")) == 4


async def test_a_network_retry_after_the_deadline_is_stale(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter()
    api.errors["cue"] = [TimedOut()]
    args = delivery_args(Priority.CUE, deadline=fake_time.wall() + 0.1)
    with pytest.raises(StaleDelivery):
        await soon(send(limiter, api, "cue", rate_limit_args=args))
    assert api.times_of("cue") == [0]


@pytest.mark.parametrize(
    "error",
    [
        Forbidden("Forbidden: bot was blocked by the user"),
        BadRequest("Bad Request: message is not modified"),
        InvalidToken(),
        Conflict("terminated by other getUpdates request"),
        ChatMigrated(-1001),
    ],
    ids=type,
)
async def test_errors_that_a_retry_cannot_fix_are_raised_at_once(
    fake_time: FakeTime,
    api: FakeApi,
    error: TelegramError,
    make_limiter: MakeLimiter,
) -> None:
    limiter = make_limiter()
    api.errors["m"] = [error]
    with pytest.raises(type(error)) as raised:
        await soon(send(limiter, api, "m"))
    assert raised.value is error
    assert api.times_of("m") == [0]
    assert fake_time.sleeps == []


async def test_retried_cues_rejoin_the_queue_while_others_wait(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    """A retried call re-enters the queues beside its own settled entry (same rank, arrival)."""
    limiter = make_limiter(overall_per_second=2)
    await send(limiter, api, "warm")
    await send(limiter, api, "warm again")
    deadline = fake_time.wall() + 30
    api.errors["cue 429"] = [RetryAfter(1)]
    api.errors["cue 500"] = [NetworkError("Internal Server Error")]
    cues = [
        send(
            limiter,
            api,
            label,
            chat_id=n,
            rate_limit_args=delivery_args(Priority.CUE, deadline=deadline),
        )
        for n, label in enumerate(["cue 429", "cue 500", "cue a"], start=1)
    ]
    sooner = delivery_args(Priority.REPLY, deadline=deadline - 10)
    others = [
        send(limiter, api, f"reply{n}", chat_id=100 + n, rate_limit_args=sooner) for n in range(6)
    ]
    results = await soon(asyncio.gather(*cues, *others, return_exceptions=True))
    assert results == [True] * 9
    assert len(api.sent) == 11
    assert len(api.times_of("cue 429")) == len(api.times_of("cue 500")) == 2
    assert limiter._waker is not None and not limiter._waker.done()


async def test_a_failing_waker_is_logged_and_restarted_and_loses_no_call(
    fake_time: FakeTime, api: FakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    faults = [RuntimeError("clock fault")]

    def clock_failing_once_time_moves() -> float:
        if fake_time.now > START and faults:
            raise faults.pop()
        return fake_time.now

    limiter = PriorityRateLimiter(
        1, clock=clock_failing_once_time_moves, sleep=fake_time.sleep, wall_clock=fake_time.wall
    )
    await send(limiter, api, "warm")
    waiting = [send(limiter, api, f"m{n}", chat_id=n) for n in range(1, 4)]
    await soon(asyncio.gather(*waiting))
    assert api.sent == ["warm", "m1", "m2", "m3"]
    assert not faults
    [failure] = [record for record in caplog.records if record.levelname == "ERROR"]
    assert "waker failed" in failure.getMessage()
    assert failure.exc_info is not None
    assert str(failure.exc_info[1]) == "clock fault"
    await limiter.shutdown()


# --- waiting callers that leave ------------------------------------------------------------


async def test_a_cancelled_caller_does_not_hold_up_its_group(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await send(limiter, api, "warm")
    leaving = asyncio.create_task(send(limiter, api, "leaving", chat_id=-100))
    staying = asyncio.create_task(send(limiter, api, "staying", chat_id=-100))
    await asyncio.sleep(0)
    leaving.cancel()
    await soon(staying)
    assert api.sent == ["warm", "staying"]


async def test_shutdown_cancels_waiting_calls_and_the_limiter_can_start_again(
    fake_time: FakeTime, api: FakeApi, make_limiter: MakeLimiter
) -> None:
    limiter = make_limiter(overall_per_second=1)
    await limiter.initialize()
    await send(limiter, api, "warm")
    waiting = asyncio.create_task(send(limiter, api, "waiting"))
    await asyncio.sleep(0)
    await limiter.shutdown()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await limiter.initialize()
    await soon(send(limiter, api, "after"))
    assert api.sent == ["warm", "after"]
    await limiter.shutdown()


# --- through the real bot ------------------------------------------------------------------


@pytest.fixture
async def emulator() -> BotApiEmulator:
    return BotApiEmulator()


@pytest.fixture
async def bot(emulator: BotApiEmulator, make_limiter: MakeLimiter) -> AsyncIterator[ExtBot[Any]]:
    """A python-telegram-bot ExtBot on the emulator, with a fake-time PriorityRateLimiter."""
    async with ExtBot(
        token="1000:local-emulator",
        request=EmulatedRequest(emulator),
        get_updates_request=EmulatedRequest(emulator),
        rate_limiter=make_limiter(),
    ) as running:
        yield running


async def test_the_real_bot_waits_out_a_429_and_sends_the_cue(
    fake_time: FakeTime, emulator: BotApiEmulator, bot: ExtBot[Any]
) -> None:
    emulator.fail_next(429, method="sendMessage", retry_after=1)
    args = delivery_args(Priority.CUE, deadline=fake_time.wall() + 5)
    message = await soon(bot.send_message(42, "Reverse jog, 60 s", rate_limit_args=args))
    assert message.text == "Reverse jog, 60 s"
    sends = [call for call in emulator.calls if call.method == "sendMessage"]
    assert [call.ok for call in sends] == [False, True]
    assert fake_time.now - START == 1


async def test_the_real_bot_raises_stale_delivery_rather_than_send_late(
    fake_time: FakeTime, emulator: BotApiEmulator, bot: ExtBot[Any]
) -> None:
    emulator.fail_next(429, method="sendMessage", retry_after=10)
    args = delivery_args(Priority.CUE, deadline=fake_time.wall() + 5)
    with pytest.raises(StaleDelivery):
        await soon(bot.send_message(42, "Forward walk, 90 s", rate_limit_args=args))
    assert [call.ok for call in emulator.calls if call.method == "sendMessage"] == [False]
