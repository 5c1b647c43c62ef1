"""Progression as a runner lives it: the real bot on a simulated clock, over days and weeks.

Each test follows one runner through sessions (the real /go, safety check, cues, logging
buttons), morning check-ins and /log, with the JobQueue's jobs run as the simulated time
reaches them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest

from bench.season import SEASON_START, Season, Session, join, local, simulated_coach, train
from bot.domain.profile import Experience, Profile
from bot.domain.programme import PlanState
from bot.emulator.botapi import ApiCall
from bot.texts import programme as programme_texts
from bot.texts import session_log as log_texts
from tests.domain.programme_fixtures import make_profile
from tests.support.harness import ChatRunner

# A non-runner on Monday/Wednesday/Friday at 07:00 (Berlin): backward walking, 10 × 30 s.
WALKER = make_profile(user_id=77, experience=Experience.NONE, weekly_km=0)
MONDAY = SEASON_START.date()
EASY = Session(effort=4)


@pytest.fixture
async def season(tmp_path: Path) -> AsyncIterator[Season]:
    async with simulated_coach(tmp_path) as running:
        yield running


async def _plan(season: Season) -> PlanState:
    plan = await season.coach.services.plans.get(WALKER.user_id)
    assert plan is not None
    return plan.state


async def _session_on(
    season: Season, runner: ChatRunner, day: date, session: Session = EASY
) -> None:
    await season.run_until(local(WALKER, day, WALKER.session_time))
    await train(season, runner, WALKER, session)


def _morning_questions(season: Season) -> list[ApiCall]:
    better = log_texts.MORNING_LABELS["better"]
    return [
        call
        for call in season.coach.emulator.calls
        if call.method == "sendMessage"
        and better in str(call.params.get("reply_markup", ""))
        and call.params.get("chat_id") == WALKER.user_id
    ]


async def _joined(season: Season, profile: Profile = WALKER) -> ChatRunner:
    await season.run_until(local(profile, MONDAY, clock_time(6, 0)))
    return await join(season, profile)


async def test_a_runner_without_pain_moves_up_without_being_asked_about_mornings(
    season: Season,
) -> None:
    runner = await _joined(season)
    for offset in (0, 2, 4, 7):
        await _session_on(season, runner, MONDAY + timedelta(days=offset), Session(effort=3))

    state = await _plan(season)
    assert (state.level, state.stage) == (0, 2)
    assert _morning_questions(season) == []


async def test_pain_that_came_and_settled_holds_then_the_runner_moves_up(
    season: Season,
) -> None:
    runner = await _joined(season)
    for offset in (0, 2, 4):
        await _session_on(season, runner, MONDAY + timedelta(days=offset), Session(effort=4))
    painful = Session(effort=4, pain=4, site="knee")
    await _session_on(season, runner, MONDAY + timedelta(days=7), painful)

    held = await _plan(season)
    reply = str(season.latest_text(runner.chat_id))
    await season.run_until(local(WALKER, MONDAY + timedelta(days=8), clock_time(9, 0)))
    question = season.checkins.pop(runner.chat_id)
    await runner.tap(log_texts.MORNING_LABELS["better"], question)

    assert (held.level, held.stage) == (0, 1)
    assert "some pain" in reply
    state = await _plan(season)
    assert (state.level, state.stage) == (0, 2)


async def test_a_session_cut_down_by_the_safety_check_does_not_count(season: Season) -> None:
    runner = await _joined(season)
    await _session_on(season, runner, MONDAY, Session(effort=4))
    await _session_on(season, runner, MONDAY + timedelta(days=2), Session(effort=4))
    cut = Session(effort=4, downgraded=True)
    await _session_on(season, runner, MONDAY + timedelta(days=4), cut)
    await _session_on(season, runner, MONDAY + timedelta(days=7), cut)

    not_yet = await _plan(season)
    await _session_on(season, runner, MONDAY + timedelta(days=9), Session(effort=4))

    assert (not_yet.level, not_yet.stage) == (0, 1)
    moved = await _plan(season)
    assert (moved.level, moved.stage) == (0, 2)


async def test_a_backdated_log_gets_no_good_morning_question(season: Season) -> None:
    runner = await _joined(season)
    await season.run_until(local(WALKER, MONDAY + timedelta(days=1), clock_time(15, 0)))

    await runner.send("/log yesterday 5 min effort 5 pain 2")
    await season.run_until(local(WALKER, MONDAY + timedelta(days=3), clock_time(12, 0)))

    assert _morning_questions(season) == []


async def test_two_sessions_in_a_day_keep_both_morning_questions(season: Season) -> None:
    runner = await _joined(season)
    await season.run_until(local(WALKER, MONDAY, clock_time(9, 0)))
    await runner.send("/log 5 min effort 5 pain 2")
    await season.run_until(local(WALKER, MONDAY, clock_time(18, 0)))
    await runner.send("/log 4 min effort 4 pain 1")

    await season.run_until(local(WALKER, MONDAY + timedelta(days=1), clock_time(12, 0)))

    questions = _morning_questions(season)
    assert len(questions) == 2
    ids = {str(call.params["reply_markup"]).split("|")[1] for call in questions}
    assert len(ids) == 2  # one question per session
    hours = {local_hour(season, call) for call in questions}
    assert hours == {8}  # at the runner's check-in time, not at once


async def test_a_check_in_sent_late_in_the_day_does_not_say_good_morning(season: Season) -> None:
    runner = await _joined(season)
    await runner.send("/reminders quiet 22-13")  # quiet until 13:00: the check-in waits
    await season.run_until(local(WALKER, MONDAY, clock_time(9, 0)))
    await runner.send("/log 5 min effort 5 pain 2")

    await season.run_until(local(WALKER, MONDAY + timedelta(days=1), clock_time(18, 0)))

    texts = [str(call.params["text"]) for call in _morning_questions(season)]
    assert len(texts) == 1
    assert not texts[0].startswith("Good morning")


def local_hour(season: Season, call: ApiCall) -> int:
    """The runner's hour when the bot sent `call` (the simulated clock at that moment)."""
    sent = season.sent_at[id(call)]
    return WALKER.local_time(sent).hour


async def test_the_runner_reads_each_reason_once_not_after_every_session(
    season: Season,
) -> None:
    runner = await _joined(season)
    for offset in (0, 2, 4):
        await _session_on(season, runner, MONDAY + timedelta(days=offset))

    sent = [str(call.params.get("text", "")) for call in season.coach.emulator.calls]
    full_week = programme_texts.REASONS["none_full_week"]
    assert sum(full_week in text for text in sent) == 1
    assert sum(text.count("Next:") for text in sent) == 2  # not yet, then a full week


async def test_a_typed_worse_asks_which_and_sore_legs_hold_the_plan(season: Season) -> None:
    runner = await _joined(season)
    await season.run_until(local(WALKER, MONDAY, clock_time(9, 0)))
    await runner.send("/log 5 min effort 5 pain 2")
    await season.run_until(local(WALKER, MONDAY + timedelta(days=1), clock_time(9, 0)))
    before = await _plan(season)

    which = await runner.send("a bit worse")
    held = await runner.send("just sore legs")

    assert [call.params["text"] for call in which] == [log_texts.MORNING_WHICH]
    assert str(held[0].params["text"]).startswith(log_texts.MORNING_SORE)
    assert await _plan(season) == before
