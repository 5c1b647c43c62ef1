"""Live sessions end to end: /go, the safety check, cues on (scaled) time, the controls,
restarts, and Telegram refusing or throttling sends."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.profile import Place
from bot.domain.programme import (
    Cause,
    PlanState,
    Reason,
    current_template,
    step_offsets,
)
from bot.emulator.botapi import TIMEOUT, ApiCall
from bot.storage.reminders import DayMark
from bot.storage.session_logs import LogSource, NewLog
from bot.texts import safety as safety_texts
from bot.texts import session as session_texts
from bot.texts import session_log as log_texts
from bot.texts.session_timeline import build_session_timeline
from tests.support.harness import Coach, running_coach, texts
from tests.support.live_session import (
    TRACK_JOGGER,
    edits_to,
    is_cue,
    pass_safety_check,
    register,
    replies,
    sent_to,
    texts_to,
    wait_for_text,
    wait_until,
)

SCALE = 200.0  # a 25 s bout lasts 0.125 s; the whole 16 min session about 5 s
CHAT = TRACK_JOGGER.user_id


@pytest.fixture
async def fast_coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, database_url=database_url, time_scale=SCALE) as coach:
        yield coach


def _cues(coach: Coach) -> list[str]:
    return _cues_to(coach, CHAT)


def _cues_to(coach: Coach, chat_id: int) -> list[str]:
    return [text for text in texts_to(coach, chat_id) if is_cue(text)]


async def test_a_full_session_cues_every_step_in_order_and_on_time(fast_coach: Coach) -> None:
    coach = fast_coach
    runner = await register(coach)
    await pass_safety_check(runner)
    await wait_for_text(coach, CHAT, "🏁 Done!", within=15)

    steps = build_session_timeline(
        current_template(TRACK_JOGGER, PlanState.starting(1, date.today())),
        TRACK_JOGGER,
        Place.TRACK,
    )
    cue_calls = [call for call in sent_to(coach, CHAT) if is_cue(str(call.params["text"]))]
    assert len(cue_calls) == len(steps) == 11
    headings = [str(call.params["text"]).splitlines()[0] for call in cue_calls]
    assert headings[0] == "🔥 WARM-UP · walk forwards · 5 min"
    assert headings[1] == "⏪🏃 BACKWARDS · jog · 25 s"
    assert headings[2] == "▶️🚶 forwards · walk · 1 min"
    assert headings[-1] == "🧊 COOL-DOWN · walk forwards · 5 min"
    assert "Step 4 of 11 · 10 min left" in str(cue_calls[3].params["text"])
    assert "Halfway there!" in str(cue_calls[5].params["text"])
    assert "Last one backwards" in str(cue_calls[9].params["text"])
    # Each cue within 150 ms of its due moment, measured from the earliest start the cues
    # imply (the first cue goes out with the tap's other replies, a few ms after the
    # session's stored start, from which the later cues are timed).
    implied_starts = [
        call.at - offset / SCALE
        for call, offset in zip(cue_calls, step_offsets(steps), strict=True)
    ]
    lateness = [start - min(implied_starts) for start in implied_starts]
    assert max(lateness) <= 0.15, lateness
    done = [text for text in texts_to(coach, CHAT) if text.startswith("🏁 Done!")]
    first, next_session = done[0].split("\n")
    assert first == "🏁 Done! Your first backwards session: 2 min 5 s. 🎉"
    assert next_session.startswith("Next session: ")
    assert await coach.services.live_sessions.get(CHAT) is None


async def test_a_personal_best_ends_with_the_total_the_streak_and_the_next_session(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    runner = await register(coach)
    now = datetime.now(UTC)
    today = now.date()  # London is on UTC in winter; the test's plan starts today either way
    start = Reason(Cause.START_OCCASIONAL)
    await coach.services.plans.start(CHAT, PlanState.starting(1, today), start, now)
    for weeks_back, seconds in ((2, 60), (1, 90)):
        day = today - timedelta(weeks=weeks_back)
        await coach.services.logs.create(NewLog(CHAT, day, LogSource.MANUAL, True, seconds), now)
    next_day = next(
        today + timedelta(days=ahead)
        for ahead in range(1, 8)
        if (today + timedelta(days=ahead)).weekday() in TRACK_JOGGER.weekdays
    )

    await pass_safety_check(runner)
    done = await wait_for_text(coach, CHAT, "🏁 Done!", within=15)

    assert done == (
        "🏁 Done! 2 min 5 s backwards today, 4 min 35 s in all.\n"
        "🏆 Your longest yet, 35 s more than your best before.\n"
        "🔥 3 weeks in a row with a session.\n"
        f"Next session: {next_day.strftime('%a')} {next_day.day} {next_day.strftime('%b')}"
        " at 18:00."
    )


async def test_the_end_names_the_next_session_where_the_runner_moved_it(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    runner = await register(coach)
    today = TRACK_JOGGER.local_time(datetime.now(UTC)).date()
    planned = next(
        today + timedelta(days=ahead)
        for ahead in range(1, 8)
        if (today + timedelta(days=ahead)).weekday() in TRACK_JOGGER.weekdays
    )
    moved = planned + timedelta(days=1)
    # What "Move to tomorrow" under the reminder stores.
    await coach.services.reminders.mark(CHAT, planned, DayMark.MOVED_AWAY)
    await coach.services.reminders.mark(CHAT, moved, DayMark.MOVED_HERE)

    await pass_safety_check(runner)
    done = await wait_for_text(coach, CHAT, "🏁 Done!", within=15)

    assert done.splitlines()[-1] == (
        f"Next session: {moved.strftime('%a')} {moved.day} {moved.strftime('%b')} at 18:00."
    )


async def test_the_check_message_shows_every_step_as_the_first_cue_goes_out(
    fast_coach: Coach,
) -> None:
    runner = await register(fast_coach)
    await pass_safety_check(runner)
    await wait_until(lambda: len(_cues(fast_coach)) == 1)

    answers, timeline = edits_to(fast_coach, CHAT)[-1].split("\n\n", 1)
    assert answers.splitlines() == [
        "✔︎ 🏟️ Running track",
        "✔︎ ✅ Yes, all three",
        "✔︎ No, I'm fresh",
        "✔︎ 0",
        "✔︎ ✅ Ready",
    ]
    assert timeline.splitlines()[:5] == [
        "Today: 5 × 25 s reverse jog / 1 min walk on the track, 16 min in all.",
        "",
        "1. warm-up walk 5 min",
        "2–10. 5 × (25 s jog backwards, 1 min walk forwards)",
        "11. cool-down walk 5 min",
    ]
    # The question, then the first cue: the timeline took no message of its own.
    _question, first_cue = texts_to(fast_coach, CHAT)
    assert is_cue(first_cue)
    assert "Step 1 of 11 · 16 min left" in first_cue  # as many minutes as the timeline says


async def test_pause_holds_the_cues_and_resume_continues(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)

        [paused] = texts(await runner.send("/pause"))
        assert paused.startswith("⏸ Paused in step 1 of 11: warm-up walk, 5 min left.")
        await asyncio.sleep(0.5)  # the warm-up (15 s at this scale) would have moved on
        assert texts(await runner.send("/pause")) == [session_texts.ALREADY_PAUSED]
        assert len(_cues(coach)) == 1

        [resumed] = texts(await runner.send("/resume"))
        assert resumed.startswith("▶️ Resuming step 1 of 11: warm-up walk")
        assert texts(await runner.send("/resume")) == [session_texts.NOT_PAUSED]

        await runner.send("/skip")
        await wait_until(lambda: len(_cues(coach)) == 2)
        assert _cues(coach)[1].startswith("⏪🏃 BACKWARDS")

        [stopped, how_was_it] = texts(replies(await runner.send("/stop")))
        assert stopped.startswith("⏹ Stopped after ")
        assert how_was_it == log_texts.EFFORT_QUESTION
        await asyncio.sleep(2.0)  # longer than the 25 s bout at this scale
        assert len(_cues(coach)) == 2
        assert texts(await runner.send("/stop")) == [session_texts.NO_SESSION]


async def test_the_buttons_under_a_cue_control_the_session(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)

        [paused] = texts(await runner.tap("Pause"))
        assert paused.startswith("⏸ Paused")
        await runner.tap("Resume")
        await runner.tap("Skip")
        await wait_until(lambda: len(_cues(coach)) == 2)


async def test_i_feel_unwell_stops_at_once_with_the_advice(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)

        replies = texts(await runner.tap("I feel unwell"))
        assert replies[0] == safety_texts.UNWELL_ADVICE
        assert await coach.services.live_sessions.get(CHAT) is None
        await asyncio.sleep(1.0)
        assert len(_cues(coach)) == 1


async def test_pain_in_the_check_downgrades_to_a_shorter_walk(fast_coach: Coach) -> None:
    runner = await register(fast_coach)
    await pass_safety_check(runner, pain="4")
    [warm_up_question] = [
        text for text in edits_to(fast_coach, CHAT) if "warm-up walk, facing forwards" in text
    ]
    assert warm_up_question == "\n".join(
        [
            "✔︎ 🏟️ Running track",
            "✔︎ ✅ Yes, all three",
            "✔︎ No, I'm fresh",
            "✔︎ 4",
            "",
            safety_texts.REASONS["pain_moderate"],
            "",
            "Ready? We start with a 5-minute warm-up walk, facing forwards.",
        ]
    )
    await wait_until(lambda: "Today: a gentler session" in edits_to(fast_coach, CHAT)[-1])
    assert "reverse walk" in edits_to(fast_coach, CHAT)[-1]
    stored = await fast_coach.services.live_sessions.get(CHAT)
    assert stored is not None
    assert stored.downgraded
    assert stored.template.reverse_seconds < 5 * 25


async def test_high_pain_or_a_road_never_starts_a_session(fast_coach: Coach) -> None:
    runner = await register(fast_coach)
    await runner.send("/go")
    [refused] = texts(await runner.tap("sidewalk or road"))
    assert refused == "\n\n".join(
        [
            "✔︎ 🚗 A sidewalk or road",
            safety_texts.REASONS["sidewalk_or_road"],
            safety_texts.QUESTIONS["where"],
        ]
    )
    await runner.tap("Running track")
    await runner.tap("Yes, all three")
    await runner.tap("No, I'm fresh")
    [postponed] = texts(await runner.tap("7"))
    assert postponed.endswith("✔︎ 7\n\n" + safety_texts.REASONS["pain_high"])
    assert runner.buttons(runner.inbox()[-1]) == []
    assert await fast_coach.services.live_sessions.get(CHAT) is None
    assert await fast_coach.services.safety_checks.get(CHAT) is None


async def test_a_second_go_offers_resume_or_stop(fast_coach: Coach) -> None:
    runner = await register(fast_coach)
    await pass_safety_check(runner)
    [reply] = replies(await runner.send("/go"))
    assert str(reply.params["text"]).startswith("You're in a session already: step 1 of 11")
    assert runner.buttons(reply.params) == ["▶️ Resume", "⏹ Stop"]


async def test_go_without_a_profile_points_to_start(fast_coach: Coach) -> None:
    assert texts(await fast_coach.runner(77).send("/go")) == [session_texts.NEEDS_PROFILE]


async def test_a_restart_mid_session_catches_up_once_and_continues(
    tmp_path: Path, database_url: str | None
) -> None:
    # At this scale the warm-up lasts 3 s, a bout 0.25 s and a walk 0.6 s.
    async with running_coach(
        tmp_path, database_url=database_url, time_scale=100.0, cue_grace_seconds=0.3
    ) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)
        await coach.stop()
        await asyncio.sleep(3.4)  # down through the end of the warm-up and the first bout
        await coach.start()

        caught_up = await wait_for_text(coach, CHAT, "We were interrupted, sorry.")
        assert "You are now in step 3 of 11, walk forwards" in caught_up
        await wait_until(lambda: len(_cues(coach)) == 2, within=5)
        assert _cues(coach)[1].startswith("⏪🏃 BACKWARDS · jog")
        assert "Step 4 of 11" in _cues(coach)[1]
        sent = texts_to(coach, CHAT)
        assert sent.count(caught_up) == 1
        await runner.send("/stop")


async def test_a_runner_who_blocks_the_bot_mid_session_is_let_go(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)
        coach.emulator.fail_next(403, method="sendMessage")
        await runner.send("/skip")
        await wait_until(lambda: not coach.emulator.faults)
        cues = coach.services.cue_timer
        await wait_until(lambda: CHAT not in cues and not cues.busy)
        assert coach.services.jobs.names() == frozenset()
        stored_runner = await coach.services.runners.get(CHAT)
        assert stored_runner is not None
        assert not stored_runner.active
        assert await coach.services.live_sessions.get(CHAT) is None


@pytest.mark.parametrize("fault", [403, TIMEOUT])
async def test_the_first_question_after_a_session_that_cannot_go_is_handled(
    fast_coach: Coach, caplog: pytest.LogCaptureFixture, fault: int
) -> None:
    """The session ends on its own (a job, not an update) and the effort question fails:
    blocked, the runner is let go; timed out (each retry too), a warning, and no error."""
    runner = await register(fast_coach)
    await pass_safety_check(runner)
    done = session_texts.DONE_FIRST.split("{")[0]
    told: list[bool] = []

    def fail_once_told(call: ApiCall) -> None:
        """The next message after "Done!" fails (every try of it)."""
        if call.method == "sendMessage" and str(call.params.get("text")).startswith(done):
            tries = 1 if fault == 403 else 3  # a time-out is tried again twice
            fast_coach.emulator.fail_next(fault, method="sendMessage", chat_id=CHAT, times=tries)
            told.append(True)

    fast_coach.emulator.listeners.append(fail_once_told)
    await wait_until(lambda: bool(told), within=30)
    await wait_until(lambda: not fast_coach.emulator.faults)
    await asyncio.sleep(0.2)

    stored_runner = await fast_coach.services.runners.get(CHAT)
    assert stored_runner is not None and stored_runner.active is (fault != 403)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_429_is_waited_out_and_the_cue_still_goes(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as coach:
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)
        coach.emulator.fail_next(429, method="sendMessage", retry_after=1)
        await runner.send("/skip")
        await wait_until(lambda: len(_cues(coach)) == 2, within=5)
        refused = [call for call in coach.emulator.calls if not call.ok]
        assert len(refused) == 1
        assert _cues(coach)[1].startswith("⏪🏃 BACKWARDS")
        await runner.send("/stop")


async def test_a_429_for_one_runner_holds_back_only_their_cues_then_says_where_they_are(
    tmp_path: Path,
) -> None:
    # At this scale the warm-up lasts 3 s, a bout 0.25 s and a walk 0.6 s; a 2 s pause of
    # one chat outlasts the 0.3 s grace of its next cues.
    async with running_coach(tmp_path, time_scale=100.0, cue_grace_seconds=0.3) as coach:
        held = await register(coach)
        other = await register(coach, replace(TRACK_JOGGER, user_id=CHAT + 1))
        for runner in (held, other):
            await pass_safety_check(runner)
        both_started = lambda: all(_cues_to(coach, r.chat_id) for r in (held, other))  # noqa: E731
        await wait_until(both_started)
        coach.emulator.fail_next(429, method="sendMessage", retry_after=2, chat_id=held.chat_id)
        await asyncio.gather(held.send("/skip"), other.send("/skip"))
        await wait_until(lambda: not coach.emulator.faults)
        others_before = len(_cues_to(coach, other.chat_id))

        line = await wait_for_text(coach, held.chat_id, "Sorry, my last cue could not reach you")
        others_during = len(_cues_to(coach, other.chat_id))
        assert others_during >= others_before + 2, "the other runner's cues stopped too"
        steps = [
            int(cue.split("Step ")[1].split(" of")[0]) for cue in _cues_to(coach, other.chat_id)
        ]
        assert steps == list(range(1, len(steps) + 1)), "the other runner lost a cue"
        assert " of 11: " in line
        await wait_until(lambda: len(_cues_to(coach, held.chat_id)) >= 2, within=5)
        assert texts_to(coach, held.chat_id).count(line) == 1
        for runner in (held, other):
            await runner.send("/stop")


async def test_live_sessions_share_one_cue_timer_and_keep_it_across_a_restart(
    tmp_path: Path,
) -> None:
    # Three sessions wait for their next cue on one timer, none as a scheduler job; a
    # restart arms them again from the database, and their cues go on.
    async with running_coach(tmp_path, time_scale=20.0) as coach:
        runners = [await register(coach, replace(TRACK_JOGGER, user_id=CHAT + n)) for n in range(3)]
        for runner in runners:
            await pass_safety_check(runner)
        await wait_until(lambda: all(_cues_to(coach, r.chat_id) for r in runners))
        assert all(runner.chat_id in coach.services.cue_timer for runner in runners)
        assert coach.app.job_queue is not None
        assert not [job for job in coach.app.job_queue.jobs() if job.name.startswith("cue:")]
        await coach.restart()
        assert all(runner.chat_id in coach.services.cue_timer for runner in runners)
        for runner in runners:
            await runner.send("/skip")
        await wait_until(lambda: all(len(_cues_to(coach, r.chat_id)) >= 2 for r in runners))
        for runner in runners:
            await runner.send("/stop")
        assert not [r for r in runners if r.chat_id in coach.services.cue_timer]


async def test_a_tap_waits_while_a_late_cue_is_on_its_way(tmp_path: Path) -> None:
    # The event loop falls behind (blocked here on purpose) past a runner's cue, and
    # Telegram holds that cue back for a second (a 429); another runner's message meanwhile
    # is handled after the cue went out: cues have deadlines, replies can wait a moment.
    async with running_coach(tmp_path, time_scale=100.0) as coach:
        runner = await register(coach)
        other = await register(coach, replace(TRACK_JOGGER, user_id=CHAT + 1))
        await pass_safety_check(runner)
        await wait_until(lambda: len(_cues(coach)) == 1)
        coach.emulator.fail_next(429, method="sendMessage", retry_after=1, chat_id=CHAT)
        held_at = len(coach.emulator.calls)
        due = coach.services.cue_timer.next_moment()
        assert due is not None
        await asyncio.sleep(max(0.0, due - time.time()))
        time.sleep(0.2)  # noqa: ASYNC251 (the loop is behind: the cue starts late)
        await wait_until(lambda: not coach.emulator.faults)
        await asyncio.sleep(0.3)
        await other.send("/stop")
        order = [
            int(call.params["chat_id"])
            for call in coach.emulator.calls[held_at:]
            if call.ok and call.method == "sendMessage"
        ]
        assert CHAT + 1 in order
        assert order[0] == CHAT, "the reply went out before the late cue"
        await runner.send("/stop")


async def test_typing_during_the_safety_check_points_at_its_buttons(fast_coach: Coach) -> None:
    runner = await register(fast_coach)
    await runner.send("/go")
    assert texts(await runner.send("the track")) == [session_texts.CHECK_USE_BUTTONS]


async def test_a_tap_telegram_calls_too_old_to_answer_still_counts(fast_coach: Coach) -> None:
    # After downtime Telegram refuses to stop the spinner of an old tap ("query is too
    # old"); the answer itself must still be taken, without an apology.
    runner = await register(fast_coach)
    await runner.send("/go")
    fast_coach.emulator.fail_next(400, method="answerCallbackQuery")
    [question] = texts(await runner.tap("Running track"))
    assert question.endswith(safety_texts.QUESTIONS["surface_ok"])
    assert await fast_coach.services.safety_checks.get(CHAT) == {"where": "track"}


async def test_a_refused_edit_of_the_check_sends_the_next_question_anew(
    fast_coach: Coach,
) -> None:
    runner = await register(fast_coach)
    await runner.send("/go")
    fast_coach.emulator.fail_next(400, method="editMessageText")
    calls = await runner.tap("Running track")
    assert [call.method for call in calls if call.ok] == ["sendMessage"]
    assert texts(calls)[-1].endswith(safety_texts.QUESTIONS["surface_ok"])


async def test_an_edit_of_the_check_that_fails_three_times_still_shows_the_next_question(
    fast_coach: Coach,
) -> None:
    # At 5% 500s, three in a row once left a runner of 8,000 taps with no next question.
    runner = await register(fast_coach)
    await runner.send("/go")
    fast_coach.emulator.fail_next(500, method="editMessageText", times=3)
    calls = await runner.tap("Running track")
    edits = [call for call in calls if call.method == "editMessageText"]
    assert [call.ok for call in edits] == [False, False, False, True]
    assert texts(edits)[-1].endswith(safety_texts.QUESTIONS["surface_ok"])


async def test_a_second_tap_on_one_cue_s_skip_skips_nothing_more(coach: Coach) -> None:
    runner = await register(coach)
    await pass_safety_check(runner)
    await wait_until(lambda: len(_cues(coach)) == 1)
    first_cue = runner.last_keyboard_message()

    await runner.tap("Skip", first_cue)
    await wait_until(lambda: len(_cues(coach)) == 2)
    await runner.tap("Skip", first_cue)  # a double tap, or a late one on an old cue
    await asyncio.sleep(0.2)

    assert len(_cues(coach)) == 2
    stored = await coach.services.live_sessions.get(runner.chat_id)
    assert stored is not None and stored.live.next_index == 2
