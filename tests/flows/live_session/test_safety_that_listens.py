"""Safety that listens, through the real application: words typed mid-session, red flags,
clearance after an SOS, notes that accumulate, precautions that follow the runner, one
session a day."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.domain.profile import Goal, ParqQuestion, Place
from bot.flows.live_session import sos
from bot.runtime.services import Services
from bot.texts import onboarding as onboarding_texts
from bot.texts import onboarding_flow as flow_texts
from bot.texts import safety as safety_texts
from tests.support.harness import Coach, running_coach, texts
from tests.support.live_session import (
    TRACK_JOGGER,
    is_cue,
    pass_safety_check,
    register,
    texts_to,
    wait_until,
)

CHAT = TRACK_JOGGER.user_id
# Slow enough that no session ends by itself during a test (16 min take 8 min).
SCALE = 2.0


@pytest.fixture
async def coach(tmp_path: Path) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, time_scale=SCALE) as running:
        yield running


async def _in_session(coach: Coach, profile=TRACK_JOGGER):  # type: ignore[no-untyped-def]
    runner = await register(coach, profile)
    await pass_safety_check(runner)
    await wait_until(lambda: any(is_cue(text) for text in texts_to(coach, profile.user_id)))
    return runner


def _not_cues(calls: list) -> list[str]:  # type: ignore[type-arg]
    return [text for text in texts(calls) if not is_cue(text)]


async def test_my_knee_hurts_asks_how_bad_and_above_5_stops(coach: Coach) -> None:
    runner = await _in_session(coach)

    [question] = _not_cues(await runner.send("my knee hurts"))
    assert question == safety_texts.HOW_BAD
    assert runner.buttons(runner.inbox()[-1]) == [str(n) for n in range(11)]
    assert await coach.services.live_sessions.get(CHAT) is not None  # nothing stopped yet

    sent = _not_cues(await runner.tap("7"))
    assert sent[0] == safety_texts.STOP_ADVICE["joint"]
    assert await coach.services.live_sessions.get(CHAT) is None
    [entry] = await coach.services.logs.recent(CHAT)
    assert (entry.pain, entry.red_flag) == (7, True)
    assert [note.text for note in entry.notes] == ["my knee hurts"]
    assert await coach.services.logs.pending_checkins()  # the next-morning check


async def test_pain_up_to_5_goes_on_with_the_pain_rule(coach: Coach) -> None:
    runner = await _in_session(coach)
    await runner.send("knee is sore")
    [answer] = _not_cues(await runner.tap("3"))
    assert answer == safety_texts.BEARABLE_PAIN.format(pain=3)
    assert await coach.services.live_sessions.get(CHAT) is not None


async def test_chest_feels_tight_stops_sets_walk_only_and_asks_the_readiness_again(
    coach: Coach,
) -> None:
    runner = await _in_session(coach, replace(TRACK_JOGGER, goals=frozenset({Goal.FUN})))

    sent = _not_cues(await runner.send("chest feels tight"))
    assert sent[0] == safety_texts.STOP_ADVICE["cardiac"]
    assert safety_texts.READINESS_AGAIN in sent
    assert await coach.services.live_sessions.get(CHAT) is None
    profile = await coach.services.profiles.get(CHAT)
    assert profile is not None and profile.walk_only and profile.safety_hold
    [entry] = await coach.services.logs.recent(CHAT)
    assert entry.red_flag

    [first_parq] = texts(await runner.tap(safety_texts.READINESS_AGAIN_BUTTON))
    assert onboarding_texts.PARQ_INTRO in first_parq
    # The plan is walk-only from now on (level 0: backward walking).
    await runner.send("/cancel")
    await runner.send("/plan")
    plan = await coach.services.plans.get(CHAT)
    assert plan is not None and plan.state.level == 0


async def test_a_clearance_tap_right_after_an_sos_is_not_accepted(coach: Coach) -> None:
    dizzy = replace(TRACK_JOGGER, parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}))
    runner = await register(coach, dizzy)
    await runner.send("/go")
    for label in ("Running track", "Yes, all three", "No", "No, I'm fresh", "0", "Ready"):
        await runner.tap(label)
    await wait_until(lambda: any(is_cue(text) for text in texts_to(coach, CHAT)))
    await runner.tap("I feel unwell")
    assert safety_texts.SOS_WHICH_QUESTION in texts_to(coach, CHAT)

    await runner.send("/profile")
    await runner.tap(flow_texts.PROFILE_CLEARED_BUTTON)
    assert runner.inbox()[-1]["text"] == safety_texts.CLEARANCE_TOO_SOON
    profile = await coach.services.profiles.get(CHAT)
    assert profile is not None and profile.walk_only


async def test_notes_from_two_replies_both_survive_in_history_and_export(coach: Coach) -> None:
    runner = await _in_session(coach)
    assert _not_cues(await runner.send("windy out here")) == [safety_texts.NOTE_KEPT]
    await runner.send("/stop")
    await runner.tap("5")  # effort
    await runner.tap("0")  # pain
    # Each note is said back with the log it joined.
    for note in ("it was cold", "hello coach"):
        [echo] = texts(await runner.send(note))
        assert echo.startswith("Logged:") and f'"{note}"' in echo

    [history] = texts(await runner.send("/history"))
    for note in ("windy out here", "it was cold", "hello coach"):
        assert f"“{note}”" in history
    calls = await runner.send("/export")
    [csv_file] = [
        coach.emulator.files.contents[call.result["document"]["file_id"]]
        for call in calls
        if call.method == "sendDocument" and call.params["filename"].endswith(".csv")
    ]
    [row] = list(csv.DictReader(io.StringIO(csv_file.decode("utf-8-sig"))))
    assert row["notes"].splitlines() == ["windy out here", "it was cold", "hello coach"]


async def test_the_dizzy_runners_go_asks_the_dizziness_question(coach: Coach) -> None:
    dizzy = replace(
        TRACK_JOGGER,
        places=frozenset({Place.HALLWAY, Place.TREADMILL}),
        parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}),
    )
    runner = await register(coach, dizzy)
    await runner.send("/go")
    assert "Treadmill" not in " ".join(runner.buttons(runner.last_keyboard_message()))
    [hallway_check] = texts(await runner.tap("hallway"))
    assert safety_texts.QUESTIONS["surface_ok.hallway"] in hallway_check
    [dizzy_question] = texts(await runner.tap("Yes, all three"))
    assert dizzy_question.endswith(safety_texts.QUESTIONS["dizzy_today"])
    [postponed] = texts(await runner.tap("Yes"))
    assert postponed.endswith(safety_texts.REASONS["dizzy_today"])
    assert await coach.services.live_sessions.get(CHAT) is None


async def test_a_second_go_on_one_day_asks_first(coach: Coach) -> None:
    runner = await _in_session(coach)
    await runner.send("/stop")
    [asked] = texts(await runner.send("/go"))
    assert asked == safety_texts.QUESTIONS["again_today"]
    [rested] = texts(await runner.tap("No, I'll rest"))
    assert rested.endswith(safety_texts.REASONS["rest_today"])

    await runner.send("/go")
    await runner.tap("Yes, a short extra one")
    await pass_rest_of_check(runner)
    stored = await coach.services.live_sessions.get(CHAT)
    assert stored is not None and stored.downgraded  # an extra session does not count


async def pass_rest_of_check(runner) -> None:  # type: ignore[no-untyped-def]
    for label in ("Running track", "Yes, all three", "No, I'm fresh", "0", "Ready"):
        await runner.tap(label)


VIENNA_PARK = replace(
    TRACK_JOGGER, places=frozenset({Place.PARK, Place.HALLWAY}), timezone="Europe/Vienna"
)


@pytest.mark.parametrize(
    ("now", "dark"),
    [
        (datetime(2026, 12, 15, 17, 30, tzinfo=UTC), True),  # 18:30 in Vienna, sunset ~16:00
        (datetime(2026, 6, 15, 16, 30, tzinfo=UTC), False),  # 18:30 in Vienna, sunset ~21:00
    ],
    ids=["december", "june"],
)
async def test_an_evening_park_session_in_vienna_is_warned_as_dark_only_in_winter(
    coach: Coach, monkeypatch: pytest.MonkeyPatch, now: datetime, dark: bool
) -> None:
    monkeypatch.setattr(Services, "now", staticmethod(lambda: now))
    runner = await register(coach, VIENNA_PARK)
    await runner.send("/go")
    [park_check] = texts(await runner.tap("Park"))
    assert ("🌙 It will be dark" in park_check) is dark
    # Indoors is exempt, whatever the hour.
    await runner.send("/go")
    assert all("🌙" not in text for text in texts(await runner.tap("hallway")))


def test_onboarding_warns_when_the_chosen_time_is_dark_in_some_months() -> None:
    from bot.flows.onboarding.conversation import _dark_time_note

    evening = replace(VIENNA_PARK, session_time=time(18, 0))
    note = _dark_time_note(evening, datetime(2026, 6, 15, 12, tzinfo=UTC))
    assert "Jan" in note and "Dec" in note and "Jun" not in note
    indoors = replace(evening, places=frozenset({Place.HALLWAY}))
    assert _dark_time_note(indoors, datetime(2026, 6, 15, 12, tzinfo=UTC)) == ""


async def test_the_dizzy_runners_timeline_reminds_her_of_the_wall(coach: Coach) -> None:
    dizzy = replace(
        TRACK_JOGGER,
        places=frozenset({Place.HALLWAY}),
        parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}),
    )
    runner = await register(coach, dizzy)
    await runner.send("/go")
    for label in ("hallway", "Yes, all three", "No", "No, I'm fresh", "0"):
        await runner.tap(label)
    [timeline] = [text for text in texts(await runner.tap("Ready")) if "✔︎" in text]
    assert safety_texts.PRECAUTION_REMINDERS["dizziness"] in timeline
    assert "jog" not in timeline.split("\n\n", 2)[-1].lower()


async def test_an_unclear_sign_pauses_for_one_question_and_passing_resumes(coach: Coach) -> None:
    runner = await _in_session(coach)
    sent = _not_cues(await runner.send("feeling a bit dizzy"))
    assert sent[-1] == safety_texts.WHICH_QUESTION
    stored = await coach.services.live_sessions.get(CHAT)
    assert stored is not None and stored.live.paused
    await runner.tap("It's passing")
    stored = await coach.services.live_sessions.get(CHAT)
    assert stored is not None and not stored.live.paused


async def test_a_fall_stops_asks_if_hurt_and_the_next_check_gives_place_advice(
    coach: Coach,
) -> None:
    runner = await _in_session(coach)
    sent = _not_cues(await runner.send("tripped on the kerb of the track"))
    assert sent[0] == safety_texts.STOP_ADVICE["fall"]
    assert sent[-1] == safety_texts.HURT_QUESTION
    assert texts(await runner.tap("No, just shaken")) == [safety_texts.HURT_NO]
    [entry] = await coach.services.logs.recent(CHAT)
    assert not entry.red_flag  # not hurt: no step back

    go = texts(await runner.send("/go"))
    assert go[0] == safety_texts.PLACE_ADVICE["track"]
    assert safety_texts.PLACE_ADVICE["track"] not in texts(await runner.send("/go"))


async def test_a_follow_up_later_that_day_asks_how_they_are_even_after_a_restart(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Later that day" in 4 s of the runner's time (2 s at this scale), whatever the hour.
    monkeypatch.setattr(sos, "_follow_up_wait", lambda profile, now: 4.0)
    runner = await _in_session(coach)
    await runner.tap("I feel unwell")
    await coach.restart()
    await wait_until(lambda: safety_texts.FOLLOW_UP in texts_to(coach, CHAT), within=10)
    assert await coach.services.safety_stops.pending_follow_ups() == []


async def test_text_the_next_day_is_never_added_to_yesterdays_session(coach: Coach) -> None:
    runner = await _in_session(coach)
    await runner.send("/stop")
    await runner.tap("5")
    await runner.tap("0")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    await coach.services.db.execute("UPDATE log_prompts SET asked_at = ?", (yesterday,))

    assert not any(text.startswith("Logged:") for text in texts(await runner.send("hello coach")))
    [entry] = await coach.services.logs.recent(CHAT)
    assert entry.notes == ()


async def test_after_the_sos_button_one_question_decides_what_it_means(coach: Coach) -> None:
    runner = await _in_session(coach)
    sent = texts(await runner.tap("I feel unwell"))
    assert sent[0] == safety_texts.UNWELL_ADVICE and sent[-1] == safety_texts.SOS_WHICH_QUESTION
    profile = await coach.services.profiles.get(CHAT)
    assert profile is not None and not profile.walk_only  # not before the answer

    assert safety_texts.READINESS_AGAIN in texts(await runner.tap("Chest, heart"))
    profile = await coach.services.profiles.get(CHAT)
    assert profile is not None and profile.walk_only


async def test_an_unclear_sign_after_a_session_is_decided_by_one_question(coach: Coach) -> None:
    runner = await _in_session(coach, replace(TRACK_JOGGER, goals=frozenset({Goal.FUN})))
    await runner.send("/stop")
    sent = texts(await runner.send("felt lightheaded at the end, 4"))
    assert sent[0] == safety_texts.AFTER_ADVICE["unclear"]
    assert sent[-1] == safety_texts.SOS_WHICH_QUESTION
    assert safety_texts.READINESS_AGAIN in texts(await runner.tap("Chest, heart"))
    profile = await coach.services.profiles.get(CHAT)
    assert profile is not None and profile.walk_only
