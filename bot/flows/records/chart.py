"""The /progress chart: a PNG sized for a phone, drawn off the event loop.

matplotlib is imported inside `render_progress_chart`, so importing this module (or the
bot) stays quick; the first chart pays for the import, in the worker thread. Each chart
gets its own `Figure` on an Agg canvas: pyplot's shared state is never touched, so drawing
from a thread is safe.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import math
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from bot.domain.progress import ProgressSummary, WeekProgress
from bot.domain.session_logs import SCALE_MAX
from bot.texts import progress as texts
from bot.texts.translation import decimal_text, month_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_PX = 1000
HEIGHT_PX = 700
DPI = 150
_MIN_MINUTES_TOP = 5  # a first short session should not fill the whole chart
# Okabe-Ito colours (told apart with every common colour-vision deficiency), and effort and
# pain differ in marker and line style too, so nothing depends on colour alone.
_BAR_COLOUR = "#56B4E9"  # sky blue
_EFFORT_STYLE = {"color": "#E69F00", "marker": "o", "linestyle": "-"}  # orange, circles, solid
_PAIN_STYLE = {"color": "#D55E00", "marker": "s", "linestyle": "--"}  # vermillion, squares
# The weeks the caption spells out: the latest with a session, at most this many.
CAPTION_WEEKS = 6

# One drawing thread: charts queue behind each other instead of competing with the event
# loop for the interpreter, so cues keep their timing while several runners ask at once.
_DRAWING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart")


def render_progress_chart(summary: ProgressSummary) -> bytes:
    """The chart as PNG bytes: reverse minutes per week as bars above, effort and pain
    (weekly averages, gaps where nobody answered) as lines below."""
    buffer = io.BytesIO()
    draw_progress_chart(summary).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def draw_progress_chart(summary: ProgressSummary) -> Figure:
    """The chart's figure, on its own Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    minutes_axes, scores_axes = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    positions = range(len(summary.weeks))
    minutes_axes.bar(
        positions, [week.stats.reverse_minutes for week in summary.weeks], color=_BAR_COLOUR
    )
    minutes_axes.set_title(texts.CHART_MINUTES_TITLE, fontsize=10, loc="left")
    minutes_axes.set_ylim(
        0, max(_MIN_MINUTES_TOP, *(week.stats.reverse_minutes for week in summary.weeks)) * 1.1
    )
    minutes_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for name, style, values in (
        (texts.CHART_EFFORT, _EFFORT_STYLE, [week.stats.effort for week in summary.weeks]),
        (texts.CHART_PAIN, _PAIN_STYLE, [week.stats.pain for week in summary.weeks]),
    ):
        scores_axes.plot(
            positions,
            [math.nan if value is None else value for value in values],
            label=name,
            **style,
        )
    scores_axes.set_title(texts.CHART_SCORES_TITLE, fontsize=10, loc="left")
    scores_axes.set_ylim(0, SCALE_MAX)
    scores_axes.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, frameon=False, ncols=2)
    scores_axes.set_xticks(list(positions), [_week_label(week) for week in summary.weeks])
    scores_axes.tick_params(axis="x", labelsize=7, labelrotation=45)
    for axes in (minutes_axes, scores_axes):
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
    return figure


def chart_caption(summary: ProgressSummary) -> str:
    """The numbers the chart shows, in words: the latest weeks with a session, each with its
    reverse minutes, average effort and pain."""
    shown = [week for week in summary.weeks if week.stats.sessions][-CAPTION_WEEKS:]
    return texts.CHART_CAPTION.format(
        weeks=texts.CHART_CAPTION_JOIN.join(
            texts.CHART_CAPTION_WEEK.format(
                week=_week_label(week),
                minutes=round(week.stats.reverse_minutes),
                effort=_average(week.stats.effort),
                pain=_average(week.stats.pain),
            )
            for week in shown
        )
    )


def _average(value: float | None) -> str:
    return texts.CHART_NO_ANSWER if value is None else decimal_text(value)


async def render_off_loop(summary: ProgressSummary) -> bytes:
    """`render_progress_chart` in the drawing thread, so the event loop keeps running (with
    this task's context: its labels are in the runner's language)."""
    return await asyncio.get_running_loop().run_in_executor(
        _DRAWING, contextvars.copy_context().run, render_progress_chart, summary
    )


def _week_label(week: WeekProgress) -> str:
    return texts.CHART_WEEK.format(
        day=week.monday.day, month=month_name(week.monday.month, "abbreviated")
    )
