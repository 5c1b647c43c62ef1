"""Reminders end to end: jobs at the runner's local time (DST included), the buttons under a
reminder, quiet hours, missed-session nudges, realignment, restarts and /calendar."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from telegram.ext import Job

from bot.domain.profile import Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.flows.reminders.jobs import add_one_off, reminder_job_name, send_reminder, sync_reminders
from bot.storage.reminders import ReminderKind
from bot.texts import calendar as calendar_texts
from bot.texts import exactly_once as once_texts
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
    [job] = coach.app.job_queue.get_jobs_by_name(reminder_job_name(row, coach.services.jobs))  # type: ignore[union-attr]
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
    # The keyboard is spent: a snooze after the skip is answered and schedules nothing.
    snoozed = await runner.tap("Snooze")
    assert [call.params.get("text") for call in snoozed] == []
    assert not [job for job in coach.app.job_queue.jobs() if job.name.startswith("reminder:")]  # type: ignore[union-attr]
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
    [change] = texts(await runner.send("/reminders quiet 22-7"))
    assert change == "✅ Quiet hours now 22:00–07:00: no reminders then."
    next_run = (await _daily_job_of_runner(coach)).next_t
    assert next_run is not None
    assert next_run.astimezone(ZoneInfo(profile.timezone)).time() == time(7, 0)


async def test_reminders_can_be_turned_off_and_the_lead_changed(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    [change] = texts(await runner.send("/reminders lead 45"))
    assert change == "✅ Now 45 min before each session."
    assert texts(replies(await runner.tap("Turn off"))) == [reminder_texts.CHANGED_OFF]
    kinds = [row.kind for row in await coach.services.reminders.of_runner(CHAT)]
    assert kinds == [ReminderKind.CHECKUP]
    for job in coach.app.job_queue.jobs():  # type: ignore[union-attr]
        if job.name and job.name.startswith("reminders:daily:"):
            await job.run(coach.app)  # the old group finds nobody to remind
    assert not [text for text in _sent(coach) if text.startswith("⏰")]
    assert texts(await runner.send("/reminders sometimes")) == [reminder_texts.NOT_UNDERSTOOD]


async def _runner_who_missed(
    coach: Coach, weeks: int, state: tuple[int, int] = (1, 2)
) -> ChatRunner:
    """Sessions on yesterday's weekday and three days later; the plan started long enough ago."""
    zone = ZoneInfo(TRACK_JOGGER.timezone)
    yesterday = datetime.now(zone).date() - timedelta(days=1)
    days = tuple(sorted({yesterday.weekday(), (yesterday.weekday() + 3) % 7}))
    profile = replace(TRACK_JOGGER, weekdays=days, sessions_per_week=2)
    runner = await register(coach, profile)
    started = yesterday - timedelta(days=7 * weeks - 6) if weeks else yesterday - timedelta(days=1)
    await coach.services.plans.start(
        CHAT, PlanState(*state, started), Reason(Cause.START_OCCASIONAL), datetime.now(UTC)
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
        jobs = coach.app.job_queue.jobs()  # type: ignore[union-attr]
        names = sorted(job.name for job in jobs if job.name.startswith("reminder"))
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


async def test_reminder_settings_say_the_change_mark_the_choice_and_give_ranges(
    coach: Coach,
) -> None:
    runner = await _runner_with_reminders(coach)
    await runner.send("/reminders")
    settings = runner.last_keyboard_message()

    [change] = texts(replies(await runner.tap("60 min before", settings)))
    edited = runner.inbox()[-2] if runner.inbox()[-1]["text"] == change else settings
    [too_long] = texts(await runner.send("/reminders lead 500"))

    assert change == "✅ Now 60 min before each session."
    assert "✓ 60 min before" in runner.buttons(edited)
    assert "✓ No quiet hours" in runner.buttons(edited)
    assert too_long == (
        "Reminders come 0 to 240 minutes before a session (up to 4 hours): "
        "for example /reminders lead 45."
    )
    assert (await coach.services.reminders.prefs(CHAT)).lead_minutes == 60


async def test_a_snooze_past_the_start_offers_to_move_and_the_reminder_says_the_new_time(
    coach: Coach,
) -> None:
    zone = ZoneInfo(TRACK_JOGGER.timezone)
    soon = datetime.now(zone) + timedelta(minutes=10)
    if soon.date() != datetime.now(zone).date() or soon.hour == 23:
        pytest.skip("the session would start tomorrow or leave no later slot today")
    today = soon.date()
    profile = replace(
        TRACK_JOGGER,
        session_time=soon.time().replace(second=0, microsecond=0),
        weekdays=(today.weekday(),),
        sessions_per_week=2,
    )
    runner = await _runner_with_reminders(coach, profile)
    await send_reminder(coach.app, CHAT, today)
    start = profile.session_time.strftime("%H:%M")

    [offer] = texts(replies(await runner.tap("Snooze")))
    later = next(
        label for label in runner.buttons(runner.last_keyboard_message()) if "today" in label
    )
    [moved] = texts(replies(await runner.tap(later)))
    await _job(coach, "once").run(coach.app)

    at = later.removeprefix("Move to ").removesuffix(" today")
    assert (
        offer
        == f"Snoozing 30 min would take you past your {start} start. Move today's session instead?"
    )
    assert moved == f"Moved to {at} today. I'll remind you then."
    assert _sent(coach)[-1].startswith(f"⏰ Backwards session at {at}: ")


def _spinner_texts(coach: Coach) -> list[str]:
    return [
        str(call.params.get("text") or "")
        for call in coach.emulator.calls
        if call.method == "answerCallbackQuery"
    ]


async def test_a_step_back_offer_taken_once_ignores_later_taps(coach: Coach) -> None:
    runner = await _runner_who_missed(coach, weeks=3, state=(3, 2))
    await _job(coach, "checkup").run(coach.app)
    offer = runner.last_keyboard_message()
    await runner.tap("One step back", offer)
    for _ in range(2):
        assert await runner.tap("One step back", offer) == []
    plan = await coach.services.plans.get(CHAT)
    assert plan is not None
    assert (plan.state.level, plan.state.stage) == (3, 1)
    assert _spinner_texts(coach)[-2:] == [once_texts.OFFER_ALREADY_ANSWERED] * 2


async def test_snoozing_a_snoozed_reminder_changes_nothing(coach: Coach) -> None:
    runner = await _runner_with_reminders(coach)
    await _remind(coach)
    reminder = runner.last_keyboard_message()
    await runner.tap("Snooze", reminder)
    assert await runner.tap("Snooze", reminder) == []
    once = [row for row in await coach.services.reminders.of_runner(CHAT) if row.due_at]
    assert len(once) == 1
    assert len([name for name in coach.services.jobs.names() if "once" in name]) == 1
    assert _spinner_texts(coach)[-1] == once_texts.OFFER_ALREADY_ANSWERED


async def _one_off_overdue_by(coach: Coach, minutes: float, session_day: date) -> None:
    """A one-off reminder that fell due `minutes` ago, while the bot was down."""
    await coach.stop()
    due = datetime.now(UTC).timestamp() - minutes * 60
    coach.application = None
    await coach.start()
    await add_one_off(coach.app, CHAT, due, session_day)
    await coach.restart()


def _session_far_from_now(profile: Profile = TRACK_JOGGER) -> Profile:
    """The runner's sessions 12 hours from now: no daily reminder falls due (and is caught
    up at a restart) while a test runs, whatever the hour CI runs it at."""
    later = datetime.now(ZoneInfo(profile.timezone)) + timedelta(hours=12)
    return replace(profile, session_time=time(later.hour, 0))


async def test_an_overdue_one_off_for_a_past_session_is_deleted_across_restarts(
    coach: Coach,
) -> None:
    await _runner_with_reminders(coach, _session_far_from_now())
    yesterday = datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date() - timedelta(days=1)
    await _one_off_overdue_by(coach, 60 * 30, yesterday)
    for _ in range(2):
        once = [row for row in await coach.services.reminders.of_runner(CHAT) if row.due_at]
        assert once == []
        assert not [name for name in coach.services.jobs.names() if "once" in name]
        await coach.restart()
    assert not [text for text in _sent(coach) if text.startswith("⏰")]


async def test_an_overdue_one_off_for_a_session_still_ahead_is_sent_once(coach: Coach) -> None:
    await _runner_with_reminders(coach, _session_far_from_now())
    await _one_off_overdue_by(coach, 20, _next(1))
    await coach.restart()
    assert len([text for text in _sent(coach) if text.startswith("⏰")]) == 1
    assert [row for row in await coach.services.reminders.of_runner(CHAT) if row.due_at] == []


async def test_a_reminder_that_could_not_be_sent_is_sent_by_the_next_firing(coach: Coach) -> None:
    await _runner_with_reminders(coach)
    coach.emulator.fail_next(500, method="sendMessage", times=20)
    await _remind(coach)
    coach.emulator.faults.clear()
    await _remind(coach)
    await _remind(coach)
    delivered = [
        call
        for call in coach.emulator.calls
        if call.ok and call.method == "sendMessage" and str(call.params["text"]).startswith("⏰")
    ]
    assert len(delivered) == 1


async def test_a_restart_just_after_the_reminder_was_due_sends_it_once(coach: Coach) -> None:
    zone = ZoneInfo(TRACK_JOGGER.timezone)
    now = datetime.now(zone)
    # A session 30 min after "5 minutes ago", today: its reminder fell due while we were down.
    session = (now - timedelta(minutes=5) + timedelta(minutes=30)).time().replace(second=0)
    profile = replace(TRACK_JOGGER, weekdays=(now.weekday(),), session_time=session)
    await _runner_with_reminders(coach, profile)
    for _ in range(2):
        await coach.restart()
        await asyncio.sleep(0.2)
    assert len([text for text in _sent(coach) if text.startswith("⏰")]) == 1
