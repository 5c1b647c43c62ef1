"""What the end of a session says about it: the time done, in all, a first or a personal
best, the streak, how it compares with last time. Data only; bot/texts words it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.progress import streak_weeks, week_start


@dataclass(frozen=True, slots=True)
class DoneSession:
    """A session's day and the seconds it spent backwards."""

    day: date
    reverse_seconds: int


@dataclass(frozen=True, slots=True)
class SessionRecap:
    """The facts of a finished session against the runner's earlier ones."""

    reverse_seconds: int
    total_seconds: int  # every session's backward seconds, this one included
    first: bool
    best_by: int | None  # seconds beyond the previous best, when this is a new best
    streak_weeks: int
    versus_last: int | None  # seconds more (or fewer, negative) than last time; None: none


def recap_session(this: DoneSession, earlier: Sequence[DoneSession]) -> SessionRecap:
    """The recap of `this` session; `earlier` are the runner's sessions before it, newest
    first (sessions with no backward time count for the streak, not for bests)."""
    timed = [session.reverse_seconds for session in earlier if session.reverse_seconds > 0]
    best = max(timed, default=0)
    new_best = bool(timed) and this.reverse_seconds > best
    active = {week_start(session.day) for session in (this, *earlier)}
    return SessionRecap(
        reverse_seconds=this.reverse_seconds,
        total_seconds=this.reverse_seconds + sum(timed),
        first=not earlier,
        best_by=this.reverse_seconds - best if new_best else None,
        streak_weeks=streak_weeks(active, week_start(this.day)),
        versus_last=this.reverse_seconds - timed[0] if timed else None,
    )
