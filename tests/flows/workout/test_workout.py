"""/workout end to end: the file of the plan's next session, the buttons under the timeline
and a reminder, treadmill speeds, a plan change, and the activity that comes back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.profile import Place, Profile
from bot.domain.programme import Cause, PlanState, Reason, current_template
from bot.domain.watch_workout import workout_items
from bot.emulator.botapi import ApiCall
from bot.flows.plan.coaching import next_session
from bot.flows.reminders.jobs import send_reminder
from bot.flows.workout.handlers import workout_name
from bot.storage.reminders import DayMark
from bot.storage.session_logs import LogSource
from bot.texts import workout as texts
from bot.texts.session_timeline import build_session_timeline
from tests.support.fit_workouts import DecodedWorkout, activity_fit, decoded_workout, expanded
from tests.support.harness import ChatRunner, Coach
from tests.support.live_session import TRACK_JOGGER, pass_safety_check, register

CHAT = TRACK_JOGGER.user_id
LONDON = ZoneInfo(TRACK_JOGGER.timezone)
TREADMILL_WALKER = replace(TRACK_JOGGER, user_id=502, places=frozenset({Place.TREADMILL}))


async def _planned_runner(coach: Coach, profile: Profile = TRACK_JOGGER) -> ChatRunner:
    runner = await register(coach, profile)
    today = datetime.now(LONDON).date()
    await coach.services.plans.start(
        profile.user_id, PlanState.starting(1, today), Reason(Cause.START_RUNNER), datetime.now(UTC)
    )
    return runner


def _file_of(coach: Coach, call: ApiCall) -> bytes:
    assert call.method == "sendDocument"
    return coach.emulator.files.contents[call.result["document"]["file_id"]]  # type: ignore[index]


def _steps(decoded: DecodedWorkout) -> list[tuple[str, int]]:
    return [(step.kind.value, step.seconds) for step in expanded(decoded.items)]


async def test_workout_sends_the_next_session_as_a_fit_file(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [call] = await runner.send("/workout")
    today = datetime.now(LONDON).date()
    upcoming = next_session(TRACK_JOGGER, PlanState.starting(1, today), datetime.now(UTC))
    decoded = decoded_workout(_file_of(coach, call))
    assert decoded.name == workout_name(upcoming.day)
    assert _steps(decoded) == [(s.kind.value, s.seconds) for s in upcoming.steps]
    assert decoded.items == workout_items(upcoming.steps)
    assert call.params["filename"] == f"backstride-{upcoming.day.isoformat()}.fit"
    assert str(call.params["caption"]).startswith("⌚ Your session as a watch workout: 5 × 25 s")


async def test_workout_sends_the_next_session_where_the_runner_moved_it(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    today = datetime.now(LONDON).date()
    planned = next_session(TRACK_JOGGER, PlanState.starting(1, today), datetime.now(UTC)).day
    moved = planned + timedelta(days=1)
    # What "Move to tomorrow" under the reminder stores.
    await coach.services.reminders.mark(CHAT, planned, DayMark.MOVED_AWAY)
    await coach.services.reminders.mark(CHAT, moved, DayMark.MOVED_HERE)

    [call] = await runner.send("/workout")

    assert call.params["filename"] == f"backstride-{moved.isoformat()}.fit"


async def test_a_plan_change_gives_a_different_file(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [before] = await runner.send("/workout")
    today = datetime.now(LONDON).date()
    await coach.services.plans.start(
        CHAT, PlanState(1, 3, today), Reason(Cause.PROGRESS_STAGE), datetime.now(UTC)
    )
    [after] = await runner.send("/workout")
    old, new = decoded_workout(_file_of(coach, before)), decoded_workout(_file_of(coach, after))
    assert _file_of(coach, before) != _file_of(coach, after)
    assert ("reverse_jog", 25) in _steps(old) and ("reverse_jog", 25) not in _steps(new)
    assert _steps(new).count(("reverse_jog", 30)) == 6  # level 1, stage 3: 6 × 30 s


async def test_the_button_under_the_timeline_sends_the_session_just_started(
    coach: Coach,
) -> None:
    runner = await _planned_runner(coach)
    await pass_safety_check(runner, hard=True)  # a hard day: the session is cut down
    stored = await coach.services.live_sessions.get(CHAT)
    assert stored is not None and stored.downgraded
    [timeline] = [m for m in runner.inbox() if texts.BUTTON in runner.buttons(m)]
    assert "Step 1" in timeline["text"] or "1." in timeline["text"]
    calls = await runner.tap(texts.BUTTON, timeline)
    [call] = [c for c in calls if c.method == "sendDocument"]
    decoded = decoded_workout(_file_of(coach, call))
    assert _steps(decoded) == [(s.kind.value, s.seconds) for s in stored.live.steps]
    assert decoded.name == workout_name(stored.day)


async def test_the_button_under_a_reminder_sends_that_days_session(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    day = datetime.now(LONDON).date() + timedelta(days=1)
    assert await send_reminder(coach.app, CHAT, day)
    [call] = await runner.tap(texts.BUTTON)
    decoded = decoded_workout(_file_of(coach, call))
    assert decoded.name == workout_name(day)
    plan = await coach.services.plans.get(CHAT)
    assert plan is not None
    template = current_template(TRACK_JOGGER, plan.state)
    steps = build_session_timeline(template, TRACK_JOGGER, Place.TRACK)
    assert _steps(decoded) == [(s.kind.value, s.seconds) for s in steps]


async def test_treadmill_runners_get_speed_targets_once_they_give_a_speed(coach: Coach) -> None:
    runner = await _planned_runner(coach, profile=TREADMILL_WALKER)
    [plain] = await runner.send("/workout")
    assert all(s.speed is None for s in expanded(decoded_workout(_file_of(coach, plain)).items))
    [nonsense] = await runner.send("/workout speed fast")
    assert nonsense.params["text"] == texts.SPEED_NOT_UNDERSTOOD
    [reply] = await runner.send("/workout speed 5.4")
    assert reply.params["text"] == texts.SPEED_SET.format(speed="5.4", unit="km/h")
    [call] = await runner.send("/workout")
    decoded = decoded_workout(_file_of(coach, call))
    assert decoded.sub_sport == "treadmill"
    backwards = [s for s in expanded(decoded.items) if s.kind.is_reverse]
    assert backwards and all(s.speed is not None and s.speed.high_mps == 0.825 for s in backwards)
    assert "walking speed of 5.4 km/h" in str(call.params["caption"])


async def test_workout_help_says_how_to_load_the_file(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [reply] = await runner.send("/workout help")
    assert reply.params["text"] == texts.HOW_TO_LOAD


async def test_the_activity_of_a_workout_comes_back_to_its_session(coach: Coach) -> None:
    """Run with the watch alone, sent back after midnight: it lands on the session's day,
    counts the session's backward time and knows which session it was."""
    runner = await _planned_runner(coach)
    [call] = await runner.send("/workout")
    decoded = decoded_workout(_file_of(coach, call))
    sent = await coach.services.watch_workouts.sent(CHAT, decoded.name)
    assert sent is not None
    after_midnight = datetime.combine(
        sent.session_day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON
    ) + timedelta(minutes=20)
    activity = activity_fit(decoded.name, after_midnight, float(sent.total_seconds))
    [reply] = await runner.send_payload(runner.user.document("Run.fit", activity))
    assert sent.session_day.strftime("%a %d %b") in str(reply.params["text"])
    [entry] = await coach.services.logs.recent(CHAT)
    assert (entry.day, entry.source, entry.completed) == (sent.session_day, LogSource.WATCH, True)
    assert (entry.template, entry.place) == (sent.template, Place.TRACK)
    assert entry.reverse_seconds == 125  # 5 × 25 s
    assert (entry.duration_seconds, entry.heart_rate) == (sent.total_seconds, 131)


async def test_a_cut_short_workout_activity_counts_no_backward_time(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [call] = await runner.send("/workout")
    name = decoded_workout(_file_of(coach, call)).name
    sent = await coach.services.watch_workouts.sent(CHAT, name)
    assert sent is not None
    start = datetime.combine(sent.session_day, TRACK_JOGGER.session_time, tzinfo=LONDON)
    activity = activity_fit(name, start, sent.total_seconds / 2)
    await runner.send_payload(runner.user.document("Run.fit", activity))
    [entry] = await coach.services.logs.recent(CHAT)
    assert (entry.day, entry.completed, entry.reverse_seconds) == (sent.session_day, False, 0)


async def test_help_and_the_command_menu_list_workout(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [reply] = await runner.send("/help")
    assert "/workout - Your next session as a watch workout file" in str(reply.params["text"])
    assert "workout" in [command["command"] for command in coach.emulator.commands]
