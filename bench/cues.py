"""Cue lateness under load: N runners start sessions within a few seconds, through the real
Application (handlers, update processor, JobQueue, SQLite) and a fake Bot API with latency.

    python -m bench.cues --sessions 500 --latency-ms 50 [--duration-s 60] [--ramp-s 5]
                         [--think-ms 300] [--check-s 0] [--telegram-limits]
                         [--sequential | --compare] [--patience-s 60]
    python -m bench.cues --club [--groups 50] [--members 20]   (see bench/club_cues.py)

Each runner sends /go and taps through the safety check like a person would (reading each
question for --think-ms before tapping), then the session runs on scaled time: its real
16-minute timeline is squeezed into --duration-s. The runners' /go messages are spread over
--ramp-s; with --check-s, their checks are spread over that many seconds instead, and the
taps that start the sessions over the --ramp-s after it (a club gathering, then starting
together). Two lines are printed, the second last:

    reaction: ... lateness of every cue measured from the tap that started the session
    cues: ...     lateness of every cue measured from its due moment as stored in SQLite

Lateness is taken when the fake Bot API receives the sendMessage, before its latency.
`lost` counts cues (and final "done" messages) that never arrived; `stale_dropped` those the
bot chose not to send because they were more than the cue grace late.
`--telegram-limits` keeps sends to 30 per second and starts a burst of reminder-like bulk
messages during the sessions, which must wait behind the cues.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import resource
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any, Protocol

from telegram import Update

from bench.setup import bench_settings
from bench.wire import (
    FakeBotApi,
    Planned,
    Usage,
    bot_process,
    print_profile,
    profiled,
    ratio,
    run_reference,
    seed_offline,
    usage_of,
)
from bot.app import build_application
from bot.config import Settings
from bot.domain.profile import Experience, Place, Profile, Units
from bot.domain.programme import (
    Cause,
    PlanState,
    Reason,
    TimelineStep,
    current_template,
    step_offsets,
    timeline_seconds,
)
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest, Json
from bot.emulator.user import EmulatedUser
from bot.runtime.delivery import Priority, PriorityRateLimiter, delivery_args
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication, services_of
from bot.texts import session as session_texts
from bot.texts.session_timeline import build_session_timeline

SAFETY_TAPS = ("Running track", "Yes, all three", "No, I'm fresh", "0", "Ready")
_CUE_HEADS = tuple(heading.split(" · ")[0] for heading in session_texts.CUE_HEADINGS.values())
_DONE_HEAD = session_texts.DONE.split("{")[0]
_STEP_NUMBER = re.compile(r"Step (\d+) of (\d+)")
_BULK_TEXT = "Reminder: your session is at 18:00."
_HELD_BACK_HEAD = session_texts.CUE_HELD_BACK.split("{")[0]
_CAUGHT_UP_HEADS = (session_texts.CAUGHT_UP.split("{")[0], session_texts.DONE_CAUGHT_UP)
_REFERENCE_CHATS = 1_000_000  # the reference sender's chats: 1_000_001, 1_000_002, ...


def bench_profile(user_id: int) -> Profile:
    """A runner who jogs now and then (level 1: 5 × 25 s reverse jog), on a track."""
    return Profile(
        user_id=user_id,
        age=35,
        experience=Experience.OCCASIONAL,
        weekly_km=10,
        goals=frozenset(),
        injuries=frozenset(),
        physio_supervised=False,
        places=frozenset({Place.TRACK}),
        sessions_per_week=3,
        weekdays=(1, 3, 5),
        session_time=clock_time(18, 0),
        timezone="UTC",
        units=Units.KM,
    )


@dataclass
class RunnerRecord:
    """One simulated runner: when they tapped Ready, the stored due times, cue arrivals, and
    the "held back" lines that followed a stale cue."""

    tapped_at: float = 0.0
    due: tuple[float, ...] = ()
    arrivals: dict[int, float] = field(default_factory=dict)
    held_back: list[float] = field(default_factory=list)  # and "we were interrupted" lines


@dataclass(frozen=True)
class Summary:
    """Percentiles of lateness in milliseconds."""

    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        """Summary of a non-empty list of samples (ms)."""
        if not samples:
            return cls(0.0, 0.0, 0.0, 0.0)
        ordered = sorted(samples)
        cuts = statistics.quantiles(ordered, n=100, method="inclusive")
        return cls(ordered[len(ordered) // 2], cuts[94], cuts[98], ordered[-1])

    def line(self) -> str:
        """p50_ms=.. p95_ms=.. p99_ms=.. max_ms=.."""
        return (
            f"p50_ms={self.p50:.0f} p95_ms={self.p95:.0f} p99_ms={self.p99:.0f} "
            f"max_ms={self.max:.0f}"
        )


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark, print its figures."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.cues", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--duration-s", type=float, default=60.0)
    parser.add_argument("--ramp-s", type=float, default=5.0)
    parser.add_argument(
        "--think-ms", type=float, default=300.0, help="a runner's pause before each tap"
    )
    parser.add_argument(
        "--check-s",
        type=float,
        default=0.0,
        help="spread the safety checks over this many seconds before the ramp of starts",
    )
    parser.add_argument("--telegram-limits", action="store_true")
    parser.add_argument("--sequential", action="store_true", help="concurrent updates off")
    parser.add_argument("--compare", action="store_true", help="concurrent, then sequential")
    parser.add_argument(
        "--patience-s",
        type=float,
        default=60.0,
        help="a runner waiting longer for the bot's next message gives up (counted as lost)",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="the bot in this process on the emulator (no HTTP), instead of over the wire",
    )
    parser.add_argument(
        "--faults",
        type=float,
        default=0.0,
        help="over the wire: this share of sends fails with 429, and as many with 500",
    )
    parser.add_argument(
        "--send-rate",
        help="over the wire: the bot's BACKSTRIDE_SEND_RATE (default: off, or 30 with "
        "--telegram-limits); 30 x the time scale keeps Telegram's budget at scaled time",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="over the wire: sample the bot process with py-spy into this file (collapsed)",
    )
    parser.add_argument("--club", action="store_true", help="club sessions in group chats")
    parser.add_argument("--groups", type=int, default=50, help="club mode: group chats")
    parser.add_argument("--members", type=int, default=20, help="club mode: members of each")
    args = parser.parse_args(argv)
    if args.club:
        from bench.club_cues import run_club  # it builds on this module's runners

        asyncio.run(run_club(args))
        return
    for sequential in (False, True) if args.compare else (args.sequential,):
        one = argparse.Namespace(**{**vars(args), "sequential": sequential})
        asyncio.run(run_in_process(one) if args.in_process else run_over_http(one))


async def run_in_process(args: argparse.Namespace) -> None:
    """One run with the bot in this process on the emulator; prints the reaction and cues
    lines."""
    steps = _steps()
    with tempfile.TemporaryDirectory() as directory:
        # The fake Bot API keeps no history: Telegram's memory is not the bot's, and here it
        # would be, making every full garbage collection of the bot's process slower.
        emulator = BotApiEmulator(keep_calls=False)
        application = build_application(
            _settings(Path(directory), steps, args),
            request=EmulatedRequest(emulator, args.latency_ms / 1000),
            updates_request=EmulatedRequest(emulator),
            rate_limiter=PriorityRateLimiter(30 if args.telegram_limits else None),
        )
        seen = _Observer(emulator, args.sessions, len(steps))
        async with running(application, poll=False):
            await _register(application, args.sessions)
            rig = _InProcess(application, emulator)
            bulk = _bulk_burst(application, args) if args.telegram_limits else _nothing()
            began = time.perf_counter()
            gave_up = await _load(rig, args, seen, bulk)
            elapsed = time.perf_counter() - began
            stale = services_of(application).cue_stats.stale_dropped
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _report(args, steps, seen, stale, elapsed, gave_up)
    print(f"process: in_process rss_mb={rss_mb:.0f}")


async def run_over_http(args: argparse.Namespace) -> None:
    """One run over the wire: the reference sender, then `python -m bot`, on one fake API."""
    steps = _steps()
    with tempfile.TemporaryDirectory() as directory:
        settings = _settings(Path(directory), steps, args)
        await seed_offline(settings, lambda app: _register(app, args.sessions))
        api = FakeBotApi(args.latency_ms / 1000)
        async with api.serving():
            reference = await _reference_run(api, steps, args)
            seen = _Observer(api.emulator, args.sessions, len(steps))
            rig = _OverHttp(api, settings.db_path)
            variables = {
                "BACKSTRIDE_TIME_SCALE": repr(settings.time_scale),
                "BACKSTRIDE_CONCURRENT_UPDATES": str(settings.concurrent_updates),
                "BACKSTRIDE_SEND_RATE": args.send_rate or ("30" if args.telegram_limits else "off"),
            }
            async with bot_process(api, settings.db_path, **variables) as process:
                await api.polled.wait()
                before = usage_of(process.pid)
                api.fail_sends(args.faults, args.faults)
                began = time.perf_counter()
                async with profiled(process.pid, args.profile):
                    gave_up = await _load(rig, args, seen, _nothing())
                elapsed = time.perf_counter() - began
                usage = usage_of(process.pid) - before
            log = (Path(directory) / "bot-stderr.log").read_text(errors="replace")
    stale = log.count("too late to send; dropped")
    _report(args, steps, seen, stale, elapsed, gave_up)
    errors = sum(" ERROR " in line or " CRITICAL " in line for line in log.splitlines())
    print(
        f"faults: share_each={args.faults:g} injected_429={api.faults[429]} "
        f"injected_500={api.faults[500]} held_back_lines={seen.held_back_lines()} "
        f"never_started={seen.never_started()} lost_without_line={seen.lost_without_line()} "
        f"caught_up_lines={seen.caught_up} "
        f"task_never_retrieved={log.count('never retrieved')} error_lines={errors}"
    )
    late = Summary.of(seen.lateness_ms())
    print(
        f"bot: cpu_s={usage.cpu_s:.1f} rss_mb={usage.rss_mb:.0f} peak_rss_mb="
        f"{usage.peak_rss_mb:.0f} cpu_ms_per_message={1000 * usage.cpu_s / max(1, seen.sent):.2f}"
    )
    print(
        f"reference: sent={reference.sent} lost={reference.lost} {reference.late.line()} "
        f"cpu_s={reference.usage.cpu_s:.1f} rss_mb={reference.usage.rss_mb:.0f}"
    )
    print(
        f"ratios: p50={ratio(late.p50, reference.late.p50)} "
        f"p99={ratio(late.p99, reference.late.p99)} "
        f"cpu={ratio(usage.cpu_s, reference.usage.cpu_s)} "
        f"rss={ratio(usage.rss_mb, reference.usage.rss_mb)}"
    )
    if args.profile is not None:
        print_profile(args.profile)


def _settings(
    directory: Path, steps: tuple[TimelineStep, ...], args: argparse.Namespace
) -> Settings:
    return bench_settings(
        directory,
        time_scale=timeline_seconds(steps) / args.duration_s,
        concurrent_updates=1 if args.sequential else 256,
    )


async def _load(
    rig: _Rig, args: argparse.Namespace, seen: _Observer, bulk: Coroutine[Any, Any, None]
) -> int:
    """Every runner through /go and the check into a session, until all sessions end;
    returns how many runners gave up waiting."""
    seen.emulator.listeners.append(seen.observe)
    runners = [_runner(rig, uid, args, seen) for uid in range(1, args.sessions + 1)]
    outcomes = await asyncio.gather(*runners, bulk, return_exceptions=True)
    if seen.all_started.is_set():
        # Read after the starts, not during them: a read per runner as its session
        # started would add its own load to what is being measured.
        await _read_due_times(rig, seen.records)
    await _until_sessions_end(rig, args)
    return sum(isinstance(outcome, TimeoutError) for outcome in outcomes)


@dataclass(frozen=True)
class _Reference:
    sent: int
    lost: int
    late: Summary
    usage: Usage


async def _reference_run(
    api: FakeBotApi, steps: tuple[TimelineStep, ...], args: argparse.Namespace
) -> _Reference:
    """The same cue schedule (each runner's start spread like the bot's), sent by the
    reference sender to chats of its own; lateness from each message's due moment."""
    scale = timeline_seconds(steps) / args.duration_s
    offsets = (*step_offsets(steps), timeline_seconds(steps))
    start = time.time() + 2.0
    spread = args.ramp_s / max(1, args.sessions - 1)
    plan = [
        Planned(_REFERENCE_CHATS + uid, start + (uid - 1) * spread + offset / scale, f"{uid}:{n}")
        for uid in range(1, args.sessions + 1)
        for n, offset in enumerate(offsets)
    ]
    arrivals: dict[str, float] = {}

    def stamp(call: ApiCall) -> None:
        if int(call.params.get("chat_id", 0)) > _REFERENCE_CHATS:
            arrivals.setdefault(str(call.params["text"]), time.time())

    api.emulator.listeners.append(stamp)
    usage = await run_reference(api.base_url, plan)
    api.emulator.listeners.remove(stamp)
    late = [(arrivals[item.text] - item.due) * 1000 for item in plan if item.text in arrivals]
    return _Reference(len(late), len(plan) - len(late), Summary.of(late), usage)


def _steps() -> tuple[TimelineStep, ...]:
    profile = bench_profile(1)
    template = current_template(profile, PlanState.starting(1, datetime.now(UTC).date()))
    return build_session_timeline(template, profile, Place.TRACK)


async def _register(application: CoachApplication, count: int) -> None:
    services = services_of(application)
    now = datetime.now(UTC)
    jogging = PlanState.starting(1, now.date())  # past the walking week: level 1, as _steps
    for uid in range(1, count + 1):
        await services.runners.record_contact(uid, uid, f"Runner {uid}", now)
        await services.profiles.save(bench_profile(uid), now)
        await services.plans.start(uid, jogging, Reason(Cause.PROGRESS_LEVEL), now)


@dataclass
class _Observer:
    """The fake Bot API's listener: cue arrivals by runner, questions handed to runners, and
    bulk messages counted. Messages the bot will not edit again are forgotten at once."""

    emulator: BotApiEmulator
    sessions: int
    steps: int  # a session's steps: the "done" message is arrival number `steps`
    records: dict[int, RunnerRecord] = field(default_factory=lambda: defaultdict(RunnerRecord))
    inboxes: dict[int, asyncio.Queue[Json]] = field(
        default_factory=lambda: defaultdict(asyncio.Queue)
    )
    bulk_sent: int = 0
    caught_up: int = 0  # "we were interrupted" lines: cues skipped because their job ran late
    # Set once every runner's session has started (its timeline shown).
    all_started: asyncio.Event = field(default_factory=asyncio.Event)
    _started: set[int] = field(default_factory=set)

    @property
    def sent(self) -> int:
        """Cues and "done" messages that arrived."""
        return sum(len(record.arrivals) for record in self.records.values())

    def held_back_lines(self) -> int:
        """ "Held back" lines that arrived, in all chats."""
        return sum(len(record.held_back) for record in self.records.values()) - self.caught_up

    def never_started(self) -> int:
        """Runners whose session never started (their safety check did not get through)."""
        return sum(1 for uid in range(1, self.sessions + 1) if uid not in self._started)

    def lost_without_line(self) -> int:
        """Runners whose session started, who lost a cue and were not told where they are
        after it: no "held back" line (a stale cue), no "we were interrupted" line (a cue
        job that ran too late), and no end of the session (it says where they are: done)."""
        return sum(
            1
            for uid, record in self.records.items()
            if uid in self._started and _lost_untold(record, self.steps)
        )

    def lateness_ms(self, which: Callable[[int], bool] = lambda index: True) -> list[float]:
        """The lateness of every arrived cue (those whose index `which` accepts) from its
        stored due moment."""
        late = []
        for record in self.records.values():
            for index, arrived in record.arrivals.items():
                if record.due and which(index):
                    late.append((arrived - record.due[index]) * 1000)
        return late

    def observe(self, call: ApiCall) -> None:
        """Note one successful call."""
        if call.method not in ("sendMessage", "editMessageText"):
            return
        chat = int(call.params["chat_id"])
        text = str(call.params.get("text", ""))
        arrived = time.time()
        if text.startswith(_CUE_HEADS):
            found = _STEP_NUMBER.search(text)
            if found:
                self.records[chat].arrivals.setdefault(int(found.group(1)) - 1, arrived)
        elif text.startswith(_DONE_HEAD):
            self.records[chat].arrivals.setdefault(self.steps, arrived)
        elif text.startswith(_HELD_BACK_HEAD):
            self.records[chat].held_back.append(arrived)
        elif text.startswith(_CAUGHT_UP_HEADS):
            self.records[chat].held_back.append(arrived)
            self.caught_up += 1
        elif "Today:" in text or "inline_keyboard" in str(call.params.get("reply_markup")):
            self.inboxes[chat].put_nowait(call.result)
            if "Today:" in text:
                self._started.add(chat)
                if len(self._started) == self.sessions:
                    self.all_started.set()
            return
        elif text == _BULK_TEXT:
            self.bulk_sent += 1
        if call.method == "sendMessage":
            self.emulator.forget_message(chat, int(call.result["message_id"]))


def _lost_untold(record: RunnerRecord, steps: int) -> bool:
    """A cue of this runner did not arrive, and nothing after its due moment said where
    they are (a line, or the session's end)."""
    missing = [index for index in range(steps + 1) if index not in record.arrivals]
    if not missing:
        return False
    if not record.due:
        return True
    told = [*record.held_back, *([record.arrivals[steps]] if steps in record.arrivals else [])]
    return not any(moment >= record.due[missing[-1]] for moment in told)


class _Rig(Protocol):
    """Where the bot under test runs: in this process, or as its own over HTTP."""

    @property
    def emulator(self) -> BotApiEmulator:
        """The emulator answering the bot's calls."""

    async def deliver(self, payload: Json) -> None:
        """Hand the bot an update from a runner."""

    async def due_times(self, user_id: int | None = None) -> dict[int, tuple[float, ...]]:
        """Stored due times of the live sessions (of one runner, if given)."""

    async def live_sessions(self) -> int:
        """How many sessions are still live."""


@dataclass
class _InProcess:
    application: CoachApplication
    emulator: BotApiEmulator

    async def deliver(self, payload: Json) -> None:
        """Hand an update to the Application the way polling does (its update queue)."""
        update = Update.de_json(self.emulator.number_update(payload), self.application.bot)
        await self.application.update_queue.put(update)

    async def due_times(self, user_id: int | None = None) -> dict[int, tuple[float, ...]]:
        """Read through the application's own storage."""
        sessions = services_of(self.application).live_sessions
        if user_id is not None:
            stored = await sessions.get(user_id)
            return {} if stored is None else {user_id: stored.live.due}
        return {stored.user_id: stored.live.due for stored in await sessions.all()}

    async def live_sessions(self) -> int:
        """Count through the application's database connection."""
        db = services_of(self.application).db
        row = await db.fetch_one("SELECT COUNT(*) AS live FROM live_sessions")
        return 0 if row is None else int(row["live"])


@dataclass
class _OverHttp:
    api: FakeBotApi
    db_path: Path

    @property
    def emulator(self) -> BotApiEmulator:
        """The emulator behind the fake API."""
        return self.api.emulator

    async def deliver(self, payload: Json) -> None:
        """Queue the update for the bot's next getUpdates."""
        self.api.queue_update(payload)

    async def due_times(self, user_id: int | None = None) -> dict[int, tuple[float, ...]]:
        """Read the bot's database file (WAL lets a reader in beside the bot)."""
        query = "SELECT user_id, due FROM live_sessions"
        if user_id is not None:
            query += f" WHERE user_id = {int(user_id)}"
        rows = await asyncio.to_thread(self._read, query)
        return {int(uid): tuple(json.loads(due)) for uid, due in rows}

    async def live_sessions(self) -> int:
        """Count in the bot's database file."""
        rows = await asyncio.to_thread(self._read, "SELECT COUNT(*) FROM live_sessions")
        return int(rows[0][0])

    def _read(self, query: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30) as db:
            return db.execute(query).fetchall()


async def _runner(rig: _Rig, uid: int, args: argparse.Namespace, seen: _Observer) -> None:
    """/go at this runner's moment, then the safety check, tap by tap (see `_moments`).
    Returns once every session has started; if that takes over half a session, after
    reading this session's stored due times itself (see `_read_due_times`)."""
    record, inbox = seen.records[uid], seen.inboxes[uid]
    began = time.monotonic()
    go_at, start_at = _moments(uid, args)
    await asyncio.sleep(go_at)
    user = EmulatedUser(rig.emulator, uid)
    await rig.deliver(user.text("/go"))
    for label in SAFETY_TAPS:
        question = await _next_question(inbox, args.patience_s)
        await asyncio.sleep(args.think_ms / 1000)
        if label == "Ready":
            await asyncio.sleep(max(0.0, began + start_at - time.monotonic()))
            record.tapped_at = time.time()
        await rig.deliver(user.tap(question, _button(question, label)))
    await _next_timeline(inbox, args.patience_s)
    try:
        await asyncio.wait_for(seen.all_started.wait(), args.duration_s / 2)
    except TimeoutError:  # the starts are slow (sequential): read before this session ends
        record.due = (await rig.due_times(uid)).get(uid, ())


async def _read_due_times(rig: _Rig, records: dict[int, RunnerRecord]) -> None:
    """Every live session's stored due times, in one read."""
    for uid, due in (await rig.due_times()).items():
        records[uid].due = due


def _moments(uid: int, args: argparse.Namespace) -> tuple[float, float]:
    """When runner `uid` sends /go, and the earliest moment they tap Ready, in seconds.

    Without --check-s the /go messages are spread over the ramp and every runner goes
    straight through the check. With it, the checks are spread over that many seconds first
    (runners arriving at the track), and the sessions start in the ramp that follows.
    """
    share = (uid - 1) / max(1, args.sessions - 1)
    if not args.check_s:
        return args.ramp_s * share, 0.0
    return args.check_s * share, args.check_s + args.ramp_s * share


async def _next_question(inbox: asyncio.Queue[Json], patience: float) -> Json:
    while True:
        message = await asyncio.wait_for(inbox.get(), patience)
        if "reply_markup" in message:
            return message


async def _next_timeline(inbox: asyncio.Queue[Json], patience: float) -> None:
    while "Today:" not in str((await asyncio.wait_for(inbox.get(), patience)).get("text", "")):
        pass


def _button(message: Json, label: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            if label in button["text"]:
                return str(button["callback_data"])
    raise LookupError(f"no button {label!r}")


async def _bulk_burst(application: CoachApplication, args: argparse.Namespace) -> None:
    """Reminder-like bulk messages to every runner, mid-session: they must not delay cues."""
    await asyncio.sleep(args.check_s + args.ramp_s + args.duration_s / 3)
    await asyncio.gather(
        *(
            application.bot.send_message(
                uid, _BULK_TEXT, rate_limit_args=delivery_args(Priority.BULK)
            )
            for uid in range(1, args.sessions + 1)
        )
    )


async def _nothing() -> None:
    return None


async def _until_sessions_end(rig: _Rig, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.duration_s * 3 + 60
    while time.monotonic() < deadline:
        if not await rig.live_sessions():
            return
        await asyncio.sleep(0.5)


def _report(
    args: argparse.Namespace,
    steps: tuple[TimelineStep, ...],
    seen: _Observer,
    stale: int,
    elapsed: float,
    gave_up: int,
) -> None:
    offsets = (*step_offsets(steps), timeline_seconds(steps))
    scale = timeline_seconds(steps) / args.duration_s
    from_tap = [
        (arrived - record.tapped_at - offsets[index] / scale) * 1000
        for record in seen.records.values()
        for index, arrived in record.arrivals.items()
    ]
    expected = args.sessions * (len(steps) + 1)
    mode = "sequential" if args.sequential else "concurrent"
    wire = "in_process" if args.in_process else "http"
    limits = " telegram_limits" if args.telegram_limits else ""
    if not args.in_process and args.send_rate:
        limits = f" send_rate={args.send_rate}"
    print(
        f"run: wire={wire} updates={mode}{limits} latency_ms={args.latency_ms:.0f} "
        f"duration_s={args.duration_s:g} scale={scale:.1f} ramp_s={args.ramp_s:g} "
        f"think_ms={args.think_ms:.0f} check_s={args.check_s:g} wall_s={elapsed:.1f} "
        f"runners_gave_up={gave_up}"
        + (f" bulk_sent={seen.bulk_sent}" if args.telegram_limits and args.in_process else "")
    )
    sent = seen.sent
    common = f"sessions={args.sessions} sent={sent} lost={expected - sent} stale_dropped={stale}"
    print(f"reaction: {common} {Summary.of(from_tap).line()}")
    print(f"cues: {common} {Summary.of(seen.lateness_ms()).line()}")
    last = seen.steps
    kinds = {
        "first": lambda index: index == 0,  # sent as the session starts, after it is stored
        "middle": lambda index: 0 < index < last,
        "end": lambda index: index == last,  # the session's end, after its log is stored
    }
    print(
        "cue kinds: "
        + " ".join(
            f"{kind}_p50_ms={summary.p50:.0f} {kind}_p99_ms={summary.p99:.0f}"
            for kind, which in kinds.items()
            for summary in [Summary.of(seen.lateness_ms(which))]
        )
    )


if __name__ == "__main__":
    main()
