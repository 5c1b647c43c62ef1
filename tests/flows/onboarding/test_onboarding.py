"""Onboarding and /profile through the emulated Bot API: happy paths, PAR-Q, restarts, bad input."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
from datetime import time

import pytest

from bot.domain.onboarding import STEP_BY_ID, StepId
from bot.domain.profile import Experience, Goal, ParqQuestion, Place, Units
from bot.domain.programme import Cause
from bot.texts import common
from bot.texts import onboarding as questions
from bot.texts import onboarding_flow as flow
from bot.texts import safety as safety_texts
from bot.texts.onboarding_prompts import question_text
from tests.support.harness import ChatRunner, Coach, texts
from tests.support.onboarding_script import TYPED_ANSWERS, answer_until


def _question(step: StepId, sessions: int = 3) -> str:
    answers = {StepId.SESSIONS: str(sessions)}
    return question_text(STEP_BY_ID[step], answers)


async def _draft_step_count(coach: Coach, runner: ChatRunner) -> int:
    draft = await coach.services.profiles.get_draft(runner.chat_id)
    return 0 if draft is None else len(draft.answers)


async def test_typed_answers_build_the_profile(coach: Coach) -> None:
    runner = coach.runner(101, "Gus")

    await answer_until(runner)

    profile = await coach.services.profiles.get(101)
    assert profile is not None
    assert profile.age == 34
    assert profile.experience is Experience.REGULAR
    assert profile.weekly_km == 15
    assert profile.goals == {Goal.BALANCE, Goal.KNEE}
    assert profile.injuries == frozenset()
    assert profile.places == {Place.TRACK, Place.PARK}
    assert profile.weekdays == (0, 2, 4)
    assert profile.session_time == time(18, 0)
    assert profile.timezone == "Europe/London"
    assert profile.units is Units.KM
    assert not profile.walk_only
    assert await coach.services.profiles.get_draft(101) is None
    final = runner.inbox()[-1]["text"]
    assert final.startswith(flow.ALL_SET)
    assert "Your first session:" in final
    assert "18:00" in final
    plan = await coach.services.plans.get(101)
    assert plan is not None
    assert plan.state.level == 0  # knee health is one of the goals: walking first
    assert plan.reason.cause is Cause.START_KNEE


async def test_every_question_is_asked_in_order(coach: Coach) -> None:
    runner = coach.runner(102)
    asked: list[str] = texts(await runner.send("/start"))
    for _, answer in TYPED_ANSWERS:
        asked += texts(await runner.send(answer))

    positions = [
        next(i for i, text in enumerate(asked) if _question(step) in text)
        for step, _ in TYPED_ANSWERS
    ]
    assert positions == sorted(positions)
    assert questions.QUESTIONS["acknowledgement"] in "".join(asked)  # the note, shown once
    assert "".join(asked).count("not medical advice") == 1


async def test_buttons_alone_complete_onboarding(coach: Coach) -> None:
    runner = coach.runner(103)
    await runner.send("/start")
    await runner.send("41")
    await runner.tap("Not yet")  # weekly distance is skipped
    await runner.tap("Posture")
    await runner.tap("Done")
    await runner.tap("Knees")
    await runner.tap("Done")
    await runner.tap("Yes")  # physio supervises
    await runner.tap("Treadmill")
    await runner.tap("Done")
    await runner.tap("2 a week")
    await runner.tap("Tue")
    await runner.tap("Fri")
    await runner.tap("Done")
    await runner.tap(questions.TIME_LABELS["07:00"])
    await runner.tap(questions.ZONE_LABELS["America/New_York"])
    await runner.tap("Miles")
    for _ in range(7):
        await runner.tap("No")
    await runner.tap("Got it")

    profile = await coach.services.profiles.get(103)
    assert profile is not None
    assert profile.weekly_km == 0
    assert profile.physio_supervised
    assert profile.places == {Place.TREADMILL}
    assert profile.weekdays == (1, 4)
    assert profile.timezone == "America/New_York"
    assert profile.units is Units.MILES


@pytest.mark.parametrize("question", list(ParqQuestion))
async def test_any_parq_yes_makes_the_profile_walk_only_and_says_why(
    coach: Coach, question: ParqQuestion
) -> None:
    runner = coach.runner(104)

    await answer_until(runner, overrides={StepId(f"parq_{question}"): "yes"})

    profile = await coach.services.profiles.get(104)
    assert profile is not None
    assert profile.parq_yes == {question}
    assert profile.walk_only
    final = runner.inbox()[-1]["text"].lower()
    assert "doctor" in final
    assert questions.SUMMARY_START_WALK_ONLY.lower().lstrip("• ") in final


async def test_clearance_from_profile_lifts_walk_only_once_confirmed(coach: Coach) -> None:
    runner = coach.runner(105)
    await answer_until(runner, overrides={StepId.PARQ_DIZZINESS_BALANCE: "yes"})

    await runner.send("/profile")
    await runner.tap(flow.PROFILE_CLEARED_BUTTON)
    held = await coach.services.profiles.get(105)
    assert held is not None and held.walk_only  # one tap is not a clearance
    assert runner.inbox()[-1]["text"] == safety_texts.CLEARANCE_CONFIRM
    await runner.tap(safety_texts.CLEARANCE_YES)

    profile = await coach.services.profiles.get(105)
    assert profile is not None
    assert not profile.walk_only
    assert runner.inbox()[-1]["text"] == flow.PROFILE_CLEARED


async def test_a_restart_mid_way_continues_with_the_next_answer(coach: Coach) -> None:
    runner = coach.runner(106)
    await answer_until(runner, stop_before=StepId.PLACES)

    await coach.restart()
    replies = texts(await runner.send("track"))

    assert replies[-1] == _question(StepId.SESSIONS)


async def test_a_crash_that_lost_the_routing_state_still_continues(coach: Coach) -> None:
    runner = coach.runner(107)
    await answer_until(runner, stop_before=StepId.SESSIONS)
    # A kill -9 before PTB wrote the conversation state: only our draft survives.
    async with coach.services.db.transaction() as tx:
        await tx.execute("DELETE FROM ptb_conversations")
    await coach.restart()

    replies = texts(await runner.send("2"))

    assert replies[-1] == _question(StepId.WEEKDAYS, sessions=2)


async def test_an_old_button_after_a_restart_reprompts_the_current_question(coach: Coach) -> None:
    runner = coach.runner(108)
    await runner.send("/start")
    await runner.send("30")
    experience_question = copy.deepcopy(runner.last_keyboard_message())  # as the phone kept it
    await runner.tap("Regularly")
    await coach.restart()

    replies = texts(await runner.tap("I race", experience_question))

    assert replies[0] == flow.STALE_BUTTON
    assert replies[1] == _question(StepId.WEEKLY_KM)


BAD_INPUTS = ["sticker", "photo", "voice", "command"]


@pytest.mark.parametrize("kind", BAD_INPUTS)
async def test_bad_input_at_every_step_reprompts_that_step_and_stores_nothing(
    coach: Coach, kind: str
) -> None:
    runner = coach.runner(109)
    await runner.send("/start")
    for step, answer in TYPED_ANSWERS:
        stored_before = await _draft_step_count(coach, runner)
        payload = runner.user.text("/plan") if kind == "command" else getattr(runner.user, kind)()

        replies = texts(await runner.send_payload(payload))

        expected = flow.FINISH_FIRST if kind == "command" else flow.NOT_AN_ANSWER
        assert replies[0] == expected, step
        assert _question(step) in replies[1], step
        assert await _draft_step_count(coach, runner) == stored_before
        await runner.send(answer)


@pytest.mark.parametrize(
    ("step", "bad", "fragment"),
    [
        (StepId.AGE, "150", "age"),
        (StepId.AGE, "1990", "year"),
        (StepId.SESSIONS, "7", "4"),
        (StepId.PLACES, "the sidewalk", "sidewalk"),
        (StepId.TIMEZONE, "Mars", ""),
        (StepId.SESSION_TIME, "25:99", ""),
    ],
)
async def test_out_of_range_answers_are_refused_kindly(
    coach: Coach, step: StepId, bad: str, fragment: str
) -> None:
    runner = coach.runner(110)
    await answer_until(runner, stop_before=step)
    stored = await _draft_step_count(coach, runner)

    [reply] = texts(await runner.send(bad))

    assert fragment.lower() in reply.lower()
    assert await _draft_step_count(coach, runner) == stored


async def test_a_location_answers_the_time_zone(coach: Coach) -> None:
    runner = coach.runner(111)
    await answer_until(runner, stop_before=StepId.TIMEZONE)

    await runner.send_payload(runner.user.location(48.8566, 2.3522))

    draft = await coach.services.profiles.get_draft(111)
    assert draft is not None
    assert draft.answers[StepId.TIMEZONE] == "Europe/Paris"


async def test_cancel_then_start_offers_to_carry_on_or_start_over(coach: Coach) -> None:
    runner = coach.runner(112)
    await answer_until(runner, stop_before=StepId.GOALS)

    assert texts(await runner.send("/cancel")) == [flow.PAUSED]
    assert texts(await runner.send("/start")) == [flow.RESUME_OFFER]
    assert texts(await runner.tap(flow.RESUME_CONTINUE))[-1] == _question(StepId.GOALS)

    await runner.send("/cancel")
    await runner.send("/start")
    replies = texts(await runner.tap(flow.RESUME_RESTART))

    assert replies[-1] == _question(StepId.AGE)
    assert await _draft_step_count(coach, runner) == 0


async def test_start_again_never_wipes_a_profile(coach: Coach) -> None:
    runner = coach.runner(113, "Hal")
    await answer_until(runner)

    [reply] = texts(await runner.send("/start"))

    assert reply.startswith(flow.WELCOME_BACK.format(name="Hal"))
    assert await coach.services.profiles.get(113) is not None


async def test_profile_changes_one_field_and_keeps_the_rest(coach: Coach) -> None:
    runner = coach.runner(114)
    await answer_until(runner)
    before = await coach.services.profiles.get(114)

    await runner.send("/profile")
    await runner.tap(flow.PROFILE_FIELD_LABELS["units"])
    replies = texts(await runner.send("miles"))

    after = await coach.services.profiles.get(114)
    assert before is not None and after is not None
    assert after.units is Units.MILES
    assert after == dataclasses.replace(before, units=Units.MILES)
    assert replies[-1] == (
        "✅ Changed:\n• Running now: regularly, about 9 miles a week\n• Units: miles"
        "\n\nDistances show in these units from now on."
    )


async def test_a_profile_change_answers_with_the_change_and_its_consequence_only(
    coach: Coach,
) -> None:
    runner = coach.runner(121)
    await answer_until(runner)
    for _ in range(5):  # a runner well into the plan
        await runner.send("/log yesterday 10 min effort 4 pain 0")

    await runner.send("/profile")
    await runner.tap(flow.PROFILE_FIELD_LABELS["time"])
    [reply] = texts(await runner.send("19:00"))

    assert reply == (
        "✅ Changed:\n• When: Mon, Wed and Fri at 19:00 (London time)"
        "\n\nYour sessions, and their reminders, moved to the new time."
    )


async def test_a_negative_age_is_refused_kindly_not_taken_for_a_child(coach: Coach) -> None:
    runner = coach.runner(122)
    await answer_until(runner)
    await runner.send("/profile")
    await runner.tap(flow.PROFILE_FIELD_LABELS["age"])

    [refusal] = texts(await runner.send("-3"))
    [reply] = texts(await runner.send("43"))

    assert refusal == "An age can't be zero or below 🙂 Please type it in years, like 34."
    assert reply == "✅ Changed:\n• Age: 43"


async def test_profile_change_of_sessions_asks_for_days_again(coach: Coach) -> None:
    runner = coach.runner(115)
    await answer_until(runner)

    await runner.send("/profile")
    await runner.tap(flow.PROFILE_FIELD_LABELS["days"])
    await runner.send("2")
    await runner.send("tue fri")

    profile = await coach.services.profiles.get(115)
    assert profile is not None
    assert (profile.sessions_per_week, profile.weekdays) == (2, (1, 4))


async def test_cancel_during_a_profile_change_keeps_the_profile(coach: Coach) -> None:
    runner = coach.runner(116)
    await answer_until(runner)
    await runner.send("/profile")
    await runner.tap(flow.PROFILE_FIELD_LABELS["age"])

    assert texts(await runner.send("/cancel")) == [common.CANCELLED]
    profile = await coach.services.profiles.get(116)
    assert profile is not None and profile.age == 34
    assert await coach.services.profiles.get_draft(116) is None


async def test_profile_before_onboarding_points_to_start(coach: Coach) -> None:
    assert texts(await coach.runner(117).send("/profile")) == [flow.PROFILE_NONE]


async def test_two_runners_onboarding_at_once_stay_apart(coach: Coach) -> None:
    ana, ben = coach.runner(118, "Ana"), coach.runner(119, "Ben")
    await asyncio.gather(
        answer_until(ana, overrides={StepId.AGE: "25", StepId.UNITS: "mi"}),
        answer_until(ben, overrides={StepId.AGE: "62", StepId.PARQ_BONE_JOINT: "yes"}),
    )

    a, b = await coach.services.profiles.get(118), await coach.services.profiles.get(119)
    assert a is not None and b is not None
    assert (a.age, a.units, a.walk_only) == (25, Units.MILES, False)
    assert (b.age, b.units, b.walk_only) == (62, Units.KM, True)


@pytest.mark.parametrize("method", ["editMessageText", "editMessageReplyMarkup"])
async def test_a_refused_edit_loses_no_answer(coach: Coach, method: str) -> None:
    runner = coach.runner(120)
    await answer_until(runner, stop_before=StepId.GOALS)
    coach.emulator.fail_next(400, method=method)  # e.g. "message can't be edited"

    await runner.tap("Posture")
    replies = texts(await runner.tap("Done"))

    draft = await coach.services.profiles.get_draft(120)
    assert draft is not None
    assert draft.answers[StepId.GOALS] == "posture"
    assert replies[-1] == _question(StepId.INJURIES)
    assert common.SOMETHING_WENT_WRONG not in [m.get("text") for m in runner.inbox()]


async def test_ticked_days_echo_in_week_order(coach: Coach) -> None:
    runner = coach.runner(123)
    await answer_until(runner, stop_before=StepId.WEEKDAYS)
    days = runner.last_keyboard_message()
    for day in ("Fri", "Mon", "Wed"):
        await runner.tap(day, days)

    calls = await runner.tap("Done", days)

    [echo] = [str(c.params["text"]) for c in calls if c.method == "editMessageText"]
    assert echo.endswith("→ Mon, Wed and Fri")


async def test_goals_with_their_own_and_read_naturally(coach: Coach) -> None:
    runner = coach.runner(124)
    await answer_until(runner, overrides={StepId.GOALS: "knee health, balance"})

    [summary] = texts(await runner.send("/profile"))

    assert "• Goals: knee health, balance and coordination\n" in summary
