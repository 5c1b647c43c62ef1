"""What /progress shows: reverse minutes per week, effort and pain trends, the streak, and one
honest sentence about what the last weeks mean.

Weeks start on Monday and are counted in the runner's local dates (a log's `day` is already
local), so daylight-saving changes cannot move a session into another week. Every log counts
as a session, whether finished, stopped early or logged by hand. Pure Python: the caller
passes `today` (the runner's local date) and the logs in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean
from typing import Protocol, TypeVar

WINDOW_WEEKS = 12
RECENT_WEEKS = 2  # "lately": this week and last week
MONTH_AGO_WEEKS = 4  # "a month ago": the four weeks before those
MIN_SESSIONS = 4  # fewer sessions in the window: too early for a trend
LONGER_RATIO = 1.1  # reverse minutes per session up by a tenth: "longer"
SAME_EFFORT_MARGIN = 0.5  # effort up by at most this is "the same effort"
EASIER_DROP = 1.0
HARDER_RISE = 1.5
PAIN_HIGH = 4.0  # average pain lately at or above this: take it easier, whatever the trend
PAIN_NOTICEABLE = 2.0
PAIN_RISE = 1.0

_ONE_WEEK = timedelta(weeks=1)


class ProgressLog(Protocol):
    """What progress needs of a session log (a stored log entry has these and more)."""

    @property
    def day(self) -> date: ...
    @property
    def reverse_seconds(self) -> int: ...
    @property
    def effort(self) -> int | None: ...
    @property
    def pain(self) -> int | None: ...


L = TypeVar("L", bound=ProgressLog)


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """A plain `ProgressLog`, for callers that have no stored log at hand."""

    day: date
    reverse_seconds: int
    effort: int | None = None
    pain: int | None = None


class Interpretation(StrEnum):
    """What the last weeks mean, as a key the texts word."""

    EARLY_DAYS = "early_days"
    QUIET = "quiet"
    WELCOME_BACK = "welcome_back"
    PAIN_HIGH = "pain_high"
    PAIN_RISING = "pain_rising"
    ADAPTING = "adapting"
    EASIER = "easier"
    HARDER = "harder"
    LONGER = "longer"
    STEADY = "steady"


@dataclass(frozen=True, slots=True)
class Stats:
    """Sessions of a stretch of time: how many, reverse time, average effort and pain.

    An average is None when no session of the stretch had that answer.
    """

    sessions: int
    reverse_seconds: int
    effort: float | None
    pain: float | None

    @property
    def reverse_minutes(self) -> float:
        """Reverse time in minutes."""
        return self.reverse_seconds / 60

    @property
    def seconds_per_session(self) -> float | None:
        """Average reverse seconds per session; None without sessions."""
        return self.reverse_seconds / self.sessions if self.sessions else None

    @classmethod
    def of(cls, logs: Sequence[ProgressLog]) -> Stats:
        """The stats of these logs."""
        return cls(
            sessions=len(logs),
            reverse_seconds=sum(log.reverse_seconds for log in logs),
            effort=_average(log.effort for log in logs),
            pain=_average(log.pain for log in logs),
        )


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """One Monday-to-Sunday week."""

    monday: date
    stats: Stats


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """The weeks of the window (oldest first, empty weeks included), the two stretches the
    interpretation compares, the streak in weeks, and the interpretation."""

    weeks: tuple[WeekProgress, ...]
    recent: Stats
    month_ago: Stats
    streak_weeks: int
    interpretation: Interpretation

    @property
    def has_data(self) -> bool:
        """Whether any session falls in the window: without one there is nothing to draw."""
        return any(week.stats.sessions for week in self.weeks)

    @property
    def reverse_seconds(self) -> int:
        """Reverse time of the whole window."""
        return sum(week.stats.reverse_seconds for week in self.weeks)


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def week_logs(logs: Iterable[L], monday: date) -> list[L]:
    """The logs of the Monday-to-Sunday week that starts on `monday`: what /progress and
    /plan both count as that week's sessions."""
    return [log for log in logs if week_start(log.day) == monday]


def summarize_progress(
    logs: Iterable[ProgressLog], today: date, weeks: int = WINDOW_WEEKS
) -> ProgressSummary:
    """The progress of the `weeks` weeks up to and including today's, from a runner's logs.

    Logs outside the window only count towards the streak.
    """
    if weeks < RECENT_WEEKS + MONTH_AGO_WEEKS:
        raise ValueError(f"weeks must be at least {RECENT_WEEKS + MONTH_AGO_WEEKS}, got {weeks}")
    logs = list(logs)
    this_monday = week_start(today)
    mondays = [this_monday - _ONE_WEEK * back for back in range(weeks - 1, -1, -1)]
    by_week = {monday: week_logs(logs, monday) for monday in mondays}

    def stats_of(chosen: Sequence[date]) -> Stats:
        return Stats.of([log for monday in chosen for log in by_week[monday]])

    recent = stats_of(mondays[-RECENT_WEEKS:])
    month_ago = stats_of(mondays[-RECENT_WEEKS - MONTH_AGO_WEEKS : -RECENT_WEEKS])
    earlier = stats_of(mondays[:-RECENT_WEEKS])
    return ProgressSummary(
        weeks=tuple(WeekProgress(monday, stats_of([monday])) for monday in mondays),
        recent=recent,
        month_ago=month_ago,
        streak_weeks=streak_weeks({week_start(log.day) for log in logs}, this_monday),
        interpretation=interpret(recent, month_ago, earlier),
    )


def streak_weeks(active_mondays: set[date], this_monday: date) -> int:
    """Weeks in a row with a session, ending this week, or last week while this one is young."""
    monday = this_monday if this_monday in active_mondays else this_monday - _ONE_WEEK
    count = 0
    while monday in active_mondays:
        count += 1
        monday -= _ONE_WEEK
    return count


def interpret(recent: Stats, month_ago: Stats, earlier: Stats) -> Interpretation:
    """The one sentence for the last two weeks (`recent`), judged against a month ago and
    against every week of the window before them (`earlier`). Safety first, then the trend."""
    if not recent.sessions:
        return Interpretation.QUIET if earlier.sessions else Interpretation.EARLY_DAYS
    if recent.pain is not None:
        if recent.pain >= PAIN_HIGH:
            return Interpretation.PAIN_HIGH
        if (
            earlier.pain is not None
            and recent.pain >= PAIN_NOTICEABLE
            and recent.pain - earlier.pain >= PAIN_RISE
        ):
            return Interpretation.PAIN_RISING
    now_per_session = recent.seconds_per_session
    then_per_session = month_ago.seconds_per_session
    if now_per_session is None or then_per_session is None:
        return Interpretation.WELCOME_BACK if earlier.sessions else Interpretation.EARLY_DAYS
    if recent.sessions + earlier.sessions < MIN_SESSIONS:
        return Interpretation.EARLY_DAYS
    longer = now_per_session >= then_per_session * LONGER_RATIO
    shorter = now_per_session * LONGER_RATIO <= then_per_session
    if recent.effort is not None and month_ago.effort is not None:
        effort_change = recent.effort - month_ago.effort
        if effort_change >= HARDER_RISE:
            return Interpretation.HARDER
        if longer and effort_change <= SAME_EFFORT_MARGIN:
            return Interpretation.ADAPTING
        if not shorter and effort_change <= -EASIER_DROP:
            return Interpretation.EASIER
    return Interpretation.LONGER if longer else Interpretation.STEADY


def _average(values: Iterable[int | None]) -> float | None:
    answered = [value for value in values if value is not None]
    return fmean(answered) if answered else None
