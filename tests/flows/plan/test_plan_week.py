"""/plan knows today: the week from the day the runner joined, each day done, missed, today or
upcoming, totals that agree with /progress, and a session moved from under a reminder.

The bot's clock is placed with `Coach.set_time`. The JobQueue keeps real time, so it is
paused: a job the bot schedules (a check-in after a log, a moved session's reminder) runs
only when the test runs it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from bot.domain.profile import Experience, Goal, Place, Profile
from bot.flows.reminders.jobs import send_reminder
from bot.texts import programme as programme_texts
from tests.domain.programme_fixtures import make_profile
from tests.support.harness import ChatRunner, Coach, texts

# 64, new to running, knee goal: backward walking, 10 × 30 s (5 min backwards), in the park
# at 18:00 London time (UTC in winter). Mon/Wed/Fri backwards, Sunday an easy day.
WALKER = make_profile(
    user_id=51,
    age=64,
    experience=Experience.NONE,
    weekly_km=0,
    goals=frozenset({Goal.KNEE}),
    places=frozenset({Place.PARK}),
    sessions_per_week=4,
    weekdays=(0, 2, 4, 6),
    session_time=time(18, 0),
    timezone="Europe/London",
)
SESSION = "10 × 30 s reverse walk / 30 s walk (5 min backwards)"
EASY_NOTE = programme_texts.DAY_NOTES["easy_walker"]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


async def _join(coach: Coach, profile: Profile) -> ChatRunner:
    """A runner who finished onboarding at the coach's time: known, with a profile and a plan
    (their first /plan starts it)."""
    assert coach.app.job_queue is not None
    coach.app.job_queue.scheduler.pause()
    now = coach.services.now()
    await coach.services.runners.record_contact(profile.user_id, profile.user_id, "Ana", now)
    await coach.services.profiles.save(profile, now)
    runner = coach.runner(profile.user_id)
    await runner.send("/plan")
    return runner


async def _plan(runner: ChatRunner) -> list[str]:
    [reply] = texts(await runner.send("/plan"))
    return reply.split("\n\n")


def _section(blocks: list[str], header: str) -> list[str]:
    [section] = [block for block in blocks if block.startswith(header)]
    return section.splitlines()


async def test_a_runner_who_joined_on_thursday_sees_the_week_from_thursday(
    coach: Coach,
) -> None:
    # Tue/Thu/Sat: Tuesday's session was before they joined, so it is neither shown nor counted.
    thursday = date(2025, 12, 4)
    coach.set_time(_at(thursday, 9))
    runner = await _join(coach, replace(WALKER, weekdays=(1, 3, 5)))

    blocks = await _plan(runner)

    assert _section(blocks, "This week") == [
        "This week, from Thu 4 Dec when you joined",
        f"👉 Thu 4 Dec (today): {SESSION}",
        f"▫️ Sat 6 Dec: {SESSION}",
        "Backwards this week: 0 min done, 10 min still planned.",
    ]
    assert _section(blocks, "Next session")[0] == "Next session: today at 18:00, in the park"


async def test_mid_week_each_day_says_done_missed_today_or_upcoming_and_the_total_is_progress_s(
    coach: Coach,
) -> None:
    coach.set_time(_at(date(2025, 11, 27), 9))  # joined last Thursday
    runner = await _join(coach, WALKER)
    coach.set_time(_at(date(2025, 12, 1), 19))  # Monday evening: done, no pain
    await runner.send("/log 5 min effort 4 pain 0")
    coach.set_time(_at(date(2025, 12, 5), 12))  # Friday; Wednesday's was missed

    blocks = await _plan(runner)
    [progress] = texts(await runner.send("/progress"))

    assert _section(blocks, "This week") == [
        "This week",
        "✅ Mon 1 Dec: done, 5 min backwards · effort 4 · pain 0",
        "➖ Wed 3 Dec: missed",
        f"👉 Fri 5 Dec (today): {SESSION}",
        "▫️ Sun 7 Dec: easy day",
        "Backwards this week: 5 min done, 5 min still planned.",
        EASY_NOTE,
    ]
    assert "Backwards: 5 min this week," in progress


async def test_today_s_session_once_logged_is_done_and_the_next_one_is_next(
    coach: Coach,
) -> None:
    coach.set_time(_at(date(2025, 11, 27), 9))
    runner = await _join(coach, WALKER)
    coach.set_time(_at(date(2025, 12, 3), 10))  # Wednesday morning, before 18:00
    await runner.send("/log 6 min effort 5 pain 1")

    blocks = await _plan(runner)

    assert _section(blocks, "This week")[2:3] == [
        "✅ Wed 3 Dec (today): done, 6 min backwards · effort 5 · pain 1"
    ]
    assert _section(blocks, "This week")[-2] == (
        "Backwards this week: 6 min done, 5 min still planned."
    )
    assert (
        _section(blocks, "Next session")[0]
        == "Next session: Friday 5 December at 18:00, in the park"
    )


# Mon/Thu at 08:00: a reminder at 07:50 on Monday, snoozed, would land past the start.
EARLY_BIRD = replace(
    WALKER, user_id=52, weekdays=(0, 3), sessions_per_week=2, session_time=time(8, 0)
)
MONDAY = date(2025, 12, 1)


async def _snoozed_past_the_start(coach: Coach) -> ChatRunner:
    coach.set_time(_at(MONDAY, 7, 50))
    runner = await _join(coach, EARLY_BIRD)
    assert await send_reminder(coach.app, EARLY_BIRD.user_id, MONDAY)
    await runner.tap("Snooze")
    return runner


async def _next_reminder(coach: Coach) -> str:
    """Run the one-off reminder the move scheduled; the text it sent."""
    assert coach.app.job_queue is not None
    [job] = [job for job in coach.app.job_queue.jobs() if "reminder:once" in (job.name or "")]
    first_new = len(coach.emulator.calls)
    await job.run(coach.app)
    [reminder] = texts(coach.emulator.calls[first_new:])
    return reminder


async def test_a_session_moved_to_tomorrow_is_where_plan_and_the_reminder_put_it(
    coach: Coach,
) -> None:
    runner = await _snoozed_past_the_start(coach)
    await runner.tap("Move to tomorrow")

    blocks = await _plan(runner)

    assert _section(blocks, "This week")[1:] == [
        "↪️ Mon 1 Dec (today): moved to Tue",
        f"▫️ Tue 2 Dec (moved from Mon): {SESSION}",
        f"▫️ Thu 4 Dec: {SESSION}",
        "Backwards this week: 0 min done, 10 min still planned.",
    ]
    assert _section(blocks, "Next session")[0] == "Next session: tomorrow at 08:00, in the park"
    assert (await _next_reminder(coach)).startswith("⏰ Backwards session at 08:00: ")


async def test_a_session_moved_later_today_is_at_its_new_time_in_plan_and_the_reminder(
    coach: Coach,
) -> None:
    runner = await _snoozed_past_the_start(coach)
    await runner.tap("Move to 08:20 today")

    blocks = await _plan(runner)

    assert _section(blocks, "This week")[1] == f"👉 Mon 1 Dec (today, moved to 08:20): {SESSION}"
    assert _section(blocks, "Next session")[0] == "Next session: today at 08:20, in the park"
    assert (await _next_reminder(coach)).startswith("⏰ Backwards session at 08:20: ")
