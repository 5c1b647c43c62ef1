"""The /calendar export: which sessions go in, and an .ics that reads back with the right
local times, zone and stable UIDs, across a daylight-saving change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.domain.profile import Place
from bot.domain.programme import DayKind, PlanState, build_week
from bot.flows.calendar_file import (
    CalendarSession,
    calendar_file,
    event_uid,
    sessions_for_calendar,
)
from bot.texts import programme as programme_texts
from bot.texts.session_timeline import session_shape
from tests.domain.programme_fixtures import make_profile

NOW = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
MONDAY_17_MARCH = date(2025, 3, 17)
LEVEL_1 = PlanState(1, 1, date(2025, 3, 1))


def read_back(content: bytes) -> tuple[Calendar, list[Event]]:
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.events)


# --- Which sessions ---------------------------------------------------------------------------


def test_four_weeks_of_backward_sessions_on_the_runners_days() -> None:
    profile = make_profile(timezone="Europe/London")
    sessions = sessions_for_calendar(profile, LEVEL_1, MONDAY_17_MARCH)
    days = [session.start.date() for session in sessions]
    assert len(sessions) == 12
    assert {day.weekday() for day in days} == {0, 2, 4}
    assert days[0] == MONDAY_17_MARCH
    assert days[-1] == date(2025, 4, 11)  # the last Friday of the four weeks
    assert all(session.start.time() == time(7) for session in sessions)
    assert all(session.start.tzinfo == ZoneInfo("Europe/London") for session in sessions)


def test_weeks_count_from_today_not_from_monday() -> None:
    wednesday = date(2025, 3, 19)
    sessions = sessions_for_calendar(make_profile(), LEVEL_1, wednesday, weeks=1)
    days = [session.start.date() for session in sessions]
    # Today's session, Friday, then Monday; Wednesday 26th is a week on, past the end.
    assert days == [wednesday, date(2025, 3, 21), date(2025, 3, 24)]


def test_easy_days_are_left_out() -> None:
    # Monday to Thursday, four sessions: two backward days, two easy days.
    profile = make_profile(weekdays=(0, 1, 2, 3), sessions_per_week=4)
    week = build_week(profile, LEVEL_1, MONDAY_17_MARCH)
    easy = {entry.day for entry in week if entry.kind is DayKind.EASY}
    assert easy
    sessions = sessions_for_calendar(profile, LEVEL_1, MONDAY_17_MARCH, weeks=1)
    assert {session.start.date() for session in sessions}.isdisjoint(easy)
    assert len(sessions) == len(week) - len(easy)


def test_the_challenge_falls_where_the_plan_puts_it() -> None:
    profile = make_profile()
    top = PlanState(3, 2, date(2025, 3, 1))
    wednesday = date(2025, 3, 19)  # mid-week: the week still runs from Monday
    sessions = sessions_for_calendar(profile, top, wednesday, weeks=1)
    plan = build_week(profile, top, MONDAY_17_MARCH)
    challenge = next(entry for entry in plan if entry.kind is DayKind.CHALLENGE)
    assert challenge.template is not None
    by_day = {session.start.date(): session for session in sessions}
    assert by_day[challenge.day].shape == session_shape(challenge.template)
    assert by_day[wednesday].shape != by_day[challenge.day].shape


def test_a_session_holds_its_whole_timeline() -> None:
    session = sessions_for_calendar(make_profile(), LEVEL_1, MONDAY_17_MARCH, weeks=1)[0]
    assert session.warm_up_seconds == 300
    assert session.cool_down_seconds == 300
    assert session.seconds > session.warm_up_seconds + session.cool_down_seconds
    assert session.place is Place.TRACK


# --- The file ---------------------------------------------------------------------------------


def test_the_file_reads_back_with_local_times_across_spring_forward() -> None:
    # London changes clocks on 30 March: 07:00 is 07:00 UTC before, 06:00 UTC after.
    profile = make_profile(timezone="Europe/London")
    sessions = sessions_for_calendar(profile, LEVEL_1, MONDAY_17_MARCH)
    calendar, events = read_back(calendar_file(sessions, "Europe/London", NOW))
    assert len(events) == len(sessions)
    for event, session in zip(events, sessions, strict=True):
        start = event.start
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert start.tzinfo == ZoneInfo("Europe/London")
        assert (start.date(), start.time()) == (session.start.date(), time(7))
        offset = 0 if start.date() < date(2025, 3, 30) else 1
        expected_utc = datetime.combine(start.date(), time(7 - offset), tzinfo=UTC)
        assert start.astimezone(UTC) == expected_utc
        assert event.duration == timedelta(seconds=session.seconds)
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()
    observances = {part.name for part in calendar.timezones[0].subcomponents}
    assert observances == {"STANDARD", "DAYLIGHT"}


def test_the_file_reads_back_across_fall_back_in_new_york() -> None:
    profile = make_profile(timezone="America/New_York")
    sessions = sessions_for_calendar(profile, LEVEL_1, date(2025, 10, 20))
    _, events = read_back(calendar_file(sessions, "America/New_York", NOW))
    utc_hours = {event.start.date(): event.start.astimezone(UTC).hour for event in events}
    assert all(event.start.time() == time(7) for event in events)
    assert utc_hours[date(2025, 10, 31)] == 11  # EDT
    assert utc_hours[date(2025, 11, 3)] == 12  # EST


def test_events_say_what_the_session_is() -> None:
    session = sessions_for_calendar(make_profile(), LEVEL_1, MONDAY_17_MARCH, weeks=1)[0]
    _, (event,) = read_back(calendar_file([session], "Europe/Berlin", NOW))
    assert event["SUMMARY"] == f"Backstride: {session.shape}"
    description = str(event["DESCRIPTION"])
    assert session.shape in description
    assert "5 min warm-up walk" in description
    assert "5 min cool-down walk" in description
    assert programme_texts.PLACE_SETUP["track"] in description
    assert programme_texts.PAIN_RULE in description


def test_uids_are_stable_so_a_reimport_updates() -> None:
    profile = make_profile()
    first = sessions_for_calendar(profile, LEVEL_1, MONDAY_17_MARCH)
    # A week later the runner has moved up: same days, new sessions, same UIDs.
    later = sessions_for_calendar(profile, PlanState(2, 1, MONDAY_17_MARCH), MONDAY_17_MARCH)
    _, before = read_back(calendar_file(first, "Europe/Berlin", NOW))
    _, after = read_back(calendar_file(later, "Europe/Berlin", NOW + timedelta(days=7)))
    uids = [str(event["UID"]) for event in before]
    assert uids == [str(event["UID"]) for event in after]
    assert len(set(uids)) == len(uids)
    assert uids[0] == event_uid(1, MONDAY_17_MARCH) == "1-2025-03-17@backstride"
    assert [event["SUMMARY"] for event in before] != [event["SUMMARY"] for event in after]
    assert before[0].stamp == NOW
    assert after[0].stamp == NOW + timedelta(days=7)


def test_each_runner_has_their_own_uids() -> None:
    assert event_uid(1, MONDAY_17_MARCH) != event_uid(2, MONDAY_17_MARCH)


def test_the_same_sessions_give_the_same_file() -> None:
    sessions = sessions_for_calendar(make_profile(), LEVEL_1, MONDAY_17_MARCH)
    assert calendar_file(sessions, "Europe/Berlin", NOW) == calendar_file(
        sessions, "Europe/Berlin", NOW
    )


def test_a_zone_without_daylight_saving() -> None:
    sessions = sessions_for_calendar(make_profile(timezone="Asia/Tokyo"), LEVEL_1, NOW.date())
    calendar, events = read_back(calendar_file(sessions, "Asia/Tokyo", NOW))
    assert {event.start.astimezone(UTC).time() for event in events} == {time(22)}
    assert {part.name for part in calendar.timezones[0].subcomponents} == {"STANDARD"}


def test_utc_needs_no_vtimezone() -> None:
    sessions = sessions_for_calendar(make_profile(timezone="UTC"), LEVEL_1, MONDAY_17_MARCH)
    content = calendar_file(sessions, "UTC", NOW)
    calendar, events = read_back(content)
    assert calendar.timezones == []
    assert b"DTSTART:20250317T070000Z" in content
    assert all(event.start.time() == time(7) for event in events)


def test_starts_are_written_in_the_zone_asked_for() -> None:
    session = CalendarSession(
        user_id=7,
        start=datetime(2025, 6, 2, 7, 0, tzinfo=UTC),
        seconds=1170,  # 19.5 min, rounded up
        shape="6 × 30 s reverse jog / 1 min walk",
        place=Place.PARK,
        warm_up_seconds=300,
        cool_down_seconds=300,
    )
    _, (event,) = read_back(calendar_file([session], "Europe/Berlin", NOW))
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.start.time() == time(9)
    assert "About 20 min in all, in the park." in str(event["DESCRIPTION"])


def test_a_start_the_clock_skips_is_written_as_the_moment_after_the_jump() -> None:
    # New York, Sunday 9 March 2025 at 02:30 does not exist; the reminder fires at 03:30.
    profile = make_profile(
        timezone="America/New_York", weekdays=(6,), sessions_per_week=1, session_time=time(2, 30)
    )
    sessions = sessions_for_calendar(profile, LEVEL_1, date(2025, 3, 3), weeks=1)
    _, (event,) = read_back(calendar_file(sessions, "America/New_York", NOW))
    assert event.start.time() == time(3, 30)
    assert event.start.astimezone(UTC) == datetime(2025, 3, 9, 7, 30, tzinfo=UTC)


def test_no_sessions_is_still_a_calendar() -> None:
    calendar, events = read_back(calendar_file([], "Europe/London", NOW))
    assert events == []
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.calendar_name == "Backstride"
