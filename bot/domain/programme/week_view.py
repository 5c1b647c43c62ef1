"""This week as the runner lives it: the planned days after the runner's own changes
(skipped, moved to the next day, moved later that day), and each day from the one they
joined marked done, missed, skipped, moved, today or upcoming, with the week's backward time
done and still planned.

The time done is /progress's figure for the week (`progress.week_logs`), so /plan and
/progress never disagree. Days before the runner joined are left out and not counted; a day
with a log is always shown (a session logged for a day before joining included), as
/progress counts it. Pure data: bot/texts words it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from enum import StrEnum

from bot.domain.profile import Profile
from bot.domain.programme.schedule import (
    DAYS_PER_WEEK,
    DayKind,
    ScheduledSession,
    build_week,
    choose_place,
)
from bot.domain.programme.state import PlanState, current_template
from bot.domain.progress import ProgressLog, Stats, week_logs, week_start

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayChanges:
    """What the runner changed about planned days (with the buttons under a reminder)."""

    skipped: frozenset[date] = frozenset()
    moved_away: frozenset[date] = frozenset()  # the session went to the next day
    moved_here: frozenset[date] = frozenset()  # the session of the day before came here
    retimed: Mapping[date, time] = field(default_factory=dict)  # moved later that day


NO_CHANGES = DayChanges()


class DayStatus(StrEnum):
    """Where a day of the week stands: the key of its wording."""

    DONE = "done"  # a session was logged that day
    MISSED = "missed"  # a backward session was planned, the day is over, nothing logged
    SKIPPED = "skipped"  # the runner chose to skip it
    MOVED = "moved"  # the runner moved it to the next day
    TODAY = "today"  # today, nothing logged yet (a rest day when nothing is planned)
    UPCOMING = "upcoming"
    PASSED = "passed"  # an easy day gone by: nothing backwards to miss


@dataclass(frozen=True, slots=True)
class WeekDay:
    """One day of the week view.

    `session` is what was planned (None for a day with nothing planned: a rest day today,
    or a day with an unplanned log); `done` is what was logged that day (with several
    sessions: the average effort, and the highest pain, the reading that is safe to show).
    `moved_to` names the day a session went to, `moved_from` the day it came from;
    `retimed` is True when it was moved to a later time.
    """

    day: date
    status: DayStatus
    session: ScheduledSession | None
    done: Stats | None = None
    moved_to: date | None = None
    moved_from: date | None = None
    retimed: bool = False


@dataclass(frozen=True, slots=True)
class WeekView:
    """This week from the day the runner joined (`first_day`, a Monday unless they joined
    this week), the days worth a line, what was done (/progress's figure) and the backward
    seconds still planned (today's, unless done, and the days to come)."""

    today: date
    first_day: date
    days: tuple[WeekDay, ...]
    done: Stats
    to_come_seconds: int

    @property
    def joined_this_week(self) -> bool:
        """Whether the week is shown from the day the runner joined rather than Monday."""
        return self.first_day != week_start(self.today)


def planned_week(
    profile: Profile, state: PlanState, monday: date, changes: DayChanges = NO_CHANGES
) -> tuple[ScheduledSession, ...]:
    """The sessions of the week from `monday` after the runner's changes: skipped days and
    days moved away left out, a session moved to the next day on that day, a session moved
    later that day at its new time."""
    week = {entry.day: entry for entry in build_week(profile, state, monday)}
    for day in changes.moved_here:
        if monday <= day < monday + _ONE_DAY * DAYS_PER_WEEK:
            week[day] = _moved_session(profile, state, day)
    for day in changes.skipped | changes.moved_away:
        week.pop(day, None)
    for day, at in changes.retimed.items():
        if day in week:
            week[day] = replace(week[day], at=at)
    return tuple(entry for _, entry in sorted(week.items()))


def week_view(
    profile: Profile,
    state: PlanState,
    today: date,
    joined: date,
    logs: Sequence[ProgressLog],
    changes: DayChanges = NO_CHANGES,
) -> WeekView:
    """This week on the runner's `today`, from the day they `joined` (both local dates)."""
    monday = week_start(today)
    first_day = max(monday, min(joined, today))
    planned = {entry.day: entry for entry in planned_week(profile, state, monday, changes)}
    this_week = week_logs(logs, monday)
    days = []
    for offset in range(DAYS_PER_WEEK):
        day = monday + _ONE_DAY * offset
        logged = [log for log in this_week if log.day == day]
        status = _status(day, today, first_day, planned.get(day), bool(logged), changes)
        if status is None:
            continue
        session = planned.get(day)
        days.append(
            WeekDay(
                day,
                status,
                session,
                done=_day_stats(logged) if logged else None,
                moved_to=day + _ONE_DAY if status is DayStatus.MOVED else None,
                moved_from=day - _ONE_DAY if day in changes.moved_here else None,
                retimed=day in changes.retimed and session is not None,
            )
        )
    to_come = sum(
        entry.session.template.reverse_seconds
        for entry in days
        if entry.status in (DayStatus.TODAY, DayStatus.UPCOMING)
        and entry.session is not None
        and entry.session.template is not None
    )
    return WeekView(today, first_day, tuple(days), Stats.of(this_week), to_come)


def _status(
    day: date,
    today: date,
    first_day: date,
    session: ScheduledSession | None,
    logged: bool,
    changes: DayChanges,
) -> DayStatus | None:
    """The day's status; None for a day not worth a line (before joining, nothing planned)."""
    if logged:
        return DayStatus.DONE
    if day < first_day:
        return None
    if day in changes.moved_away:
        return DayStatus.MOVED
    if day in changes.skipped:
        return DayStatus.SKIPPED
    if day == today:
        return DayStatus.TODAY
    if session is None:
        return None
    if day > today:
        return DayStatus.UPCOMING
    return DayStatus.MISSED if session.template is not None else DayStatus.PASSED


def _moved_session(profile: Profile, state: PlanState, day: date) -> ScheduledSession:
    """The session moved to `day` from the day before: that day's (a challenge stays one),
    or the plan's usual session when the day before had none of its own."""
    source = day - _ONE_DAY
    for entry in build_week(profile, state, week_start(source)):
        if entry.day == source and entry.template is not None:
            return replace(entry, day=day)
    template = current_template(profile, state)
    return ScheduledSession(
        day, profile.session_time, DayKind.REVERSE, choose_place(profile), template, None
    )


def _day_stats(logged: Sequence[ProgressLog]) -> Stats:
    """A day's sessions as one: their time, average effort and highest pain (an average
    would turn a painful session and an easy one into a reassuring middle)."""
    pains = [log.pain for log in logged if log.pain is not None]
    return replace(Stats.of(logged), pain=max(pains) if pains else None)
