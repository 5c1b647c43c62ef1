"""Throughput of short replies: a flood of typed logging answers through the real handlers
(parser, SQLite writes, a reply each) against a fake Bot API with latency.

    python -m bench.updates [--runners 500] [--replies 4] [--latency-ms 50] [--sequential]
                            [--in-process] [--profile FILE]

Every runner has a logged session waiting for notes; all their replies are queued at once,
the way a burst of updates arrives from getUpdates. By default `python -m bot` runs as its
own process, polling a loopback fake Bot API (bench.wire); --in-process runs the bot in this
process on the emulator instead. Prints one line (over HTTP, with the bot process's CPU):

    updates: wire=http processor=concurrent runners=N replies=M seconds=.. per_s=..
             last_reply_ms=.. cpu_s=.. cpu_ms_per_update=.. rss_mb=..
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update

from bench.cues import Summary, bench_profile
from bench.setup import bench_settings
from bench.wire import FakeBotApi, bot_process, print_profile, profiled, seed_offline, usage_of
from bot.app import build_application
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest, Json
from bot.emulator.user import EmulatedUser
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication, services_of
from bot.storage.session_logs import LogSource, NewLog

_REPLY = "effort 5, pain 0, avg hr 140, windy"


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark, print its line."""
    parser = argparse.ArgumentParser(prog="python -m bench.updates")
    parser.add_argument("--runners", type=int, default=500)
    parser.add_argument("--replies", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--sequential", action="store_true", help="concurrent updates off")
    parser.add_argument("--in-process", action="store_true", help="no HTTP: the emulator")
    parser.add_argument(
        "--profile",
        type=Path,
        help="over the wire: sample the bot process with py-spy into this file (collapsed)",
    )
    args = parser.parse_args(argv)
    asyncio.run(run_in_process(args) if args.in_process else run_over_http(args))


async def run_over_http(args: argparse.Namespace) -> None:
    """The bot as its own process: queue every reply at once for getUpdates, time until each
    has been answered, and read the bot's CPU over that time."""
    with tempfile.TemporaryDirectory() as directory:
        settings = bench_settings(Path(directory), concurrent_updates=1 if args.sequential else 256)
        await seed_offline(settings, lambda app: _prepare(app, args.runners))
        api = FakeBotApi(args.latency_ms / 1000)
        total = args.runners * args.replies
        answered, done = _counter(api.emulator, total)
        async with api.serving():
            variables = {
                "BACKSTRIDE_CONCURRENT_UPDATES": str(settings.concurrent_updates),
                "BACKSTRIDE_SEND_RATE": "off",
            }
            async with bot_process(api, settings.db_path, **variables) as process:
                await api.polled.wait()
                before = usage_of(process.pid)
                started = time.perf_counter()
                async with profiled(process.pid, args.profile):
                    for payload in _replies(api.emulator, args):
                        api.queue_update(payload)
                    await asyncio.wait_for(done.wait(), timeout=600)
                elapsed = time.perf_counter() - started
                usage = usage_of(process.pid) - before
    delays = Summary.of([(moment - started) * 1000 for moment in answered])
    print(
        f"updates: wire=http {_figures(args, total, elapsed, delays)} cpu_s={usage.cpu_s:.1f} "
        f"cpu_ms_per_update={1000 * usage.cpu_s / total:.2f} rss_mb={usage.rss_mb:.0f}"
    )
    if args.profile is not None:
        print_profile(args.profile)


def _replies(emulator: BotApiEmulator, args: argparse.Namespace) -> list[Json]:
    return [
        EmulatedUser(emulator, uid).text(_REPLY)
        for _ in range(args.replies)
        for uid in range(1, args.runners + 1)
    ]


def _counter(emulator: BotApiEmulator, total: int) -> tuple[list[float], asyncio.Event]:
    """When each reply went out, and an event set once all `total` have."""
    answered: list[float] = []
    done = asyncio.Event()

    def count(call: ApiCall) -> None:
        if call.method == "sendMessage":
            answered.append(time.perf_counter())
            if len(answered) >= total:
                done.set()

    emulator.listeners.append(count)
    return answered, done


def _figures(args: argparse.Namespace, total: int, elapsed: float, delays: Summary) -> str:
    mode = "sequential" if args.sequential else "concurrent"
    return (
        f"processor={mode} runners={args.runners} replies={total} "
        f"latency_ms={args.latency_ms:.0f} seconds={elapsed:.1f} per_s={total / elapsed:.0f} "
        f"last_reply_ms={delays.max:.0f}"
    )


async def run_in_process(args: argparse.Namespace) -> None:
    """Queue every reply at once and time until each has been answered."""
    with tempfile.TemporaryDirectory() as directory:
        emulator = BotApiEmulator()
        application = build_application(
            bench_settings(Path(directory), concurrent_updates=1 if args.sequential else 256),
            request=EmulatedRequest(emulator, args.latency_ms / 1000),
            updates_request=EmulatedRequest(emulator),
            rate_limiter=PriorityRateLimiter(None),
        )
        total = args.runners * args.replies
        async with running(application, poll=False):
            await _prepare(application, args.runners)
            answered, done = _counter(emulator, total)
            started = time.perf_counter()
            for payload in _replies(emulator, args):
                update = Update.de_json(emulator.number_update(payload), application.bot)
                await application.update_queue.put(update)
            await asyncio.wait_for(done.wait(), timeout=600)
            elapsed = time.perf_counter() - started
    delays = Summary.of([(moment - started) * 1000 for moment in answered])
    print(f"updates: wire=in_process {_figures(args, total, elapsed, delays)}")


async def _prepare(application: CoachApplication, runners: int) -> None:
    """Runners with a profile and a just-logged session whose notes are still open."""
    services = services_of(application)
    now = datetime.now(UTC)
    for uid in range(1, runners + 1):
        await services.runners.record_contact(uid, uid, f"Runner {uid}", now)
        await services.profiles.save(bench_profile(uid), now)
        log_id = await services.logs.create(NewLog(uid, now.date(), LogSource.LIVE, True, 125), now)
        await services.logs.ask(uid, log_id, "more", now)


if __name__ == "__main__":
    main()
