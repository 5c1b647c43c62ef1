"""Reminders end to end: jobs at the runner's local time (DST included), the buttons under a
reminder, quiet hours, missed-session nudges, realignment, restarts and /calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from telegram.ext import Job

from bot.domain.profile import Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.flows.reminders.jobs import reminder_job_name, send_reminder, sync_reminders
from bot.storage.reminders import ReminderKind
from bot.texts import calendar as calendar_texts
from bot.texts import reminders as reminder_texts
from tests.support.harness import ChatRunner, Coach, texts
from tests.support.live_session import TRACK_JOGGER, register, replies

CHAT = TRACK_JOGGER.user_id


async def _runner_with_reminders(coach: Coach, profile: Profile = TRACK_JOGGER) -> ChatRunner:
    runner = await register(coach, profile)
    today = datetime.now(ZoneInfo(profile.timezone)).date()
    await coach.services.plans.start(
        profile.user_id,
        PlanState.starting(1, today),
        Reason(Cause.START_OCCASIONAL),
        datetime.now(UTC),
    )
    await sync_reminders(coach.app, profile.user_id)
    return runner


def _job(coach: Coach, kind: str) -> Job[Any]:
    [job] = [
        job
        for job in coach.app.job_queue.jobs()  # type: ignore[union-attr]
        if job.name is not None and job.name.split(":")[1] == kind
    ]
    return job


async def _daily_job_of_runner(coach: Coach) -> Job[Any]:
    """The group job that reminds this runner (older groups may linger, empty)."""
    [row] = [
        row
        for row in await coach.services.reminders.of_runner(CHAT)
        if row.kind is ReminderKind.DAILY
    ]
    [job] = coach.app.job_queue.get_jobs_by_name(reminder_job_name(row))  # type: ignore[union-attr]
    return job


def _sent(coach: Coach) -> list[str]:
    return [
        str(call.params["text"])
        for call in coach.emulator.calls
        if call.method == "sendMessage" and call.params.get("chat_id") == CHAT
    ]


@pytest.mark.parametrize(
    ("zone", "session"),
    [("Europe/London", time(18, 0)), ("America/New_York", time(7, 0)), ("Asia/Tokyo", time(6, 30))],
)
async def test_the_reminder_is_due_at_the_runners_local_time(
    coach: Coach, zone: str, session: time
) -> None:
    profile = replace(TRACK_JOGGER, timezone=zone, session_time=session)
    await _runner_with_reminders(coach, profile)
    next_run = _job(coach, "daily").next_t
    assert next_run is not None
    local = next_run.astimezone(ZoneInfo(zone))
    expected = (datetime.combine(local.date(), session) - timedelta(minutes=30)).time()
    assert local.time() == expected
    assert local.weekday() in {1, 3, 5}  # Tue, Thu, Sat (the reminder is on the same day)


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [
        ("Europe/London", date(2026, 3, 29), date(2026, 10, 25)),
        ("America/New_York", date(2026, 3, 8), date(2026, 11, 1)),
    ],
)
async def test_the_scheduled_job_fires_once_at_local_time_across_both_dst_changes(
    coach: Coach, zone: str, spring: date, autumn: date
) -> None:
    every_day = (0, 1, 2, 3, 4, 5, 6)
    profile = replace(TRACK_JOGGER, timezone=zone, weekdays=every_day, sessions_per_week=4)
    await _runner_with_reminders(coach, profile)
    trigger = _job(coach, "checkup").job.trigger  # every day at 10:00 local
    for change in (spring, autumn):
        moment = datetime.combine(change - timedelta(days=1), time(12), tzinfo=ZoneInfo(zone))
        fires = []
        for _ in range(3):
            moment = trigger.get_next_fire_time(None, moment + timedelta(seconds=1))
            fires.append(moment)
        local = [fire.astimezone(ZoneInfo(zone)) for fire in fires]
        assert [fire.time() for fire in local] == [time(10, 0)] * 3
        assert [fire.date() for fire in local] == [change + timedelta(days=i) for i in range(3)]


def _next(weekday: int) -> date:
    today = datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


async def _remind(coach: Coach, weekday: int = 1) -> None:
    """What the daily job does on a session day (by default the next Tuesday)."""
    await send_reminder(coach.app, CHAT, _next(weekday))


async def test_the_daily_job_sends_the_reminder(coach: Coach) -> None:
    await _runner_with_reminders(coach)
    await _job(coach, "daily").run(coach.app)
    assert [text[:1] for text in _sent(coach)] == ["⏰"]


async def test_a_reminder_has_the_session_and_its_buttons_and_is_sent_once(
    coach: Coach,
) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    await _remind(coach)  # a second firing for the same day (a repeated autumn hour)
    reminders = [text for text in _sent(coach) if text.startswith("⏰")]
    assert len(reminders) == 1
    assert "5 × 25 s reverse jog / 1 min walk on the track" in reminders[0]
    assert runner.buttons(runner.last_keyboard_message()) == [
        "▶️ Start now",
        "😴 Snooze 30 min",
        "Skip today",
        "Move to tomorrow",
        "⌚ Send to my watch",
    ]


async def test_start_now_goes_into_the_safety_check(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    [question] = texts(replies(await runner.tap("Start now")))
    assert question.startswith("Quick safety check before we start.")


async def test_snooze_schedules_one_more_reminder(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    [answer] = texts(replies(await runner.tap("Snooze")))
    assert answer.startswith("Okay, I'll remind you again at ")
    once = _job(coach, "once")
    await once.run(coach.app)
    assert len([text for text in _sent(coach) if text.startswith("⏰")]) == 2
    rows = await coach.services.reminders.of_runner(CHAT)
    assert [row.kind.value for row in rows] == ["checkup", "daily"]


async def test_skip_today_silences_that_day(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    assert texts(replies(await runner.tap("Skip today"))) == [reminder_texts.SKIPPED]
    await runner.tap("Snooze")  # the snoozed reminder of a skipped day stays silent
    await _job(coach, "once").run(coach.app)
    assert len([text for text in _sent(coach) if text.startswith("⏰")]) == 1


async def test_move_to_tomorrow_reminds_tomorrow(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach, weekday=5)  # Saturday: Sunday and Monday are free
    [answer] = texts(replies(await runner.tap("Move to tomorrow")))
    assert answer == reminder_texts.MOVED.format(time="18:00")
    await _job(coach, "once").run(coach.app)
    assert len([text for text in _sent(coach) if text.startswith("⏰")]) == 2
    assert await send_reminder(coach.app, CHAT, _next(5)) is False  # moved away


async def test_a_move_that_makes_back_to_back_days_is_refused(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)  # Tuesday: Wednesday then Thursday's session would be a pair
    assert texts(replies(await runner.tap("Move to tomorrow"))) == [
        reminder_texts.MOVE_BACK_TO_BACK
    ]


async def test_quiet_hours_move_an_early_reminder_to_their_end(coach: Coach) -> None:
    profile = replace(TRACK_JOGGER, session_time=time(7, 15))
    runner = await _runner_with_reminders(coach, profile)
    [summary] = texts(await runner.send("/reminders quiet 22-7"))
    assert "Quiet hours: 22:00–07:00." in summary
    next_run = (await _daily_job_of_runner(coach)).next_t
    assert next_run is not None
    assert next_run.astimezone(ZoneInfo(profile.timezone)).time() == time(7, 0)


async def test_reminders_can_be_turned_off_and_the_lead_changed(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    [summary] = texts(await runner.send("/reminders lead 45"))
    assert summary.startswith("Reminders: on, 45 min before each session.")
    await runner.tap("Turn off")
    kinds = [row.kind for row in await coach.services.reminders.of_runner(CHAT)]
    assert kinds == [ReminderKind.CHECKUP]
    for job in coach.app.job_queue.jobs():  # type: ignore[union-attr]
        if job.name and job.name.startswith("reminders:daily:"):
            await job.run(coach.app)  # the old group finds nobody to remind
    assert not [text for text in _sent(coach) if text.startswith("⏰")]
    assert texts(await runner.send("/reminders sometimes")) == [reminder_texts.NOT_UNDERSTOOD]


async def _runner_who_missed(coach: Coach, weeks: int) -> ChatRunner:
    """Sessions on yesterday's weekday and three days later; the plan started long enough ago."""
    zone = ZoneInfo(TRACK_JOGGER.timezone)
    yesterday = datetime.now(zone).date() - timedelta(days=1)
    days = tuple(sorted({yesterday.weekday(), (yesterday.weekday() + 3) % 7}))
    profile = replace(TRACK_JOGGER, weekdays=days, sessions_per_week=2)
    runner = await register(coach, profile)
    started = yesterday - timedelta(days=7 * weeks - 6) if weeks else yesterday - timedelta(days=1)
    await coach.services.plans.start(
        CHAT, PlanState(1, 2, started), Reason(Cause.START_OCCASIONAL), datetime.now(UTC)
    )
    await sync_reminders(coach.app, CHAT)
    return runner


async def test_a_missed_session_gets_one_gentle_nudge(coach: Coach) -> None:
    await _runner_who_missed(coach, weeks=0)
    checkup = _job(coach, "checkup")
    await checkup.run(coach.app)
    await checkup.run(coach.app)
    assert _sent(coach) == [reminder_texts.NUDGE]


async def test_three_misses_in_a_row_offer_realignment(coach: Coach) -> None:
    runner = await _runner_who_missed(coach, weeks=3)
    await _job(coach, "checkup").run(coach.app)
    [offer] = _sent(coach)
    assert offer.startswith("You've missed ")
    [answer] = texts(replies(await runner.tap("One step back")))
    assert answer.startswith("You missed a few sessions in a row, so we ease back in")
    plan = await coach.services.plans.get(CHAT)
    assert plan is not None
    assert (plan.state.level, plan.state.stage) == (1, 1)


async def test_a_runner_who_blocked_the_bot_gets_no_reminder(coach: Coach) -> None:
    await _runner_with_reminders(coach)
    await coach.services.runners.mark_unreachable(CHAT)
    await _remind(coach)
    assert _sent(coach) == []


async def test_restarts_rebuild_exactly_the_stored_jobs(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    await runner.tap("Snooze")
    for _ in range(2):
        await coach.restart()
        names = sorted(job.name or "" for job in coach.app.job_queue.jobs())  # type: ignore[union-attr]
        rows = await coach.services.reminders.to_schedule()
        assert len(names) == len(rows) == 3
        assert sorted(name.split(":")[1] for name in names) == ["checkup", "daily", "once"]


async def test_calendar_sends_four_weeks_that_parse_back_at_local_times(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    call, note = await runner.send("/calendar")
    assert call.method == "sendDocument"
    assert note.params["text"] == calendar_texts.NO_FEED  # polling mode: a file, no feed
    content = coach.emulator.files.contents[
        call.result["document"]["file_id"]  # type: ignore[index]
    ]
    calendar = icalendar.Calendar.from_ical(content)
    events = list(calendar.walk("VEVENT"))
    assert 11 <= len(events) <= 13  # three a week for four weeks
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None
        assert start.astimezone(ZoneInfo("Europe/London")).time() == time(18, 0)
