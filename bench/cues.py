"""Cue lateness under load: N runners start sessions within a few seconds, through the real
Application (handlers, update processor, JobQueue, SQLite) and a fake Bot API with latency.

    python -m bench.cues --sessions 500 --latency-ms 50 [--duration-s 60] [--ramp-s 5]
                         [--think-ms 300] [--check-s 0] [--telegram-limits]
                         [--sequential | --compare] [--patience-s 60]

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
import re
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path

from telegram import Update

from bench.setup import bench_settings
from bot.app import build_application
from bot.domain.profile import Experience, Place, Profile, Units
from bot.domain.programme import (
    Cause,
    PlanState,
    Reason,
    TimelineStep,
    build_session_timeline,
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

SAFETY_TAPS = ("Running track", "Yes, all three", "No, I'm fresh", "0", "Ready")
_CUE_HEADS = tuple(heading.split(" · ")[0] for heading in session_texts.CUE_HEADINGS.values())
_DONE_HEAD = session_texts.DONE.split("{")[0]
_STEP_NUMBER = re.compile(r"Step (\d+) of (\d+)")
_BULK_TEXT = "Reminder: your session is at 18:00."


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
    """One simulated runner: when they tapped Ready, the stored due times, cue arrivals."""

    tapped_at: float = 0.0
    due: tuple[float, ...] = ()
    arrivals: dict[int, float] = field(default_factory=dict)


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
    args = parser.parse_args(argv)
    for sequential in (False, True) if args.compare else (args.sequential,):
        asyncio.run(run(argparse.Namespace(**{**vars(args), "sequential": sequential})))


async def run(args: argparse.Namespace) -> None:
    """One benchmark run; prints the reaction and cues lines."""
    steps = _steps()
    with tempfile.TemporaryDirectory() as directory:
        # The fake Bot API keeps no history: Telegram's memory is not the bot's, and here it
        # would be, making every full garbage collection of the bot's process slower.
        emulator = BotApiEmulator(keep_calls=False)
        application = build_application(
            bench_settings(
                Path(directory),
                time_scale=timeline_seconds(steps) / args.duration_s,
                concurrent_updates=1 if args.sequential else 256,
            ),
            request=EmulatedRequest(emulator, args.latency_ms / 1000),
            updates_request=EmulatedRequest(emulator),
            rate_limiter=PriorityRateLimiter(30 if args.telegram_limits else None),
        )
        seen = _Observer(emulator, args.sessions)
        emulator.listeners.append(seen.observe)
        async with running(application, poll=False):
            await _register(application, args.sessions)
            began = time.perf_counter()
            runners = [
                _runner(application, emulator, uid, args, seen)
                for uid in range(1, args.sessions + 1)
            ]
            bulk = _bulk_burst(application, args) if args.telegram_limits else _nothing()
            outcomes = await asyncio.gather(*runners, bulk, return_exceptions=True)
            gave_up = sum(isinstance(outcome, TimeoutError) for outcome in outcomes)
            if seen.all_started.is_set():
                # Read after the starts, not during them: a read per runner as its session
                # started would add its own load to what is being measured.
                await _read_due_times(application, seen.records)
            await _until_sessions_end(application, args)
            elapsed = time.perf_counter() - began
            stale = services_of(application).cue_stats.stale_dropped
    _report(args, steps, seen.records, stale, elapsed, seen.bulk_sent, gave_up)


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
    records: dict[int, RunnerRecord] = field(default_factory=lambda: defaultdict(RunnerRecord))
    inboxes: dict[int, asyncio.Queue[Json]] = field(
        default_factory=lambda: defaultdict(asyncio.Queue)
    )
    bulk_sent: int = 0
    # Set once every runner's session has started (its timeline shown).
    all_started: asyncio.Event = field(default_factory=asyncio.Event)
    _started: set[int] = field(default_factory=set)

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
            self.records[chat].arrivals.setdefault(-1, arrived)
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


async def _runner(
    application: CoachApplication,
    emulator: BotApiEmulator,
    uid: int,
    args: argparse.Namespace,
    seen: _Observer,
) -> None:
    """/go at this runner's moment, then the safety check, tap by tap (see `_moments`).
    Returns once every session has started; if that takes over half a session, after
    reading this session's stored due times itself (see `_read_due_times`)."""
    record, inbox = seen.records[uid], seen.inboxes[uid]
    began = time.monotonic()
    go_at, start_at = _moments(uid, args)
    await asyncio.sleep(go_at)
    user = EmulatedUser(emulator, uid)
    await _deliver(application, emulator, user.text("/go"))
    for label in SAFETY_TAPS:
        question = await _next_question(inbox, args.patience_s)
        await asyncio.sleep(args.think_ms / 1000)
        if label == "Ready":
            await asyncio.sleep(max(0.0, began + start_at - time.monotonic()))
            record.tapped_at = time.time()
        await _deliver(application, emulator, user.tap(question, _button(question, label)))
    await _next_timeline(inbox, args.patience_s)
    try:
        await asyncio.wait_for(seen.all_started.wait(), args.duration_s / 2)
    except TimeoutError:  # the starts are slow (sequential): read before this session ends
        stored = await services_of(application).live_sessions.get(uid)
        if stored is not None:
            record.due = stored.live.due


async def _read_due_times(application: CoachApplication, records: dict[int, RunnerRecord]) -> None:
    """Every live session's stored due times, in one read."""
    for stored in await services_of(application).live_sessions.all():
        records[stored.user_id].due = stored.live.due


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


async def _deliver(application: CoachApplication, emulator: BotApiEmulator, payload: Json) -> None:
    """Hand an update to the Application the way polling does (through its update queue)."""
    update = Update.de_json(emulator.number_update(payload), application.bot)
    await application.update_queue.put(update)


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


async def _until_sessions_end(application: CoachApplication, args: argparse.Namespace) -> None:
    db = services_of(application).db
    deadline = time.monotonic() + args.duration_s * 3 + 60
    while time.monotonic() < deadline:
        row = await db.fetch_one("SELECT COUNT(*) AS live FROM live_sessions")
        if row is None or not row["live"]:
            return
        await asyncio.sleep(0.5)


def _report(
    args: argparse.Namespace,
    steps: tuple[TimelineStep, ...],
    records: dict[int, RunnerRecord],
    stale: int,
    elapsed: float,
    bulk: int,
    gave_up: int,
) -> None:
    offsets = (*step_offsets(steps), timeline_seconds(steps))
    scale = timeline_seconds(steps) / args.duration_s
    from_due: list[float] = []
    from_tap: list[float] = []
    sent = 0
    for record in records.values():
        for index, arrived in record.arrivals.items():
            sent += 1
            position = index if index >= 0 else len(steps)
            if record.due:
                from_due.append((arrived - record.due[position]) * 1000)
            from_tap.append((arrived - record.tapped_at - offsets[position] / scale) * 1000)
    expected = args.sessions * (len(steps) + 1)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mode = "sequential" if args.sequential else "concurrent"
    limits = " telegram_limits" if args.telegram_limits else ""
    print(
        f"run: updates={mode}{limits} latency_ms={args.latency_ms:.0f} "
        f"duration_s={args.duration_s:.0f} ramp_s={args.ramp_s:.0f} "
        f"think_ms={args.think_ms:.0f} check_s={args.check_s:g} wall_s={elapsed:.1f} "
        f"runners_gave_up={gave_up}" + (f" bulk_sent={bulk}" if args.telegram_limits else "")
    )
    common = f"sessions={args.sessions} sent={sent} lost={expected - sent} stale_dropped={stale}"
    print(f"reaction: {common} {Summary.of(from_tap).line()}")
    print(f"cues: {common} {Summary.of(from_due).line()} rss_mb={rss_mb:.0f}")


if __name__ == "__main__":
    main()
