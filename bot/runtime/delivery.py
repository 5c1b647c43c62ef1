"""How outgoing Bot API calls are delivered: Telegram's rate limits, priorities, deadlines, retries.

`PriorityRateLimiter` is the Application's rate limiter (it replaces PTB's AIORateLimiter).
Callers tag a send with `rate_limit_args=delivery_args(Priority.CUE, deadline=...)`:

- Counted calls are those that carry a `chat_id` (sends, edits, chat actions, deletions): they
  obey their chat's 429 pauses and, for group chats (negative ids or @usernames), 20 per minute
  per group. New messages (send*, but not sendChatAction) also share the overall budget
  (`BACKSTRIDE_SEND_RATE`, 30 per second by default: Telegram's limit for bulk notifications).
  Edits, chat actions and deletions do not: in this bot each one answers a tap of the runner's
  own, so their pace is the runner's (README, "The send budget"). When the budget is short,
  messages wait in one queue: cues before replies before bulk messages (reminders, nudges),
  first come first served within a priority. Calls without a `chat_id` (answerCallbackQuery,
  getMe, setMyCommands, ...) are not counted and never wait; PTB never passes getUpdates to a
  rate limiter at all.
- A call with a deadline that it cannot meet (still queued, or a retry would land after it)
  raises StaleDelivery instead of arriving late. It is never sent after its deadline.
- A 429 pauses the chat it came from for its `retry_after` (a chat's own flood limit): other
  chats' calls go on. When 429s come from several chats at once and make up half of the
  calls of the last second, Telegram's limit for the whole bot was hit, and every counted call
  pauses. A call without a chat that gets a 429 pauses them all too. The call is retried, up
  to `max_retries` times, keeping its place. Other network errors (5xx answers,
  time-outs) are retried briefly; BadRequest, Forbidden, InvalidToken, Conflict and
  ChatMigrated are raised at once. PTB's contract says a limiter should only handle
  RetryAfter: retrying 5xx and time-outs here is a deliberate extension (see ARCHITECTURE.md,
  "Faults lose cues unless retried"). A timed-out send may have arrived, so its retry can
  duplicate a message: for a cue, a rare duplicate beats a lost one.

Two clocks are kept apart: deadlines are wall-clock unix times (`wall_clock`, time.time), turned
into the limiter's monotonic `clock` once, when a call arrives; everything else runs on `clock`.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import math
import time
import warnings
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.config import DEFAULT_SEND_RATE

logger = logging.getLogger(__name__)

ApiResult = bool | dict[str, Any] | list[dict[str, Any]]
ChatKey = int | str

GROUP_MESSAGES_PER_MINUTE = 20
# A 5xx or a time-out is retried after each of these waits: four tries in 3.25 s. With three,
# one call in 8,000 failed for good when 5% of answers were 500s: a safety-check edit lost
# that way left a runner with no next question (python -m bench.cues --faults 0.05).
NETWORK_RETRY_BACKOFF = (0.25, 1.0, 2.0)
BOT_WIDE_FLOODS = 3  # 429s from this many chats within a second, half the calls: bot-wide
WAKER_RESTART_PAUSE = 0.05  # seconds between a waker failure and its restart
_TIDY_MIN = 1024  # a queue holding this many entries drops the abandoned ones


class Priority(IntEnum):
    """Which waiting call goes first when the budget is short: lower values first."""

    CUE = 0  # a live-session cue, due now
    REPLY = 1  # a reply to the runner's own message (the default)
    BULK = 2  # reminders, nudges: they can wait


class StaleDelivery(TelegramError):
    """A call that could not be made before its deadline, so it was not made at all."""

    __slots__ = ("chat_id", "deadline", "method")

    def __init__(self, method: str, chat_id: ChatKey | None, deadline: float | None) -> None:
        super().__init__(f"{method} to chat {chat_id} not sent: its deadline {deadline} passed")
        self.method = method
        self.chat_id = chat_id
        self.deadline = deadline

    def __reduce__(self) -> tuple[type, tuple[str, ChatKey | None, float | None]]:  # type: ignore[override]
        return self.__class__, (self.method, self.chat_id, self.deadline)


def delivery_args(
    priority: Priority = Priority.REPLY, *, deadline: float | None = None
) -> dict[str, Any]:
    """The `rate_limit_args` of one call: its priority and an optional unix-time deadline."""
    args: dict[str, Any] = {"priority": priority}
    if deadline is not None:
        args["deadline"] = deadline
    return args


class PriorityRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """Telegram's limits with priorities, deadlines and retries (see the module docstring).

    One waker task admits waiting calls when the budget allows, expires calls whose deadline
    passes and opens group windows; it sleeps until the next of those moments. Queues are heaps
    that forget abandoned entries lazily, so each call costs O(log n) however many wait.
    """

    def __init__(
        self,
        overall_per_second: int | None = DEFAULT_SEND_RATE,
        *,
        group_per_minute: int | None = GROUP_MESSAGES_PER_MINUTE,
        max_retries: int = 3,
        network_backoff: Sequence[float] = NETWORK_RETRY_BACKOFF,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`None` for a limit means no limit; `clock`/`sleep` are monotonic, `wall_clock` unix."""
        for name, limit in (("overall", overall_per_second), ("group", group_per_minute)):
            if limit is not None and limit < 1:
                raise ValueError(f"{name} limit must be at least 1 or None, not {limit}")
        self._overall = _Window(overall_per_second, 1.0) if overall_per_second else None
        self._group_per_minute = group_per_minute
        self._max_retries = max_retries
        self._network_backoff = tuple(network_backoff)
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._arrivals = itertools.count()
        self._paused_until = -math.inf  # every counted call waits until then (bot-wide 429)
        self._floods = _FloodGauge()
        self._queue = _Line()  # counted calls waiting for the overall budget, best first
        self._deadlines = _Line()  # every waiting call that has a deadline, soonest first
        # Chats with their own limit (groups) or a 429 pause; least recently used first.
        self._lanes: OrderedDict[ChatKey, _ChatLane] = OrderedDict()
        self._lane_timers: list[tuple[float, int, ChatKey]] = []  # (lane opens, _, chat)
        self._waker: asyncio.Task[None] | None = None
        self._nap: asyncio.Future[None] | None = None
        self._wake_at = math.inf
        self.messages_sent = 0  # messages Telegram accepted (sendMessage, sendPhoto, …)

    @classmethod
    def for_send_rate(cls, send_rate: int | None) -> PriorityRateLimiter:
        """The limiter of a `BACKSTRIDE_SEND_RATE`: None lifts every limit but the 429s."""
        if send_rate is None:
            return cls(None, group_per_minute=None)
        return cls(send_rate)

    async def initialize(self) -> None:
        """Start the waker."""
        self._ensure_waker()

    async def shutdown(self) -> None:
        """Stop the waker; calls still waiting for their turn are cancelled."""
        if self._waker is not None:
            self._waker.cancel()
            await asyncio.wait({self._waker})
            self._waker = None
        if self._nap is not None:
            self._nap.cancel()
            self._nap = None
        waiting = self._queue.drain()
        for lane in self._lanes.values():
            waiting += lane.waiting.drain()
        for ticket in waiting:
            ticket.future.cancel()
        self._queue, self._deadlines = _Line(), _Line()
        self._lanes.clear()
        self._lane_timers.clear()
        self._wake_at = math.inf

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> ApiResult:
        """Make the call when its turn comes, retrying 429s and network errors (module doc)."""
        call = self._call_for(endpoint, data, rate_limit_args)
        while True:
            await self._take_turn(call)
            if call.chat_id is not None:
                self._floods.attempt(self._clock())
            try:
                result = await callback(*args, **kwargs)
            except TelegramError as error:
                own_wait = self._retry_wait(call, error)
                if own_wait is None:
                    raise
            else:
                if _is_message(endpoint):
                    self.messages_sent += 1
                return result
            if own_wait:
                await self._sleep(own_wait)

    # --- one call -----------------------------------------------------------------------

    def _call_for(
        self, endpoint: str, data: dict[str, Any], rate_limit_args: dict[str, Any] | None
    ) -> _Call:
        options = dict(rate_limit_args or {})
        priority = Priority(options.pop("priority", Priority.REPLY))
        unix_deadline: float | None = options.pop("deadline", None)
        if options:
            raise ValueError(f"unknown rate_limit_args: {sorted(options)}")
        deadline = math.inf
        if unix_deadline is not None:
            deadline = self._clock() + (unix_deadline - self._wall_clock())
        chat_id = _chat_key(data.get("chat_id"))
        grouped = bool(self._group_per_minute) and _is_group(chat_id)
        bulk = chat_id is not None and _is_message(endpoint)
        return _Call(
            endpoint,
            chat_id,
            grouped,
            bulk,
            priority,
            next(self._arrivals),
            deadline,
            unix_deadline,
        )

    async def _take_turn(self, call: _Call) -> None:
        """Return when `call` may be made; raise StaleDelivery if its deadline comes first."""
        now = self._clock()
        if now >= call.deadline:
            raise call.stale()
        if call.chat_id is None:
            return
        if self._may_send_now(call, now):
            self._record_send(call, now)
            return
        ticket = self._enqueue(call, now)
        try:
            go = await ticket.future
        except asyncio.CancelledError:
            self._abandon(ticket)
            raise
        if not go:
            raise call.stale()

    def _retry_wait(self, call: _Call, error: TelegramError) -> float | None:
        """How long the caller waits before trying `call` again after `error`; None: give up."""
        now = self._clock()
        if isinstance(error, RetryAfter):
            delay = _retry_after_seconds(error)
            self._pause_for_flood(call, now + delay, now)
            if call.flood_retries >= self._max_retries:
                return None
            call.flood_retries += 1
            # A counted call waits out the pause in the queue, where it keeps its place.
            own_wait = 0.0 if call.chat_id is not None else delay
        elif isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            # A call with a deadline (a cue) keeps trying, at the longest backoff, until its
            # deadline says stop; any other call gives up after the backoff steps.
            steps = len(self._network_backoff)
            if call.network_retries >= steps and call.deadline == math.inf:
                return None
            delay = own_wait = self._network_backoff[min(call.network_retries, steps - 1)]
            call.network_retries += 1
        else:
            return None
        if now + delay >= call.deadline:
            raise call.stale() from error
        logger.info("%s failed (%s); retrying in %.2f s", call.method, error, delay)
        return own_wait

    # --- admission ----------------------------------------------------------------------

    def _pause_for_flood(self, call: _Call, until: float, now: float) -> None:
        """A 429: pause the call's chat, or every counted call if the flood is the bot's."""
        if call.chat_id is None or self._floods.bot_wide(call.chat_id, now):
            self._paused_until = max(self._paused_until, until)
        if call.chat_id is not None:
            lane = self._lane(call.chat_id, call.grouped)
            lane.paused_until = max(lane.paused_until, until)
            self._lanes.move_to_end(call.chat_id)

    def chat_paused_for(self, chat_id: int) -> float:
        """Seconds until no 429 pause holds back calls to `chat_id` (0: none does)."""
        lane = self._lanes.get(chat_id)
        until = max(self._paused_until, -math.inf if lane is None else lane.paused_until)
        return max(0.0, until - self._clock())

    def _may_send_now(self, call: _Call, now: float) -> bool:
        if self._paused_until > now:
            return False
        if call.bulk and (self._queue or self._overall_opens() > now):
            return False
        lane = None if call.chat_id is None else self._lanes.get(call.chat_id)
        return lane is None or (lane.idle and lane.opens() <= now)

    def _overall_opens(self) -> float:
        return -math.inf if self._overall is None else self._overall.opens()

    def _record_send(self, call: _Call, now: float) -> None:
        if self._overall is not None and call.bulk:
            self._overall.record(now)
        if call.chat_id is None or (not call.grouped and not self._lanes):
            return
        lane = self._lane(call.chat_id, True) if call.grouped else self._lanes.get(call.chat_id)
        if lane is not None:
            if lane.window is not None:
                lane.window.record(now)
            self._lanes.move_to_end(call.chat_id)
        self._forget_quiet_lanes(now)

    def _lane(self, chat_id: ChatKey, grouped: bool) -> _ChatLane:
        lane = self._lanes.get(chat_id)
        if lane is None:
            window = None
            if grouped:
                assert self._group_per_minute is not None  # grouped only with a group limit
                window = _Window(self._group_per_minute, 60.0)
            lane = self._lanes[chat_id] = _ChatLane(window)
        return lane

    def _forget_quiet_lanes(self, now: float) -> None:
        """Drop chats whose limits no longer hold anything back, oldest first, until one does."""
        while self._lanes:
            chat_id, lane = next(iter(self._lanes.items()))
            if not lane.quiet_by(now):
                return
            del self._lanes[chat_id]

    def _enqueue(self, call: _Call, now: float) -> _Ticket:
        ticket = _Ticket(call, asyncio.get_running_loop().create_future())
        if call.deadline < math.inf:
            self._deadlines.push(call.deadline, ticket)
        assert call.chat_id is not None  # only counted calls wait
        lane = self._lane(call.chat_id, True) if call.grouped else self._lanes.get(call.chat_id)
        if lane is None:
            self._queue.push(call.priority, ticket)
        else:
            self._wait_in_lane(ticket, call.chat_id, lane, now)
        self._nudge()
        return ticket

    def _wait_in_lane(self, ticket: _Ticket, chat_id: ChatKey, lane: _ChatLane, now: float) -> None:
        lane.waiting.push(ticket.call.priority, ticket)
        if lane.in_queue is ticket:
            lane.in_queue = None
        if lane.in_queue is None and not lane.timer_set:
            self._advance(chat_id, lane, now)

    def _advance(self, chat_id: ChatKey, lane: _ChatLane, now: float) -> None:
        """Queue the chat's best waiting call, or set a timer for when its lane opens.

        A chat with a lane has at most one call in the main queue, so its window and pause
        are checked against the times its calls were really sent.
        """
        lane.in_queue = None
        if not lane.waiting:
            return
        opens = lane.opens()
        if opens > now:
            lane.timer_set = True
            heapq.heappush(self._lane_timers, (opens, next(self._arrivals), chat_id))
            return
        ticket = lane.waiting.pop()
        lane.in_queue = ticket
        self._queue.push(ticket.call.priority, ticket)

    def _settle(self, ticket: _Ticket, go: bool, now: float) -> None:
        """Tell a waiting call to go (counting its send) or that it is stale."""
        ticket.future.set_result(go)
        if go:
            self._record_send(ticket.call, now)
        self._free_lane(ticket, now)

    def _abandon(self, ticket: _Ticket) -> None:
        """A waiting caller was cancelled: let its group move on."""
        if self._free_lane(ticket, self._clock()):
            self._nudge()

    def _free_lane(self, ticket: _Ticket, now: float) -> bool:
        """If `ticket` held its chat's place in the main queue, pass it on; True if it did."""
        chat_id = ticket.call.chat_id
        lane = None if chat_id is None else self._lanes.get(chat_id)
        if chat_id is None or lane is None or lane.in_queue is not ticket:
            return False
        self._advance(chat_id, lane, now)
        return True

    # --- the waker ----------------------------------------------------------------------

    def _ensure_waker(self) -> None:
        if self._waker is None or self._waker.done():
            self._waker = asyncio.get_running_loop().create_task(self._supervise_waker())

    def _nudge(self) -> None:
        """Wake the waker now if something needs doing before it planned to look."""
        self._ensure_waker()
        if self._nap is not None and self._next_wake() < self._wake_at:
            self._nap.cancel()

    async def _supervise_waker(self) -> None:
        """Run the waker; if it fails, log why and start it again on the same queues.

        Waiting calls live in the queues, not in the waker, so a restart loses none of them.
        A short pause between restarts keeps a fault that repeats from spinning the loop.
        """
        while True:
            try:
                await self._wake_up_repeatedly()
            except Exception:
                logger.exception("The delivery waker failed; restarting it")
                await self._sleep(WAKER_RESTART_PAUSE)

    async def _wake_up_repeatedly(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = self._clock()
            self._release_due(now)
            self._wake_at = self._next_wake()
            if self._wake_at == math.inf:
                self._nap = loop.create_future()
            else:
                self._nap = asyncio.ensure_future(self._sleep(self._wake_at - now))
            await asyncio.wait({self._nap})

    def _release_due(self, now: float) -> None:
        """Expire stale calls, open chat lanes, then admit calls while the budget allows.

        A call queued before its chat was paused by a 429 is turned back into the chat's lane.
        """
        while self._deadlines.first_rank() <= now:
            self._settle(self._deadlines.pop(), False, now)
        while self._lane_timers and self._lane_timers[0][0] <= now:
            chat_id = heapq.heappop(self._lane_timers)[2]
            lane = self._lanes[chat_id]
            lane.timer_set = False
            self._advance(chat_id, lane, now)
        while self._queue and self._paused_until <= now and self._queue_head_opens() <= now:
            ticket = self._queue.pop()
            if not self._turned_back(ticket, now):
                self._settle(ticket, True, now)

    def _queue_head_opens(self) -> float:
        """When the first call of the main queue may go, as far as the overall budget says."""
        return self._overall_opens() if self._queue.first().call.bulk else -math.inf

    def _turned_back(self, ticket: _Ticket, now: float) -> bool:
        """Send `ticket` back to its chat's lane if the lane does not let it go now."""
        chat_id = ticket.call.chat_id
        lane = None if chat_id is None else self._lanes.get(chat_id)
        if chat_id is None or lane is None:
            return False
        if lane.in_queue is ticket and lane.opens() <= now:
            return False
        self._wait_in_lane(ticket, chat_id, lane, now)
        return True

    def _next_wake(self) -> float:
        """The next moment something is due: a deadline, a group window, the budget."""
        wake = self._deadlines.first_rank()
        if self._lane_timers:
            wake = min(wake, self._lane_timers[0][0])
        if self._queue:
            wake = min(wake, max(self._paused_until, self._queue_head_opens()))
        return wake


@dataclass(slots=True)
class _Call:
    """One process_request: where it goes, how urgent it is, how often it was retried."""

    method: str
    chat_id: ChatKey | None  # None: not a message, never counted
    grouped: bool  # a group chat under a group limit
    bulk: bool  # a new message: counts against the overall budget
    priority: Priority
    arrival: int
    deadline: float  # on the limiter's clock; inf: none
    unix_deadline: float | None
    flood_retries: int = 0
    network_retries: int = 0

    def stale(self) -> StaleDelivery:
        """The error telling the caller this call missed its deadline."""
        return StaleDelivery(self.method, self.chat_id, self.unix_deadline)


@dataclass(eq=False, slots=True)
class _Ticket:
    """A call waiting for its turn; its future says go (True) or stale (False)."""

    call: _Call
    future: asyncio.Future[bool]

    @property
    def waiting(self) -> bool:
        """False once settled or abandoned."""
        return not self.future.done()


class _Line:
    """Tickets by (rank, arrival), forgetting those no longer waiting when it meets them.

    A retried call comes back with a new ticket but its old rank and arrival, and its settled
    entry may still be in the heap: each entry therefore carries a number no other entry has,
    so two entries always compare before their tickets would (tickets have no order). A call
    has at most one waiting ticket at a time, so it has exactly one live entry in a line.
    """

    __slots__ = ("_heap", "_pushes", "_tidy_at")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, int, _Ticket]] = []
        self._pushes = itertools.count()
        self._tidy_at = _TIDY_MIN

    def __bool__(self) -> bool:
        self._drop_gone()
        return bool(self._heap)

    def push(self, rank: float, ticket: _Ticket) -> None:
        """Add a ticket; now and then drop abandoned ones so memory follows the waiting calls."""
        heapq.heappush(self._heap, (rank, ticket.call.arrival, next(self._pushes), ticket))
        if len(self._heap) >= self._tidy_at:
            self._heap = [entry for entry in self._heap if entry[3].waiting]
            heapq.heapify(self._heap)
            self._tidy_at = max(_TIDY_MIN, 2 * len(self._heap))

    def first_rank(self) -> float:
        """The rank of the first waiting ticket; inf if none."""
        self._drop_gone()
        return self._heap[0][0] if self._heap else math.inf

    def first(self) -> _Ticket:
        """The first waiting ticket, left in place (check truthiness first)."""
        self._drop_gone()
        return self._heap[0][3]

    def pop(self) -> _Ticket:
        """Remove and return the first waiting ticket (check truthiness first)."""
        self._drop_gone()
        return heapq.heappop(self._heap)[3]

    def drain(self) -> list[_Ticket]:
        """Remove and return every ticket still waiting."""
        tickets = [entry[3] for entry in self._heap if entry[3].waiting]
        self._heap = []
        return tickets

    def _drop_gone(self) -> None:
        while self._heap and not self._heap[0][3].waiting:
            heapq.heappop(self._heap)


class _Window:
    """At most `limit` events in any `period` seconds: remembers the last `limit` event times."""

    __slots__ = ("_limit", "_period", "_times")

    def __init__(self, limit: int, period: float) -> None:
        self._limit = limit
        self._period = period
        self._times: deque[float] = deque(maxlen=limit)

    def opens(self) -> float:
        """The earliest time the next event may happen (-inf: any time)."""
        if len(self._times) < self._limit:
            return -math.inf
        return self._times[0] + self._period

    def record(self, now: float) -> None:
        """Count one event at `now`."""
        self._times.append(now)

    def forgotten_by(self, now: float) -> bool:
        """True once none of the remembered events counts any more."""
        return not self._times or self._times[-1] + self._period <= now


@dataclass(slots=True)
class _ChatLane:
    """One chat's waiting calls, for a group's window or a 429 pause; at most one of them is
    in the main queue at a time."""

    window: _Window | None  # a group's own limit; None for a private chat
    paused_until: float = -math.inf  # a 429 for this chat
    waiting: _Line = field(default_factory=_Line)
    in_queue: _Ticket | None = None
    timer_set: bool = False  # waiting for the lane to open

    @property
    def idle(self) -> bool:
        """Nothing of this chat is waiting."""
        return self.in_queue is None and not self.timer_set and not self.waiting

    def opens(self) -> float:
        """The earliest time the chat's next call may be made."""
        window_opens = -math.inf if self.window is None else self.window.opens()
        return max(window_opens, self.paused_until)

    def quiet_by(self, now: float) -> bool:
        """True once the lane holds nothing back and would not hold back a new call."""
        return (
            self.idle
            and self.opens() <= now
            and (self.window is None or self.window.forgotten_by(now))
        )


class _FloodGauge:
    """Counts counted calls and 429s second by second, to tell a chat's flood from the bot's."""

    __slots__ = ("_calls", "_chats", "_second")

    def __init__(self) -> None:
        self._second = -math.inf
        self._calls = 0
        self._chats: set[ChatKey] = set()

    def attempt(self, now: float) -> None:
        """A counted call is being made."""
        self._roll(now)
        self._calls += 1

    def bot_wide(self, chat_id: ChatKey, now: float) -> bool:
        """A 429 for `chat_id`: True if this second's 429s say the bot's limit was hit."""
        self._roll(now)
        self._chats.add(chat_id)
        return len(self._chats) >= BOT_WIDE_FLOODS and 2 * len(self._chats) >= self._calls

    def _roll(self, now: float) -> None:
        if now - self._second >= 1.0:
            self._second, self._calls = now, 0
            self._chats.clear()


def _chat_key(chat_id: object) -> ChatKey | None:
    """The chat a call goes to: an int id, or an @username; None if it names no chat."""
    if isinstance(chat_id, int) or chat_id is None:
        return chat_id
    text = str(chat_id)
    try:
        return int(text)
    except ValueError:
        return text


def _is_message(endpoint: str) -> bool:
    """True for the calls that put a new message in a chat (not a typing indicator)."""
    return endpoint.startswith("send") and endpoint != "sendChatAction"


def _is_group(chat: ChatKey | None) -> bool:
    """Group chats and channels: negative ids, or @usernames (private chats have neither)."""
    return isinstance(chat, str) or (chat is not None and chat < 0)


def _retry_after_seconds(error: RetryAfter) -> float:
    """The wait a 429 asks for, whether PTB gives it as int seconds or (PTB_TIMEDELTA) timedelta."""
    with warnings.catch_warnings():
        # PTB 22.2+ warns that the int form will become a timedelta; both are handled here.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)
