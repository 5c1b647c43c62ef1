"""How long rebuilding reminder jobs from SQLite takes at start.

    python -m bench.reminders [--rows 100000]

Stores --rows reminder rows for as many runners (daily reminders at any minute from 05:00
to 20:59, in five time zones, on three different sets of days), then times
`rebuild_reminder_jobs` on a real Application's JobQueue: reading the rows and creating
one `run_daily` job per group of runners who share a time, zone and days. Prints:

    reminders: rows=N scheduled=JOBS read_and_schedule_s=.. rss_mb=..
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path

from bench.setup import bench_settings
from bot.app import build_application
from bot.emulator.botapi import BotApiEmulator, EmulatedRequest
from bot.flows.reminders.jobs import rebuild_reminder_jobs
from bot.runtime.lifecycle import running
from bot.runtime.services import services_of
from bot.storage.reminders import ReminderKind, ReminderRow

_ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC")
_DAY_SETS = ((2, 4, 6), (1, 3, 5), (0, 3, 6))


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark, print its line."""
    parser = argparse.ArgumentParser(prog="python -m bench.reminders")
    parser.add_argument("--rows", type=int, default=100_000)
    asyncio.run(run(parser.parse_args(argv).rows))


async def run(rows: int) -> None:
    """Store `rows` reminders, restart, and time the rebuild."""
    with tempfile.TemporaryDirectory() as directory:
        settings = bench_settings(Path(directory))
        emulator = BotApiEmulator()
        application = build_application(
            settings, request=EmulatedRequest(emulator), updates_request=EmulatedRequest(emulator)
        )
        async with running(application, poll=False):
            await _store(application, rows)
            started = time.perf_counter()
            jobs = await rebuild_reminder_jobs(application)
            elapsed = time.perf_counter() - started
            scheduled = len(application.job_queue.jobs()) if application.job_queue else 0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"reminders: rows={rows} groups={jobs} scheduled={scheduled} "
        f"read_and_schedule_s={elapsed:.2f} rss_mb={rss_mb:.0f}"
    )


async def _store(application: object, rows: int) -> None:
    services = services_of(application)  # type: ignore[arg-type]
    now = datetime.now(UTC).isoformat()
    async with services.db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO runners (user_id, chat_id, first_name, active, created_at,"
            " last_seen_at) VALUES (?, ?, 'Runner', 1, ?, ?)",
            ((uid, uid, now, now) for uid in range(1, rows + 1)),
        )
    await services.reminders.add_many(
        ReminderRow(
            uid,
            ReminderKind.DAILY,
            clock_time(5 + uid % 960 // 60, uid % 60),
            _ZONES[uid // 7 % len(_ZONES)],
            _DAY_SETS[uid // 11 % len(_DAY_SETS)],
        )
        for uid in range(1, rows + 1)
    )


if __name__ == "__main__":
    main()
