"""The /progress chart: a phone-sized PNG for full and sparse weeks, drawn off the event loop,
and matplotlib left out of the bot's start."""

from __future__ import annotations

import asyncio
import struct
import subprocess
import sys
import threading
from datetime import date, timedelta

import pytest

from bot.domain.progress import ProgressPoint, ProgressSummary, summarize_progress
from bot.flows.records import chart as charts
from bot.flows.records.chart import render_off_loop, render_progress_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = date(2026, 1, 7)  # the window spans a new year


def full_weeks() -> ProgressSummary:
    logs = [
        ProgressPoint(TODAY - timedelta(days=back), 60 * (4 + back % 9), 3 + back % 5, back % 3)
        for back in range(0, 84, 2)
    ]
    return summarize_progress(logs, TODAY)


def sparse_weeks() -> ProgressSummary:
    return summarize_progress([ProgressPoint(TODAY, 90, effort=4)], TODAY)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which follows the signature."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("summary", [full_weeks(), sparse_weeks()], ids=["full", "sparse"])
def test_the_chart_is_a_phone_sized_png(summary: ProgressSummary) -> None:
    png = render_progress_chart(summary)
    assert png.startswith(PNG_SIGNATURE)
    assert 10_000 < len(png) < 1_000_000
    assert png_size(png) == (1000, 700)


async def test_render_off_loop_draws_in_another_thread_while_the_loop_runs() -> None:
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.002)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    png = await render_off_loop(full_weeks())
    beating.cancel()
    assert png.startswith(PNG_SIGNATURE)
    assert ticks >= 3  # the loop kept turning while the chart was drawn


async def test_render_off_loop_leaves_the_event_loop_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn_in: list[threading.Thread] = []

    def record_thread(summary: ProgressSummary) -> bytes:
        drawn_in.append(threading.current_thread())
        return b""

    monkeypatch.setattr(charts, "render_progress_chart", record_thread)
    await asyncio.gather(*(render_off_loop(sparse_weeks()) for _ in range(3)))
    assert len(drawn_in) == 3
    assert threading.current_thread() not in drawn_in


@pytest.mark.parametrize("module", ["bot.app", "bot.flows.records.chart"])
def test_starting_the_bot_does_not_import_matplotlib(module: str) -> None:
    code = f"import {module}, sys; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_effort_and_pain_differ_in_marker_and_line_style_on_a_colour_blind_safe_palette() -> None:
    from matplotlib.colors import to_hex

    minutes_axes, scores_axes = charts.draw_progress_chart(full_weeks()).axes
    effort, pain = scores_axes.get_lines()
    colours = {to_hex(line.get_color()).upper() for line in (effort, pain)}
    colours |= {to_hex(bar.get_facecolor()).upper() for bar in minutes_axes.patches}

    assert effort.get_marker() != pain.get_marker()
    assert effort.get_linestyle() != pain.get_linestyle()
    assert colours <= OKABE_ITO and len(colours) == 3
