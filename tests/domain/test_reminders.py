"""Reminders without Telegram: quiet hours, when a reminder is due (across daylight saving),
PTB's weekday numbering, missed sessions, snooze and move, and reading /reminders answers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.programme import PlanState, build_week
from bot.domain.reminders import (
    MAX_LEAD_MINUTES,
    NOTHING_TO_SAY,
    QUIET_HOURS_OFF,
    DailyReminder,
    MissedAction,
    MissedVerdict,
    MoveOutcome,
    ReminderPrefs,
    daily_reminder_time,
    in_quiet_hours,
    missed_session_verdict,
    moved_to_tomorrow,
    parse_lead,
    parse_quiet_hours,
    ptb_days,
    reminder_moment,
    snoozed,
)
from tests.domain.programme_fixtures import MONDAY, make_profile

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")

NIGHT = ReminderPrefs(quiet_start=time(22), quiet_end=time(7))


def prefs(lead: int = 30, quiet: tuple[int, int] | None = None, **times: time) -> ReminderPrefs:
    """Reminder settings with a lead and quiet hours given as whole hours or exact times."""
    if quiet is not None:
        times = {"quiet_start": time(quiet[0]), "quiet_end": time(quiet[1])}
    return ReminderPrefs(lead_minutes=lead, **times)


def at(zone: ZoneInfo, *fields: int, fold: int = 0) -> datetime:
    return datetime(*fields, tzinfo=zone, fold=fold)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


# --- Settings and quiet hours ----------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"lead_minutes": -1},
        {"lead_minutes": MAX_LEAD_MINUTES + 1},
        {"quiet_start": time(22)},
        {"quiet_end": time(7)},
        {"quiet_start": time(7), "quiet_end": time(7)},
    ],
)
def test_impossible_settings_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"lead_minutes|quiet hours"):
        ReminderPrefs(**fields)


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        (time(21, 59), False),
        (time(22, 0), True),  # the start is inside
        (time(23, 59, 59), True),
        (time(0, 0), True),  # past midnight
        (time(6, 59), True),
        (time(7, 0), False),  # the end is outside
        (time(12, 0), False),
        (time(22, 30, tzinfo=TOKYO), True),  # a zone on the time changes nothing
    ],
)
def test_quiet_hours_that_wrap_midnight(local: time, quiet: bool) -> None:
    assert in_quiet_hours(local, NIGHT) is quiet


@pytest.mark.parametrize(
    ("local", "quiet"),
    [(time(12, 59), False), (time(13), True), (time(13, 59), True), (time(14), False)],
)
def test_quiet_hours_within_a_day(local: time, quiet: bool) -> None:
    assert in_quiet_hours(local, prefs(quiet=(13, 14))) is quiet


def test_no_quiet_hours_is_never_quiet() -> None:
    assert not any(in_quiet_hours(time(hour), ReminderPrefs()) for hour in range(24))


def test_quiet_hours_hold_with_reminders_off() -> None:
    off = ReminderPrefs(enabled=False, quiet_start=time(22), quiet_end=time(7))
    assert in_quiet_hours(time(23), off)


# --- A one-off reminder ----------------------------------------------------------------------

AROUND_MIDNIGHT = prefs(30, quiet_start=time(23), quiet_end=time(0, 5))
MOMENTS = [
    # session start (Berlin), settings, reminder (Berlin) or None
    ((2025, 6, 2, 7, 0), prefs(30), (2025, 6, 2, 6, 30)),
    ((2025, 6, 2, 7, 0), prefs(0), (2025, 6, 2, 7, 0)),
    ((2025, 6, 2, 0, 15), prefs(30), (2025, 6, 1, 23, 45)),  # the day before
    ((2025, 6, 2, 7, 0), prefs(30, quiet=(22, 7)), None),  # would wake them at the start
    ((2025, 6, 2, 7, 30), prefs(60, quiet=(22, 7)), (2025, 6, 2, 7, 0)),  # end of the window
    ((2025, 6, 2, 8, 0), prefs(240, quiet=(22, 7)), (2025, 6, 2, 7, 0)),
    ((2025, 6, 2, 6, 0), prefs(0, quiet=(22, 7)), None),  # the session itself is in them
    ((2025, 6, 2, 21, 0), prefs(30, quiet=(22, 7)), (2025, 6, 2, 20, 30)),
    ((2025, 6, 2, 22, 15), prefs(30, quiet=(22, 7)), (2025, 6, 2, 21, 45)),
    ((2025, 6, 2, 0, 15), AROUND_MIDNIGHT, (2025, 6, 2, 0, 5)),
    ((2025, 6, 2, 18, 0), prefs(30, quiet=(13, 14)), (2025, 6, 2, 17, 30)),
    ((2025, 6, 2, 14, 10), prefs(60, quiet=(13, 14)), (2025, 6, 2, 14, 0)),
]  # fmt: skip


@pytest.mark.parametrize(("start", "settings", "expected"), MOMENTS)
def test_reminder_moment(
    start: tuple[int, ...], settings: ReminderPrefs, expected: tuple[int, ...] | None
) -> None:
    moment = reminder_moment(at(BERLIN, *start), settings)
    assert moment == (None if expected is None else at(BERLIN, *expected))


def test_no_reminder_when_reminders_are_off() -> None:
    assert reminder_moment(at(BERLIN, 2025, 6, 2, 7), ReminderPrefs(enabled=False)) is None


def test_a_session_start_needs_a_zone() -> None:
    with pytest.raises(ValueError, match="time zone"):
        reminder_moment(datetime(2025, 6, 2, 7), ReminderPrefs())


def test_one_off_lead_is_real_time_across_spring_forward() -> None:
    # 03:00 BST is 02:00 UTC; 90 real minutes earlier is 00:30 GMT, 2 h 30 on the clock.
    moment = reminder_moment(at(LONDON, 2025, 3, 30, 3, 0), prefs(90))
    assert moment is not None
    assert moment.astimezone(UTC) == utc(2025, 3, 30, 0, 30)
    assert (moment.hour, moment.minute) == (0, 30)


def test_quiet_end_in_the_repeated_hour_is_its_pass_after_the_reminder() -> None:
    # New York, 2 Nov 2025: 01:00-02:00 happens twice. The lead lands on 01:10 EST, the
    # second pass; quiet hours end at 01:30, which must mean 01:30 EST, not the 01:30 EDT
    # that had already gone by.
    start = at(NEW_YORK, 2025, 11, 2, 3, 0)  # 08:00 UTC
    moment = reminder_moment(start, prefs(110, quiet_start=time(0), quiet_end=time(1, 30)))
    assert moment is not None
    assert moment.astimezone(UTC) == utc(2025, 11, 2, 6, 30)


def test_quiet_end_in_a_spring_forward_gap_is_when_the_clock_jumps_past_it() -> None:
    # New York, 9 Mar 2025: 02:00-03:00 does not exist, so quiet hours to 02:30 end at
    # 03:30 EDT (07:30 UTC), as a job at 02:30 would fire.
    start = at(NEW_YORK, 2025, 3, 9, 4, 0)  # 08:00 UTC
    moment = reminder_moment(start, prefs(180, quiet_start=time(22), quiet_end=time(2, 30)))
    assert moment is not None
    assert moment.astimezone(UTC) == utc(2025, 3, 9, 7, 30)


def test_a_nearly_day_long_window_swallowing_the_gap_gives_no_reminder() -> None:
    # Quiet 03:00-02:30: the window's end jumps to 03:30, which is quiet again.
    start = at(NEW_YORK, 2025, 3, 9, 5, 0)
    settings = prefs(180, quiet_start=time(3), quiet_end=time(2, 30))
    assert reminder_moment(start, settings) is None


ZONES = [LONDON, NEW_YORK, TOKYO, BERLIN, ZoneInfo("Australia/Lord_Howe")]
wall_times = st.times().map(lambda moment: moment.replace(microsecond=0))


@st.composite
def quiet_settings(draw: st.DrawFn) -> ReminderPrefs:
    start = draw(wall_times)
    end = draw(wall_times.filter(lambda end: end != start))
    lead = draw(st.integers(0, MAX_LEAD_MINUTES))
    return ReminderPrefs(lead_minutes=lead, quiet_start=start, quiet_end=end)


@given(
    wall=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)),
    zone=st.sampled_from(ZONES),
    fold=st.integers(0, 1),
    settings=quiet_settings(),
)
def test_reminder_is_never_in_quiet_hours_nor_after_the_start(
    wall: datetime, zone: ZoneInfo, fold: int, settings: ReminderPrefs
) -> None:
    start = wall.replace(tzinfo=zone, fold=fold)
    moment = reminder_moment(start, settings)
    if moment is None:
        return
    lead = timedelta(minutes=settings.lead_minutes)
    assert not in_quiet_hours(moment.time(), settings)
    assert start.astimezone(UTC) - lead <= moment.astimezone(UTC) <= start.astimezone(UTC)
    assert moment.astimezone(UTC) < start.astimezone(UTC) or settings.lead_minutes == 0


@given(
    wall=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)),
    zone=st.sampled_from(ZONES),
    lead=st.integers(0, MAX_LEAD_MINUTES),
)
def test_without_quiet_hours_the_reminder_is_exactly_the_lead_before(
    wall: datetime, zone: ZoneInfo, lead: int
) -> None:
    start = wall.replace(tzinfo=zone)
    moment = reminder_moment(start, ReminderPrefs(lead_minutes=lead))
    assert moment is not None
    assert start.astimezone(UTC) - moment.astimezone(UTC) == timedelta(minutes=lead)


# --- PTB's weekdays --------------------------------------------------------------------------

PYTHON_TO_PTB = {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 0}


@pytest.mark.parametrize(("python_day", "ptb_day"), PYTHON_TO_PTB.items())
def test_each_weekday_maps_to_ptb_sunday_first(python_day: int, ptb_day: int) -> None:
    assert ptb_days([python_day]) == (ptb_day,)


def test_every_set_of_weekdays_maps_day_by_day() -> None:
    for mask in range(2**7):
        days = [day for day in range(7) if mask >> day & 1]
        assert ptb_days(days) == tuple(sorted(PYTHON_TO_PTB[day] for day in days))


def test_ptb_days_agree_with_the_calendar() -> None:
    # PTB counts like isoweekday() modulo 7: Sunday 0, Monday 1 ... Saturday 6.
    for offset in range(7):
        day = MONDAY + timedelta(days=offset)
        assert ptb_days([day.weekday()]) == (day.isoweekday() % 7,)


def test_ptb_days_refuse_impossible_weekdays() -> None:
    with pytest.raises(ValueError, match="0-6"):
        ptb_days([7])


# --- The daily reminder ----------------------------------------------------------------------

DAILY = [
    # session time, settings, reminder time and day shift, or None
    (time(7, 0), prefs(30), (time(6, 30), 0)),
    (time(7, 0), prefs(0), (time(7, 0), 0)),
    (time(0, 15), prefs(30), (time(23, 45), -1)),  # the evening before
    (time(3, 0), prefs(240), (time(23, 0), -1)),
    (time(0, 15), AROUND_MIDNIGHT, (time(0, 5), 0)),
    (time(0, 15), prefs(30, quiet_start=time(23, 30), quiet_end=time(0, 20)), None),
    (time(7, 0), prefs(30, quiet=(22, 7)), None),
    (time(7, 30), prefs(60, quiet=(22, 7)), (time(7, 0), 0)),
    (time(18, 0), prefs(45, quiet=(13, 14)), (time(17, 15), 0)),
]  # fmt: skip


@pytest.mark.parametrize(("session", "settings", "expected"), DAILY)
def test_daily_reminder_time(
    session: time, settings: ReminderPrefs, expected: tuple[time, int] | None
) -> None:
    reminder = daily_reminder_time(session, settings, "America/New_York")
    if expected is None:
        assert reminder is None
        return
    assert reminder == DailyReminder(expected[0].replace(tzinfo=NEW_YORK), expected[1])
    assert reminder.at.tzinfo == NEW_YORK


def test_no_daily_reminder_when_reminders_are_off() -> None:
    assert daily_reminder_time(time(7), ReminderPrefs(enabled=False), "Asia/Tokyo") is None


def test_a_reminder_the_evening_before_runs_on_the_days_before() -> None:
    reminder = daily_reminder_time(time(0, 15), prefs(30), "Europe/London")
    assert reminder is not None
    # Monday, Wednesday, Saturday sessions: Sunday, Tuesday, Friday evenings.
    assert reminder.run_days([0, 2, 5]) == (0, 2, 5)
    same_day = daily_reminder_time(time(7), prefs(30), "Europe/London")
    assert same_day is not None
    assert same_day.run_days([0, 2, 5]) == (1, 3, 6)


def test_a_firing_the_evening_before_is_about_the_next_day() -> None:
    reminder = daily_reminder_time(time(0, 15), prefs(30), "Europe/London")
    assert reminder is not None
    fired = at(LONDON, 2025, 3, 2, 23, 45)  # a Sunday evening
    assert reminder.session_day(fired) == date(2025, 3, 3)
    assert reminder.moment_for(date(2025, 3, 3)) == fired


def test_a_late_firing_after_midnight_is_still_about_the_same_session() -> None:
    reminder = daily_reminder_time(time(0, 5), prefs(10), "Europe/London")
    assert reminder is not None
    late = at(LONDON, 2025, 3, 3, 0, 2)  # due 23:55 on Sunday, fired 7 minutes late
    assert reminder.session_day(late) == date(2025, 3, 3)
    early = at(LONDON, 2025, 3, 2, 23, 54, 59)
    assert reminder.session_day(early) == date(2025, 3, 3)


def test_a_daily_time_needs_a_zone() -> None:
    with pytest.raises(ValueError, match="time zone"):
        DailyReminder(time(7), 0).moment_for(MONDAY)


# --- Daylight saving: the daily reminder, day by day -----------------------------------------

# (zone, first day, last day, UTC offset in hours before and after the change, day of change)
TRANSITIONS = [
    (LONDON, date(2025, 3, 26), date(2025, 4, 3), 0, 1, date(2025, 3, 30)),
    (LONDON, date(2025, 10, 22), date(2025, 10, 30), 1, 0, date(2025, 10, 26)),
    (NEW_YORK, date(2025, 3, 5), date(2025, 3, 13), -5, -4, date(2025, 3, 9)),
    (NEW_YORK, date(2025, 10, 29), date(2025, 11, 6), -4, -5, date(2025, 11, 2)),
    (TOKYO, date(2025, 3, 26), date(2025, 4, 3), 9, 9, date(2025, 3, 30)),
    (TOKYO, date(2025, 10, 22), date(2025, 10, 30), 9, 9, date(2025, 10, 26)),
]


def days_from(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def cron_fires(reminder: DailyReminder, first: date, last: date) -> list[datetime]:
    """Every instant APScheduler fires the job `run_daily` builds, from `first` to `last`."""
    zone = reminder.at.tzinfo
    trigger = CronTrigger(hour=reminder.at.hour, minute=reminder.at.minute, second=0, timezone=zone)
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    fires: list[datetime] = []
    fire = trigger.get_next_fire_time(None, start)
    while fire.astimezone(UTC) < end:
        fires.append(fire.astimezone(UTC))
        fire = trigger.get_next_fire_time(fire, fire)
    return fires


@pytest.mark.parametrize(("zone", "first", "last", "before", "after", "change"), TRANSITIONS)
def test_a_daily_0700_reminder_fires_once_a_day_at_0700_local(
    zone: ZoneInfo, first: date, last: date, before: int, after: int, change: date
) -> None:
    reminder = daily_reminder_time(time(7, 30), prefs(30), zone.key)
    assert reminder is not None
    days = days_from(first, last)
    moments = [reminder.moment_for(day).astimezone(UTC) for day in days]
    # The UTC instants, from the offsets alone (no time-zone library in the expectation).
    expected = [
        datetime.combine(day, time(7), tzinfo=UTC)
        - timedelta(hours=before if day < change else after)
        for day in days
    ]
    assert moments == expected
    assert [moment.astimezone(zone).time() for moment in moments] == [time(7)] * len(days)
    assert [moment.astimezone(zone).date() for moment in moments] == days
    # And the scheduler PTB drives fires exactly then: once a day, none skipped.
    assert cron_fires(reminder, first, last) == moments


def test_a_time_skipped_by_spring_forward_fires_once_just_after_the_jump() -> None:
    # New York, 9 Mar 2025: 02:30 never shows on the clock; the reminder comes at 03:30 EDT.
    # (01:30 does exist that day in New York: its gap is 02:00-03:00.)
    reminder = daily_reminder_time(time(2, 30), prefs(0), "America/New_York")
    assert reminder is not None
    moment = reminder.moment_for(date(2025, 3, 9))
    assert moment.astimezone(UTC) == utc(2025, 3, 9, 7, 30)
    assert moment.time() == time(3, 30)
    assert cron_fires(reminder, date(2025, 3, 8), date(2025, 3, 10)) == [
        utc(2025, 3, 8, 7, 30),
        utc(2025, 3, 9, 7, 30),
        utc(2025, 3, 10, 6, 30),
    ]


def test_london_0130_skipped_in_spring_comes_at_0230_summer_time() -> None:
    reminder = daily_reminder_time(time(1, 30), prefs(0), "Europe/London")
    assert reminder is not None
    assert reminder.moment_for(date(2025, 3, 30)) == at(LONDON, 2025, 3, 30, 2, 30)
    assert cron_fires(reminder, date(2025, 3, 30), date(2025, 3, 30)) == [utc(2025, 3, 30, 1, 30)]


@pytest.mark.parametrize(
    ("zone", "day", "first", "second"),
    [
        (NEW_YORK, date(2025, 11, 2), utc(2025, 11, 2, 5, 30), utc(2025, 11, 2, 6, 30)),
        (LONDON, date(2025, 10, 26), utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 30)),
    ],
)
def test_a_repeated_0130_is_due_once_though_the_scheduler_fires_twice(
    zone: ZoneInfo, day: date, first: datetime, second: datetime
) -> None:
    # 01:30 happens twice on the autumn day. We mean its first pass; APScheduler 3.11
    # fires at both, and both firings name the same session day, so the job sends once.
    reminder = daily_reminder_time(time(1, 30), prefs(0), zone.key)
    assert reminder is not None
    assert reminder.moment_for(day).astimezone(UTC) == first
    assert cron_fires(reminder, day, day) == [first, second]
    assert reminder.session_day(first) == reminder.session_day(second) == day


@given(session=wall_times, settings=quiet_settings())
def test_daily_reminder_is_never_quiet_nor_after_the_session(
    session: time, settings: ReminderPrefs
) -> None:
    reminder = daily_reminder_time(session, settings, "Europe/London")
    if reminder is None:
        return
    assert not in_quiet_hours(reminder.at, settings)
    as_seconds = (
        reminder.day_shift * 86400
        + reminder.at.hour * 3600
        + reminder.at.minute * 60
        + reminder.at.second
    )
    session_seconds = session.hour * 3600 + session.minute * 60 + session.second
    assert session_seconds - settings.lead_minutes * 60 <= as_seconds <= session_seconds
    assert reminder.day_shift in (0, -1)


# --- Missed sessions -------------------------------------------------------------------------

MON, TUE, WED, THU, FRI, SAT, SUN = (MONDAY + timedelta(days=n) for n in range(7))
NEXT_MON, NEXT_TUE, NEXT_WED = (MONDAY + timedelta(days=n) for n in (7, 8, 9))
PLANNED = (MON, WED, FRI, NEXT_MON, NEXT_WED)


def verdict(
    today: date, active: set[date] | None = None, nudged: set[date] | None = None
) -> MissedVerdict:
    return missed_session_verdict(PLANNED, active or set(), nudged or set(), today)


def test_yesterdays_missed_session_gets_a_nudge() -> None:
    assert verdict(TUE) == MissedVerdict(MissedAction.NUDGE, MON, 1)


def test_a_missed_session_is_nudged_only_once() -> None:
    assert verdict(TUE, nudged={MON}) == NOTHING_TO_SAY


def test_no_late_nudge_for_an_older_miss() -> None:
    assert verdict(WED) == NOTHING_TO_SAY  # Monday was two days ago


def test_no_nudge_when_the_runner_was_active() -> None:
    assert verdict(TUE, active={MON}) == NOTHING_TO_SAY


def test_no_nudge_when_the_runner_is_active_today() -> None:
    assert verdict(TUE, active={TUE}) == NOTHING_TO_SAY


def test_todays_session_is_not_missed_yet() -> None:
    assert verdict(MON) == NOTHING_TO_SAY


def test_todays_session_does_not_make_a_third_miss() -> None:
    assert verdict(NEXT_MON, active={MON}, nudged={WED, FRI}) == NOTHING_TO_SAY


def test_the_second_miss_in_a_row_gets_a_nudge_too() -> None:
    assert verdict(THU, nudged={MON}) == MissedVerdict(MissedAction.NUDGE, WED, 2)


def test_three_misses_in_a_row_bring_one_realignment_offer_instead() -> None:
    offer = verdict(SAT, nudged={MON, WED})
    assert offer == MissedVerdict(MissedAction.REALIGN, FRI, 3)
    assert verdict(SUN, nudged={MON, WED, FRI}) == NOTHING_TO_SAY
    # A fourth miss neither nudges nor offers again: no piling up.
    assert verdict(NEXT_TUE, nudged={MON, WED, FRI}) == NOTHING_TO_SAY


def test_the_offer_still_comes_when_the_day_after_was_missed_too() -> None:
    # The check did not run on Saturday; on Sunday the streak is still there.
    assert verdict(SUN, nudged={MON, WED}) == MissedVerdict(MissedAction.REALIGN, FRI, 3)


def test_an_active_day_resets_the_streak() -> None:
    # Active on Saturday (not a planned day): Monday's miss is the first of a new streak.
    assert verdict(NEXT_TUE, active={SAT}, nudged={MON, WED, FRI}) == MissedVerdict(
        MissedAction.NUDGE, NEXT_MON, 1
    )


def test_an_active_day_inside_breaks_the_run() -> None:
    assert verdict(NEXT_TUE, active={WED}, nudged={MON, FRI}) == MissedVerdict(
        MissedAction.NUDGE, NEXT_MON, 2
    )


def test_future_activity_and_plans_count_for_nothing() -> None:
    later = {NEXT_WED}
    assert verdict(TUE, active=later) == MissedVerdict(MissedAction.NUDGE, MON, 1)


@given(
    planned=st.sets(st.integers(0, 41)),
    active=st.sets(st.integers(0, 41)),
)
def test_a_month_of_daily_checks(planned: set[int], active: set[int]) -> None:
    """Run the check every day, recording what was sent, as the job will."""
    planned_days = sorted(MONDAY + timedelta(days=n) for n in planned)
    active_days = {MONDAY + timedelta(days=n) for n in active}
    spoken: list[date] = []
    offers: list[date] = []
    for n in range(43):
        today = MONDAY + timedelta(days=n)
        known = {day for day in active_days if day <= today}
        result = missed_session_verdict(planned_days, known, spoken, today)
        if result.action is MissedAction.NOTHING:
            continue
        assert result.about is not None
        assert result.about not in spoken  # never twice about one day
        assert result.about in planned_days and result.about not in active_days
        assert today not in active_days
        if result.action is MissedAction.NUDGE:
            assert result.about == today - timedelta(days=1)
        else:
            assert result.missed_in_a_row >= 3
            offers.append(result.about)
        spoken.append(result.about)
    # One offer per streak: an active day comes between any two.
    for earlier, later in pairwise(offers):
        assert any(earlier < day < later for day in active_days)


# --- Snooze and move -------------------------------------------------------------------------


def test_snooze_is_thirty_minutes_by_default() -> None:
    assert snoozed(at(BERLIN, 2025, 6, 2, 6, 30)) == at(BERLIN, 2025, 6, 2, 7, 0)
    assert snoozed(at(BERLIN, 2025, 6, 2, 23, 50), 15) == at(BERLIN, 2025, 6, 3, 0, 5)


def test_snooze_is_real_time_across_spring_forward() -> None:
    woken = snoozed(at(LONDON, 2025, 3, 30, 0, 45))
    assert woken.astimezone(UTC) == utc(2025, 3, 30, 1, 15)
    assert woken.time() == time(2, 15)  # the clock jumped an hour meanwhile


@pytest.mark.parametrize("minutes", [0, -5])
def test_snooze_needs_a_positive_length(minutes: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        snoozed(at(BERLIN, 2025, 6, 2, 6, 30), minutes)


def test_snooze_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        snoozed(datetime(2025, 6, 2, 6, 30))


def week_reverse_days(weekdays: tuple[int, ...]) -> set[date]:
    profile = make_profile(weekdays=weekdays, sessions_per_week=len(weekdays))
    weeks = (MONDAY, MONDAY + timedelta(days=7))
    state = PlanState(1, 1, MONDAY)
    return {
        entry.day
        for start in weeks
        for entry in build_week(profile, state, start)
        if entry.template is not None
    }


@pytest.mark.parametrize(
    ("weekdays", "day", "outcome"),
    [
        ((0, 2, 4), MON, MoveOutcome.BACK_TO_BACK),  # Tuesday then Wednesday
        ((0, 2, 4), WED, MoveOutcome.BACK_TO_BACK),  # Thursday then Friday
        ((0, 2, 4), FRI, MoveOutcome.MOVED),  # Saturday, with Sunday free
        ((0, 3), MON, MoveOutcome.MOVED),
        ((0, 3), THU, MoveOutcome.MOVED),
        ((1, 6), SUN, MoveOutcome.BACK_TO_BACK),  # Monday then next Tuesday
        ((0, 2, 4, 6), FRI, MoveOutcome.MOVED),  # Sunday is an easy day: no pair
    ],
)
def test_move_to_tomorrow_keeps_rest_days(
    weekdays: tuple[int, ...], day: date, outcome: MoveOutcome
) -> None:
    assert moved_to_tomorrow(day, week_reverse_days(weekdays)) is outcome


def test_move_onto_a_day_with_a_session_is_refused() -> None:
    # After an earlier move, Tuesday already carries Monday's session.
    assert moved_to_tomorrow(MON, {MON, TUE, FRI}) is MoveOutcome.TOMORROW_TAKEN


def test_move_onto_an_easy_day_is_fine() -> None:
    profile = make_profile(weekdays=(0, 1, 3), sessions_per_week=3)
    week = build_week(profile, PlanState(1, 1, MONDAY), MONDAY)
    assert [entry.day for entry in week if entry.template is None] == [TUE]
    assert moved_to_tomorrow(MON, week_reverse_days((0, 1, 3))) is MoveOutcome.MOVED


# --- Reading /reminders answers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30 min", 30),
        ("30min", 30),
        ("30m", 30),
        ("45", 45),
        ("0", 0),
        ("1 h", 60),
        ("1h", 60),
        ("an hour", 60),
        ("An hour before, please", 60),
        ("one hour", 60),
        ("1.5 hours", 90),
        ("1h30", 90),
        ("1 h 30", 90),
        ("1 hour 15 minutes", 75),
        ("2 hrs", 120),
        ("half an hour", 30),
        ("an hour and a half", 90),
        ("a quarter of an hour", 15),
        ("thirty minutes", 30),
        ("forty-five mins", 45),
        ("remind me 20 minutes before", 20),
        ("4 hours", 240),
    ],
)
def test_parse_lead(text: str, minutes: int) -> None:
    assert parse_lead(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["", "soon", "min", "hour", "5 hours", "241", "-5", "30-45 min", "30 or 40", "1e999"],
)
def test_parse_lead_refuses(text: str) -> None:
    assert parse_lead(text) is None


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("22-7", (time(22), time(7))),
        ("22:00-07:00", (time(22), time(7))),
        ("22:00 - 07:00", (time(22), time(7))),
        ("22.30–6.45", (time(22, 30), time(6, 45))),
        ("10pm-7am", (time(22), time(7))),
        ("from 10 pm to 7 am", (time(22), time(7))),
        ("between 23 and 6", (time(23), time(6))),
        ("11pm until 6:30am", (time(23), time(6, 30))),
        ("13-14", (time(13), time(14))),
    ],
)
def test_parse_quiet_hours(text: str, window: tuple[time, time]) -> None:
    assert parse_quiet_hours(text) == window


@pytest.mark.parametrize("text", ["off", "None", "no quiet hours", "Turn them off", "never"])
def test_parse_quiet_hours_off(text: str) -> None:
    assert parse_quiet_hours(text) is QUIET_HOURS_OFF


@pytest.mark.parametrize("text", ["", "22", "7-7", "25-7", "late", "22-7-9", "whenever"])
def test_parse_quiet_hours_refuses(text: str) -> None:
    assert parse_quiet_hours(text) is None


PIECES = [
    "1", "30", "1.5", "240", "241", "-", "–", "to", "and", "h", "hr", "hours", "min", "m",
    "an", "a", "half", "hour", "quarter", "of", "22", "7", "10pm", "7am", "22:00", "off",
    "none", "no", "thirty", "forty-five", "1h30", "noon", "evening", " ", "\n", "é", "👍",
]  # fmt: skip
answers = st.one_of(
    st.text(max_size=40), st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join)
)


@given(answers)
def test_parse_lead_never_raises_and_stays_in_range(text: str) -> None:
    minutes = parse_lead(text)
    assert minutes is None or 0 <= minutes <= MAX_LEAD_MINUTES


@given(answers)
def test_parse_quiet_hours_never_raises_and_gives_usable_windows(text: str) -> None:
    window = parse_quiet_hours(text)
    if isinstance(window, tuple):
        start, end = window
        ReminderPrefs(quiet_start=start, quiet_end=end)  # accepted as settings
