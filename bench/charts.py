"""How long a /progress chart takes to draw, and whether the event loop keeps its beat meanwhile.

    python -m bench.charts [--runs 20] [--heartbeat-ms 10]

A realistic 12-week summary (three sessions most weeks, growing bouts, a missed week, some
unanswered questions) is drawn --runs times through `render_off_loop`, the way /progress
does, while a heartbeat task on the event loop notes how late each of its beats wakes up.
Three lines are printed, the figures of the warm runs last:

    first: ...   the first chart, which also imports matplotlib (not in the figures below)
    loop: ...    heartbeat lateness while the charts were drawn
    charts: ...  time per chart and the PNG's size
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence
from datetime import date, timedelta

from bot.domain.progress import ProgressPoint, ProgressSummary, summarize_progress
from bot.flows.records.chart import render_off_loop

TODAY = date(2026, 3, 18)
WEEKS = 12
MISSED_WEEK = 5  # weeks back


def realistic_summary() -> ProgressSummary:
    """Twelve weeks of a runner three times a week: bouts grow, effort eases, a week off."""
    logs: list[ProgressPoint] = []
    for back in range(WEEKS):
        if back == MISSED_WEEK:
            continue
        monday = TODAY - timedelta(days=TODAY.weekday(), weeks=back)
        for session, weekday in enumerate((0, 2, 4)):
            day = monday + timedelta(days=weekday)
            if day > TODAY:
                continue
            answered = (back + session) % 4 != 0
            logs.append(
                ProgressPoint(
                    day,
                    reverse_seconds=(WEEKS - back) * 45 + session * 30,
                    effort=6 - (WEEKS - back) // 4 if answered else None,
                    pain=(back + session) % 3 if answered else None,
                )
            )
    return summarize_progress(logs, TODAY, WEEKS)


def percentile(samples: Sequence[float], percent: int) -> float:
    """The given percentile of a non-empty list of samples."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1]


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark, print its figures."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.charts", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--heartbeat-ms", type=float, default=10.0)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    asyncio.run(run(args.runs, args.heartbeat_ms / 1000))


async def run(runs: int, heartbeat_s: float) -> None:
    """One benchmark run; prints the first, loop and charts lines."""
    summary = realistic_summary()
    began = time.perf_counter()
    await render_off_loop(summary)
    print(f"first: ms={(time.perf_counter() - began) * 1000:.0f} (imports matplotlib)")
    lateness: list[float] = []
    beating = asyncio.create_task(_heartbeat(heartbeat_s, lateness))
    durations: list[float] = []
    png = b""
    for _ in range(runs):
        began = time.perf_counter()
        png = await render_off_loop(summary)
        durations.append((time.perf_counter() - began) * 1000)
    beating.cancel()
    print(
        f"loop: heartbeat_ms={heartbeat_s * 1000:.0f} beats={len(lateness)} "
        f"p99_late_ms={percentile(lateness or [0.0], 99):.1f} "
        f"max_late_ms={max(lateness, default=0.0):.1f}"
    )
    print(
        f"charts: runs={runs} median_ms={statistics.median(durations):.0f} "
        f"p95_ms={percentile(durations, 95):.0f} max_ms={max(durations):.0f} "
        f"png_kb={len(png) / 1024:.0f}"
    )


async def _heartbeat(interval_s: float, lateness: list[float]) -> None:
    """Sleep `interval_s` again and again, noting how late (ms) each wake-up is."""
    while True:
        due = time.perf_counter() + interval_s
        await asyncio.sleep(interval_s)
        lateness.append((time.perf_counter() - due) * 1000)


if __name__ == "__main__":
    main()
