"""Throughput of short replies: a flood of typed logging answers through the real handlers
(parser, SQLite writes, a reply each) against a fake Bot API with latency.

    python -m bench.updates [--runners 500] [--replies 4] [--latency-ms 50] [--sequential]

Every runner has a logged session waiting for notes; all their replies are queued at once,
the way a burst of updates arrives from getUpdates. Prints one line:

    updates: processor=concurrent runners=N replies=M seconds=.. per_s=.. p99_reply_ms=..
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
from bot.app import build_application
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest
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
    asyncio.run(run(parser.parse_args(argv)))


async def run(args: argparse.Namespace) -> None:
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
        answered: list[float] = []
        done = asyncio.Event()

        def count(call: ApiCall) -> None:
            if call.method == "sendMessage":
                answered.append(time.perf_counter())
                if len(answered) >= total:
                    done.set()

        async with running(application, poll=False):
            await _prepare(application, args.runners)
            emulator.listeners.append(count)
            started = time.perf_counter()
            for _ in range(args.replies):
                for uid in range(1, args.runners + 1):
                    payload = EmulatedUser(emulator, uid).text(_REPLY)
                    update = Update.de_json(emulator.number_update(payload), application.bot)
                    await application.update_queue.put(update)
            await asyncio.wait_for(done.wait(), timeout=600)
            elapsed = time.perf_counter() - started
    delays = Summary.of([(moment - started) * 1000 for moment in answered])
    mode = "sequential" if args.sequential else "concurrent"
    print(
        f"updates: processor={mode} runners={args.runners} replies={total} "
        f"latency_ms={args.latency_ms:.0f} seconds={elapsed:.1f} per_s={total / elapsed:.0f} "
        f"last_reply_ms={delays.max:.0f}"
    )


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
