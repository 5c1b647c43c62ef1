"""Progression rules, one scenario at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.domain.profile import Injury, ParqQuestion
from bot.domain.programme import Change, PlanState, next_plan_state
from bot.domain.session_logs import MorningAfter, SessionLog
from bot.texts import programme as texts
from tests.domain.programme_fixtures import BASE_PROFILE, MONDAY, good_log, make_profile

WEEK = timedelta(days=7)
STATE = PlanState(1, 2, MONDAY)  # 6 × 25 s reverse jog / 1 min walk
WALKING = PlanState(0, 2, MONDAY)


def days(*offsets: int) -> list[date]:
    return [MONDAY + timedelta(days=offset) for offset in offsets]


def two_good(**changes: Any) -> list[SessionLog]:
    """Two sessions at the stage (Monday, Wednesday); the second one with `changes`."""
    first, second = days(0, 2)
    return [good_log(first), good_log(second, **changes)]


@pytest.mark.parametrize(
    ("logs", "today", "change", "position", "reason_start"),
    [
        # Nothing logged, or too little to judge: no change.
        ([], MONDAY + WEEK, Change.NONE, (1, 2), texts.NONE_NO_LOGS),
        ([good_log(MONDAY)], MONDAY + WEEK, Change.NONE, (1, 2), texts.NONE_TOO_EARLY),
        (two_good(), MONDAY + timedelta(days=3), Change.NONE, (1, 2), texts.NONE_FULL_WEEK),
        (two_good(morning_after=None), MONDAY + WEEK, Change.NONE, (1, 2), "We decide"),
        (two_good(effort=None), MONDAY + WEEK, Change.NONE, (1, 2), "We decide"),
        # Two good sessions and a week at the stage: one step up.
        (two_good(), MONDAY + WEEK, Change.PROGRESS, (1, 3), "Your last sessions felt"),
        (
            two_good(morning_after=MorningAfter.BETTER),
            MONDAY + WEEK,
            Change.PROGRESS,
            (1, 3),
            "Your last sessions felt",
        ),
        # Mixed: hold.
        (two_good(effort=7), MONDAY + WEEK, Change.HOLD, (1, 2), "Your last sessions felt hard"),
        (two_good(pain=4), MONDAY + WEEK, Change.HOLD, (1, 2), "You felt some pain"),
        (two_good(completed=False), MONDAY + WEEK, Change.HOLD, (1, 2), "Your last session wasn't"),
        (
            [good_log(MONDAY, effort=8), good_log(days(2)[0])],
            MONDAY + WEEK,
            Change.HOLD,
            (1, 2),
            "Your last sessions felt hard",
        ),
        # Safety: at once, from a single session.
        (two_good(pain=6), MONDAY + WEEK, Change.STEP_BACK, (1, 1), "Your pain went above 5"),
        (
            two_good(morning_after=MorningAfter.WORSE),
            MONDAY + WEEK,
            Change.STEP_BACK,
            (1, 1),
            "You felt worse the morning after",
        ),
        (
            two_good(red_flag=True),
            MONDAY + WEEK,
            Change.STEP_BACK,
            (0, 3),
            "You reported a warning",
        ),
        ([good_log(MONDAY, red_flag=True)], MONDAY, Change.STEP_BACK, (0, 3), "You reported"),
        ([good_log(MONDAY, pain=8)], MONDAY, Change.STEP_BACK, (1, 1), "Your pain went above 5"),
        # Very hard twice in a row steps back; once only holds.
        (
            [good_log(MONDAY, effort=9), good_log(days(2)[0], effort=10)],
            MONDAY + WEEK,
            Change.STEP_BACK,
            (1, 1),
            "Your last two sessions felt very hard",
        ),
        (two_good(effort=9), MONDAY + WEEK, Change.HOLD, (1, 2), "Your last sessions felt hard"),
        # Back after more than two weeks off: a level lower.
        (
            two_good(),
            days(2)[0] + timedelta(days=15),
            Change.STEP_BACK,
            (0, 3),
            "It's been 15 days",
        ),
        (two_good(), days(2)[0] + timedelta(days=14), Change.PROGRESS, (1, 3), "Your last"),
    ],
)
def test_decisions(
    logs: list[SessionLog],
    today: date,
    change: Change,
    position: tuple[int, int],
    reason_start: str,
) -> None:
    decision = next_plan_state(BASE_PROFILE, STATE, logs, today)
    assert decision.change is change
    assert (decision.state.level, decision.state.stage) == position
    assert decision.reason.startswith(reason_start)
    if change in (Change.NONE, Change.HOLD):
        assert decision.state == STATE
    else:
        assert decision.state.since == today + timedelta(days=1)


def test_reasons_say_what_comes_next() -> None:
    progress = next_plan_state(BASE_PROFILE, STATE, two_good(), MONDAY + WEEK)
    assert progress.reason == (
        "Your last sessions felt comfortable with no lasting pain, so we add one small step: "
        "6 × 30 s reverse jog / 1 min walk."
    )
    worse = next_plan_state(
        make_profile(injuries=frozenset({Injury.KNEES})),
        STATE,
        two_good(morning_after=MorningAfter.WORSE),
        MONDAY + WEEK,
    )
    assert worse.reason == (
        "Your knee felt worse the morning after, so we go back to an easier session: "
        "5 × 25 s reverse jog / 1 min walk."
    )
    red_flag = next_plan_state(BASE_PROFILE, STATE, two_good(red_flag=True), MONDAY + WEEK)
    assert red_flag.reason == (
        "You reported a warning sign, so we go back to level 0: 12 × 35 s reverse walk / 30 s "
        "walk. Please get it checked by a doctor before you push on."
    )


def test_moving_up_a_level_says_so() -> None:
    decision = next_plan_state(BASE_PROFILE, PlanState(1, 4, MONDAY), two_good(), MONDAY + WEEK)
    assert (decision.change, decision.state.level, decision.state.stage) == (Change.PROGRESS, 2, 1)
    assert "you move up to level 2: 7 × 30 s reverse jog / 1 min forward jog" in decision.reason


def test_the_first_session_can_still_step_back_and_restarts_it() -> None:
    first = PlanState(0, 1, MONDAY)
    decision = next_plan_state(BASE_PROFILE, first, [good_log(MONDAY, pain=7)], MONDAY)
    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage) == (0, 1)
    assert "so we stay with the gentlest session" in decision.reason


def test_sessions_before_the_stage_began_are_not_judged_again() -> None:
    """The step back on Wednesday consumed Wednesday's pain; asking again changes nothing."""
    logs = two_good(pain=7)
    stepped = next_plan_state(BASE_PROFILE, STATE, logs, days(2)[0])
    again = next_plan_state(BASE_PROFILE, stepped.state, logs, days(3)[0])
    assert stepped.change is Change.STEP_BACK
    assert again.change is Change.NONE
    assert again.state == stepped.state


def test_a_break_steps_back_only_once() -> None:
    logs = two_good()
    back = next_plan_state(BASE_PROFILE, STATE, logs, MONDAY + 3 * WEEK)
    again = next_plan_state(BASE_PROFILE, back.state, logs, MONDAY + 3 * WEEK + timedelta(days=1))
    assert back.change is Change.STEP_BACK
    assert again.change is Change.NONE


def test_a_break_at_the_start_of_level_zero_restarts_it() -> None:
    decision = next_plan_state(BASE_PROFILE, WALKING, two_good(), MONDAY + 4 * WEEK)
    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage) == (0, 1)


def test_logs_after_today_are_ignored() -> None:
    future = [good_log(MONDAY + WEEK, red_flag=True)]
    assert next_plan_state(BASE_PROFILE, STATE, future, MONDAY).change is Change.NONE


def test_walk_only_runners_progress_within_level_zero_but_never_past_it() -> None:
    dizzy = make_profile(parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}))
    within = next_plan_state(dizzy, WALKING, two_good(), MONDAY + WEEK)
    capped = next_plan_state(dizzy, PlanState(0, 3, MONDAY), two_good(), MONDAY + WEEK)
    assert (within.change, within.state.stage) == (Change.PROGRESS, 3)
    assert (capped.change, capped.state.level) == (Change.HOLD, 0)
    assert capped.reason == texts.HOLD_WALK_ONLY_CAP


def test_a_new_health_answer_sends_a_jogger_back_to_walking() -> None:
    heart = make_profile(parq_yes=frozenset({ParqQuestion.HEART_CONDITION}))
    decision = next_plan_state(heart, PlanState(2, 3, MONDAY), [], MONDAY)
    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage) == (0, 1)
    assert decision.reason.startswith("Until a doctor clears you")


def test_the_top_of_the_programme_holds() -> None:
    top = PlanState(3, 5, MONDAY)
    decision = next_plan_state(BASE_PROFILE, top, two_good(), MONDAY + WEEK)
    assert (decision.change, decision.state, decision.reason) == (Change.HOLD, top, texts.HOLD_TOP)


def test_plan_state_rejects_positions_that_do_not_exist() -> None:
    with pytest.raises(ValueError, match="no stage 5"):
        PlanState(1, 5, MONDAY)
    with pytest.raises(ValueError, match="level must be"):
        PlanState(4, 1, MONDAY)
