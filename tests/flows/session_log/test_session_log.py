"""Logging how a session felt, end to end: buttons, free text, confirmations, /log, the
next-morning check-in, warning signs and restarts."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.profile import Units
from bot.domain.session_logs import MorningAfter
from bot.texts import safety as safety_texts
from bot.texts import session_log as log_texts
from tests.support.harness import ChatRunner, Coach, running_coach, texts
from tests.support.live_session import (
    TRACK_JOGGER,
    pass_safety_check,
    register,
    replies,
    texts_to,
    wait_for_text,
    wait_until,
)

SCALE = 2000.0  # a whole session in half a second; a night in about 40 seconds
CHAT = TRACK_JOGGER.user_id


@pytest.fixture
async def coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, database_url=database_url, time_scale=SCALE) as coach:
        yield coach


async def _finish_a_session(coach: Coach) -> ChatRunner:
    runner = await register(coach)
    await pass_safety_check(runner)
    await wait_for_text(coach, CHAT, log_texts.EFFORT_QUESTION[:20])
    return runner


def _today() -> date:
    return datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date()


def _day_name(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


async def _only_log(coach: Coach) -> object:
    [entry] = await coach.services.logs.recent(CHAT)
    return entry


async def test_two_taps_log_a_session(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    [pain_question] = texts(replies(await runner.tap("5")))
    assert pain_question == log_texts.PAIN_QUESTION
    [takeaway] = texts(replies(await runner.tap("0")))
    echo, rest = takeaway.split("\n\n", 1)
    assert echo == f"Logged: {_day_name(_today())} · 2 min 5 s backwards · effort 5 · pain 0"
    assert rest.startswith(log_texts.TAKEAWAYS["moderate"])
    assert "\n\nNext: " in takeaway
    entry = await _only_log(coach)
    assert (entry.effort, entry.pain, entry.completed) == (5, 0, True)  # type: ignore[attr-defined]
    assert entry.reverse_seconds == 125  # type: ignore[attr-defined]


async def test_one_free_text_reply_logs_everything(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    [site_question] = texts(
        replies(await runner.send("7/10, knee a bit sore 2, avg hr 148, 1.2 km, windy"))
    )
    entry = await _only_log(coach)
    assert (entry.effort, entry.pain, entry.pain_site) == (7, 2, "knee")  # type: ignore[attr-defined]
    assert (entry.heart_rate, entry.distance_km) == (148, 1.2)  # type: ignore[attr-defined]
    assert [note.text for note in entry.notes] == ["windy"]  # type: ignore[attr-defined]
    echo, takeaway = site_question.split("\n\n", 1)
    assert echo == (
        f"Logged: {_day_name(_today())} · 2 min 5 s backwards · effort 7 · knee pain 2"
        ' · 148 bpm · 1.2 km · "windy"'
    )
    assert takeaway.startswith(log_texts.TAKEAWAYS["hard"])
    assert await coach.services.logs.pending_checkins()  # pain: a morning check-in is planned


async def test_an_ambiguous_reply_is_confirmed_before_it_is_stored(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    [question] = replies(await runner.send("7 2"))
    assert question.params["text"] == "Effort 7, pain 2: right?"
    entry = await _only_log(coach)
    assert entry.effort is None  # type: ignore[attr-defined]
    await runner.tap("Yes")
    entry = await _only_log(coach)
    assert (entry.effort, entry.pain) == (7, 2)  # type: ignore[attr-defined]


async def test_no_to_a_confirmation_asks_with_buttons(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    await runner.send("7 2")
    assert texts(replies(await runner.tap("No"))) == [
        log_texts.FIX_IT,
        log_texts.EFFORT_QUESTION,
    ]
    assert (await _only_log(coach)).effort is None  # type: ignore[attr-defined]


async def test_a_reply_with_nothing_usable_gets_a_kind_reprompt(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    assert texts(replies(await runner.send("ok 👍"))) == [
        log_texts.NOTHING_USABLE,
        log_texts.EFFORT_QUESTION,
    ]


async def test_a_warning_word_gets_the_safety_advice_and_steps_the_plan_back(
    coach: Coach,
) -> None:
    runner = await _finish_a_session(coach)
    sent = texts(replies(await runner.send("felt dizzy at the end, 5/10")))
    assert sent[0] == safety_texts.AFTER_ADVICE["unclear"]
    assert sent[1].startswith(log_texts.RED_FLAG_SEEN)
    assert "You reported a warning sign" in sent[1]
    assert sent[2] == safety_texts.SOS_WHICH_QUESTION  # unclear: one question decides, last
    plan = await coach.services.plans.get(CHAT)
    assert plan is not None
    assert plan.state.level == 0


async def test_log_records_a_past_session(coach: Coach) -> None:
    runner = await register(coach)
    [reply] = texts(replies(await runner.send("/log yesterday 12 min effort 6 pain 1")))
    yesterday = _today() - timedelta(days=1)
    logged, takeaway = reply.split("\n\n", 1)
    assert logged == f"Logged: {_day_name(yesterday)} · 12 min backwards · effort 6 · pain 1"
    assert takeaway.startswith(log_texts.TAKEAWAYS["moderate"])
    entry = await _only_log(coach)
    assert entry.day == yesterday  # type: ignore[attr-defined]


async def test_log_keeps_heart_rate_and_distance(coach: Coach) -> None:
    runner = await register(coach)
    [reply] = texts(replies(await runner.send("/log 12 min effort 5 hr 141 1.4 km")))

    assert reply.split("\n\n")[0].endswith(" · 12 min backwards · effort 5 · 141 bpm · 1.4 km")
    entry = await _only_log(coach)
    assert (entry.heart_rate, entry.distance_km) == (141, 1.4)  # type: ignore[attr-defined]


async def test_log_without_minutes_says_what_is_missing(coach: Coach) -> None:
    runner = await register(coach)
    assert texts(await runner.send("/log effort 6")) == [log_texts.LOG_PROBLEMS["no_minutes"]]
    assert await coach.services.logs.recent(CHAT) == []


async def test_the_morning_check_in_fires_at_0830_local_and_a_worse_morning_steps_back(
    tmp_path: Path,
    database_url: str | None,
) -> None:
    scale = 20000.0  # about four seconds for the night
    profile = replace(TRACK_JOGGER, timezone="America/New_York")
    async with running_coach(tmp_path, database_url=database_url, time_scale=scale) as coach:
        runner = await register(coach, profile)
        before = time.time()
        await runner.send("/log 10 min effort 5, knee 3")

        [(_, log_id, due)] = await coach.services.logs.pending_checkins()
        local_now = datetime.now(ZoneInfo("America/New_York"))
        target = datetime.combine(
            local_now.date() + timedelta(days=1),
            datetime.min.time().replace(hour=8, minute=30),
            tzinfo=ZoneInfo("America/New_York"),
        )
        expected = before + (target - datetime.now(UTC)).total_seconds() / scale
        assert due == pytest.approx(expected, abs=0.2)

        # The greeting follows the runner's hour when it is sent (New York time here).
        await wait_until(
            lambda: any(
                text.startswith(("Good morning!", "Hello!")) for text in texts_to(coach, CHAT)
            ),
            10,
        )
        question = next(
            t for t in texts_to(coach, CHAT) if t.startswith(("Good morning!", "Hello!"))
        )
        assert question.startswith("Good morning! How is your knee this morning") or (
            question.startswith("Hello! How is your knee today, compared with after")
        )
        which = texts(replies(await runner.tap("Worse")))
        sent = texts(replies(await runner.tap("Joint pain")))
        assert which == [log_texts.MORNING_WHICH]
        assert sent[0].startswith(log_texts.MORNING_WORSE)
        # Back to walking, and less of it than the 5 × 25 s of jogging.
        assert "Next: It felt worse the morning after your session on" in sent[0]
        assert "so we ease off: 3 × 27 s reverse walk / 30 s walk." in sent[0]
        entry = await coach.services.logs.get(CHAT, log_id)
        assert entry is not None
        assert entry.morning_after is MorningAfter.WORSE


async def test_sore_muscles_the_morning_after_hold_the_plan_and_never_step_it_back(
    tmp_path: Path,
) -> None:
    scale = 20000.0
    async with running_coach(tmp_path, time_scale=scale) as coach:
        runner = await register(coach)
        await runner.send("/log 3 min effort 5, calf 2")
        # "Good morning!", or "Hello!" when the test runs in the runner's afternoon.
        greetings = tuple({q.split("!")[0] + "!" for q in log_texts.MORNING_QUESTIONS.values()})
        await wait_until(
            lambda: any(text.startswith(greetings) for text in texts_to(coach, CHAT)), 10
        )
        before = await coach.services.plans.get(CHAT)

        await runner.tap("Worse")
        sent = texts(replies(await runner.tap("Sore muscles")))

        assert sent[0].startswith(log_texts.MORNING_SORE)
        assert "normal in the first weeks" in sent[0]
        assert await coach.services.plans.get(CHAT) == before
        [entry] = await coach.services.logs.recent(CHAT)
        assert entry.morning_after is MorningAfter.SORE


async def test_the_question_survives_a_restart(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    await coach.restart()
    await runner.send("5/10, no pain")
    entry = await _only_log(coach)
    assert (entry.effort, entry.pain) == (5, 0)  # type: ignore[attr-defined]


async def test_an_old_question_updates_its_own_log(coach: Coach) -> None:
    runner = await _finish_a_session(coach)
    first_question = runner.last_keyboard_message()
    await runner.send("/log yesterday 10 min effort 4 pain 0")
    await runner.tap("8", first_question)
    logs = await coach.services.logs.recent(CHAT)
    assert len(logs) == 2
    assert sorted(log.effort for log in logs if log.effort is not None) == [4, 8]


async def test_text_with_no_open_question_is_not_understood(coach: Coach) -> None:
    await register(coach)
    runner = coach.runner(CHAT)
    [reply] = texts(await runner.send("5/10"))
    assert reply.startswith("I didn't quite follow that. /go starts")
    assert texts_to(coach, CHAT) == [reply]


async def test_an_unwell_stop_is_logged_with_a_warning_sign(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as slow_coach:
        runner = await register(slow_coach)
        await pass_safety_check(runner)
        await wait_until(lambda: any(t.startswith("🔥") for t in texts_to(slow_coach, CHAT)))
        await runner.tap("I feel unwell")
        [entry] = await slow_coach.services.logs.recent(CHAT)
        assert entry.red_flag
        assert not entry.completed


async def test_pain_added_after_the_questions_still_gets_a_morning_check_in(
    coach: Coach,
) -> None:
    runner = await _finish_a_session(coach)
    await runner.tap("5")
    await runner.tap("0")
    assert await coach.services.logs.pending_checkins() == []
    assert texts(replies(await runner.send("knee a bit sore 2, windy"))) == [
        f'Logged: {_day_name(_today())} · 2 min 5 s backwards · effort 5 · knee pain 2 · "windy"'
    ]
    assert len(await coach.services.logs.pending_checkins()) == 1


# --- the guided /log ---------------------------------------------------------------------


async def test_log_alone_asks_day_minutes_effort_pain_and_note_and_survives_a_restart(
    coach: Coach,
) -> None:
    runner = await register(coach)
    yesterday = _today() - timedelta(days=1)
    assert texts(await runner.send("/log")) == [log_texts.GUIDED_DAY]
    assert texts(await runner.tap("Yesterday")) == [log_texts.GUIDED_MINUTES]
    assert texts(await runner.send("12")) == [log_texts.GUIDED_EFFORT]

    await coach.restart()
    assert texts(await runner.send("6")) == [log_texts.GUIDED_PAIN]
    assert texts(await runner.send("knee 2")) == [log_texts.GUIDED_NOTE]
    [reply] = texts(replies(await runner.send("avg hr 148, 1.5 km, windy")))

    assert reply.split("\n\n")[0] == (
        f"Logged: {_day_name(yesterday)} · 12 min backwards · effort 6 · knee pain 2"
        ' · 148 bpm · 1.5 km · "windy"'
    )
    entry = await _only_log(coach)
    assert (entry.day, entry.reverse_seconds, entry.effort, entry.pain) == (  # type: ignore[attr-defined]
        yesterday,
        720,
        6,
        2,
    )
    assert await coach.services.log_drafts.get(CHAT) is None


async def test_a_guided_log_refuses_kindly_and_can_be_cancelled(coach: Coach) -> None:
    runner = await register(coach)
    await runner.send("/log")
    assert texts(await runner.send("someday")) == [
        log_texts.GUIDED_PROBLEMS["no_day"],
        log_texts.GUIDED_DAY,
    ]
    await runner.send("today")
    assert texts(await runner.send("500")) == [
        log_texts.GUIDED_PROBLEMS["minutes_out_of_range"],
        log_texts.GUIDED_MINUTES,
    ]

    assert texts(await runner.send("/cancel")) == [log_texts.GUIDED_CANCELLED]
    assert await coach.services.logs.recent(CHAT) == []
    assert await coach.services.log_drafts.get(CHAT) is None


async def test_fix_changes_one_part_of_a_log_and_says_it_back(coach: Coach) -> None:
    runner = await register(coach)
    await runner.send("/log 12 min effort 6 pain 1")
    assert texts(await runner.tap("✏️ Fix")) == [log_texts.FIX_WHAT]
    assert texts(await runner.tap("Pain")) == [log_texts.GUIDED_PAIN]
    [reply] = texts(replies(await runner.send("0")))

    assert reply.split("\n\n")[0] == (
        f"Logged: {_day_name(_today())} · 12 min backwards · effort 6 · pain 0"
    )
    entry = await _only_log(coach)
    assert (entry.effort, entry.pain) == (6, 0)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("km", "units", "said"),
    [(1.5, Units.KM, "1.5 km"), (10.0, Units.KM, "10 km"), (1.5, Units.MILES, "0.93 mi")],
)
def test_a_distance_is_said_in_the_runner_s_units(km: float, units: Units, said: str) -> None:
    assert log_texts.distance_text(km, units) == said
