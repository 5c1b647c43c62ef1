"""When a reminder is due: the runner's reminder settings, quiet hours, and the daily time.

Two kinds of arithmetic, on purpose. A one-off reminder (a session on a known date) is due
`lead_minutes` of real time before the session. A daily reminder is a wall-clock time, the
same every day, so on a daylight-saving night its lead is an hour longer or shorter.

A wall-clock time that does not exist on a spring-forward day (02:30 in New York) means the
moment the same distance past the jump (03:30), and one that happens twice on an autumn day
(01:30) means its first occurrence: what `zoneinfo` and APScheduler do by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

MAX_LEAD_MINUTES = 240
DEFAULT_LEAD_MINUTES = 30
DAYS_IN_WEEK = 7

_ONE_DAY = timedelta(days=1)
# Any date will do for wall-clock arithmetic on times of day; this one keeps the sums readable.
_ANCHOR = date(2000, 1, 3)


@dataclass(frozen=True, slots=True)
class ReminderPrefs:
    """How a runner wants to be reminded.

    Quiet hours are a wall-clock window from `quiet_start` (included) to `quiet_end` (not
    included) that may wrap midnight (22:00-07:00); both or neither are set. They silence
    every message of the coach, so they apply even when reminders are off.
    """

    enabled: bool = True
    lead_minutes: int = DEFAULT_LEAD_MINUTES
    quiet_start: time | None = None
    quiet_end: time | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.lead_minutes <= MAX_LEAD_MINUTES:
            raise ValueError(f"lead_minutes must be 0-{MAX_LEAD_MINUTES}, got {self.lead_minutes}")
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValueError("quiet hours need both a start and an end, or neither")
        if self.quiet_start is not None and self.quiet_start == self.quiet_end:
            raise ValueError("quiet hours cannot start and end at the same time")


def in_quiet_hours(local: time, prefs: ReminderPrefs) -> bool:
    """True when this wall-clock time falls inside the runner's quiet hours."""
    start, end = prefs.quiet_start, prefs.quiet_end
    if start is None or end is None:
        return False
    local = local.replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def reminder_moment(session_start_local: datetime, prefs: ReminderPrefs) -> datetime | None:
    """When to remind the runner of a session starting at this (aware) local time.

    `lead_minutes` before the start; a moment inside quiet hours moves to the end of the
    window if that is still before the start, otherwise there is no reminder (None), as
    there is none when reminders are off.
    """
    zone = _zone_of(session_start_local)
    if not prefs.enabled:
        return None
    start = session_start_local.astimezone(UTC)
    moment = (start - timedelta(minutes=prefs.lead_minutes)).astimezone(zone)
    quiet_end = _end_of_quiet(moment.replace(tzinfo=None), prefs)
    if quiet_end is None:
        return moment
    wake = _first_instant_at(quiet_end, zone, moment)
    # A window that ends inside a spring-forward gap ends when the clock jumps; only a
    # window of nearly a day can still be running then.
    if wake.astimezone(UTC) >= start or in_quiet_hours(wake.time(), prefs):
        return None
    return wake


@dataclass(frozen=True, slots=True)
class DailyReminder:
    """A reminder repeated on each session day, at a wall-clock time in the runner's zone.

    `at` carries the runner's `ZoneInfo`, as `JobQueue.run_daily` wants it. `day_shift` is
    -1 when the reminder falls on the day before the session (00:15 with a 30-minute
    lead reminds at 23:45), otherwise 0.
    """

    at: time
    day_shift: int

    def run_days(self, session_weekdays: Iterable[int]) -> tuple[int, ...]:
        """The `days` for `run_daily` (0 = Sunday) given the session weekdays (0 = Monday)."""
        return ptb_days((day + self.day_shift) % DAYS_IN_WEEK for day in session_weekdays)

    def moment_for(self, session_day: date) -> datetime:
        """The instant this reminder is due for the session on `session_day`."""
        zone = _zone_of_time(self.at)
        wall = datetime.combine(session_day + self.day_shift * _ONE_DAY, self.at)
        return wall.astimezone(UTC).astimezone(zone)

    def fell_within(self, now: datetime, window: timedelta, run_days: Iterable[int]) -> bool:
        """True if a run of this reminder (on `run_days`, 0 = Sunday) was due in the
        `window` before `now` (aware): a start just after it should still send it."""
        zone = _zone_of_time(self.at)
        today = now.astimezone(zone).date()
        days = set(run_days)
        for day in (today, today - _ONE_DAY):
            due = datetime.combine(day, self.at.replace(tzinfo=None), tzinfo=zone)
            if ptb_days([day.weekday()])[0] in days and now - window <= due <= now:
                return True
        return False

    def session_day(self, fired_at: datetime) -> date:
        """The date of the session that a firing at `fired_at` (aware) is about.

        The session whose reminder was due nearest that instant, so a firing a few minutes
        late still names the right day past midnight, and APScheduler's second firing in a
        repeated autumn hour names the same day as the first: the caller sends just once.
        """
        fired_on = fired_at.astimezone(_zone_of_time(self.at)).date()
        candidates = (fired_on - _ONE_DAY, fired_on, fired_on + _ONE_DAY)
        return min(candidates, key=lambda day: abs(self.moment_for(day) - fired_at))


def daily_reminder_time(session_time: time, prefs: ReminderPrefs, tz: str) -> DailyReminder | None:
    """The daily reminder for sessions at `session_time` in zone `tz`; None when there is none.

    The same rules as `reminder_moment`, on the wall clock.
    """
    if not prefs.enabled:
        return None
    session = datetime.combine(_ANCHOR, session_time.replace(tzinfo=None))
    moment = session - timedelta(minutes=prefs.lead_minutes)
    quiet_end = _end_of_quiet(moment, prefs)
    if quiet_end is not None:
        if quiet_end >= session:
            return None
        moment = quiet_end
    return DailyReminder(moment.time().replace(tzinfo=ZoneInfo(tz)), (moment.date() - _ANCHOR).days)


def ptb_days(weekdays: Iterable[int]) -> tuple[int, ...]:
    """Python weekdays (0 = Monday) as PTB's `run_daily` days (0 = Sunday), sorted."""
    days = set(weekdays)
    if not days <= set(range(DAYS_IN_WEEK)):
        raise ValueError(f"weekdays must be 0-6, got {sorted(days)}")
    return tuple(sorted((day + 1) % DAYS_IN_WEEK for day in days))


def _end_of_quiet(wall: datetime, prefs: ReminderPrefs) -> datetime | None:
    """The end of the quiet hours that naive wall-clock moment `wall` falls in, if it does."""
    if prefs.quiet_end is None or not in_quiet_hours(wall.time(), prefs):
        return None
    end = datetime.combine(wall.date(), prefs.quiet_end)
    return end if end > wall else end + _ONE_DAY


def _first_instant_at(wall: datetime, zone: tzinfo, not_before: datetime) -> datetime:
    """The first instant, not before `not_before`, at which the clock in `zone` reads `wall`
    (or, inside a spring-forward gap, the same distance past the jump).
    """
    floor = not_before.astimezone(UTC)
    # fold=0 reads a gap as after the jump and a repeated hour as its first pass.
    first = wall.replace(tzinfo=zone).astimezone(UTC)
    chosen = first if first >= floor else wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    return chosen.astimezone(zone)


def _zone_of(moment: datetime) -> tzinfo:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a session start needs a time zone")
    return moment.tzinfo


def _zone_of_time(at: time) -> tzinfo:
    if at.tzinfo is None:
        raise ValueError("a daily reminder time needs a time zone")
    return at.tzinfo
