"""Progression rules, one scenario at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.domain.profile import Injury, ParqQuestion
from bot.domain.programme import Cause, Change, PlanState, Reason, next_plan_state
from bot.domain.session_logs import MorningAfter, SessionLog
from tests.domain.programme_fixtures import BASE_PROFILE, MONDAY, good_log, make_profile

WEEK = timedelta(days=7)
STATE = PlanState(1, 2, MONDAY)  # 6 × 25 s reverse jog / 1 min walk
WALKING = PlanState(0, 2, MONDAY)


def days(*offsets: int) -> list[date]:
    return [MONDAY + timedelta(days=offset) for offset in offsets]


def two_good(**changes: Any) -> list[SessionLog]:
    """Two sessions a full week apart at the stage (Monday, Sunday); the second with `changes`."""
    first, second = days(0, 6)
    return [good_log(first), good_log(second, **changes)]


SUNDAY = days(6)[0]
N, H, P, S = Change.NONE, Change.HOLD, Change.PROGRESS, Change.STEP_BACK


@pytest.mark.parametrize(
    ("logs", "today", "change", "position", "reason"),
    [
        # Nothing logged, or too little to judge: no change.
        ([], MONDAY + WEEK, N, (1, 2, None), Reason(Cause.NONE_NO_LOGS)),
        ([good_log(MONDAY)], MONDAY + WEEK, N, (1, 2, None), Reason(Cause.NONE_TOO_EARLY)),
        (
            [good_log(MONDAY), good_log(days(2)[0])],
            MONDAY + WEEK,
            N,
            (1, 2, None),
            Reason(Cause.NONE_FULL_WEEK),
        ),
        (
            two_good(effort=None),
            MONDAY + WEEK,
            N,
            (1, 2, None),
            Reason(Cause.NONE_AWAITING_EFFORT, SUNDAY),
        ),
        # Not prescribed work: stopped early, cut down, or well short of the plan.
        (
            two_good(completed=False),
            MONDAY + WEEK,
            N,
            (1, 2, None),
            Reason(Cause.NONE_NOT_COUNTED, SUNDAY),
        ),
        (
            two_good(downgraded=True),
            MONDAY + WEEK,
            N,
            (1, 2, None),
            Reason(Cause.NONE_NOT_COUNTED, SUNDAY),
        ),
        (
            two_good(reverse_minutes=1.0, planned_reverse_minutes=2.5),
            MONDAY + WEEK,
            N,
            (1, 2, None),
            Reason(Cause.NONE_NOT_COUNTED, SUNDAY),
        ),
        # Two good sessions and a week at the stage: one step up. Pain 0-2 needs no morning
        # answer; pain that settled by the morning is tolerance too.
        (two_good(), MONDAY + WEEK, P, (1, 3, None), Reason(Cause.PROGRESS_STAGE)),
        (
            two_good(morning_after=None),
            MONDAY + WEEK,
            P,
            (1, 3, None),
            Reason(Cause.PROGRESS_STAGE),
        ),
        (
            two_good(pain=0, morning_after=None),
            SUNDAY,
            P,
            (1, 3, None),
            Reason(Cause.PROGRESS_STAGE),
        ),
        (two_good(pain=4), MONDAY + WEEK, P, (1, 3, None), Reason(Cause.PROGRESS_STAGE)),
        # Mixed: hold, naming the session.
        (two_good(effort=7), MONDAY + WEEK, H, (1, 2, None), Reason(Cause.HOLD_HARD, SUNDAY, 7)),
        (
            two_good(pain=4, morning_after=None),
            MONDAY + WEEK,
            H,
            (1, 2, None),
            Reason(Cause.HOLD_SOME_PAIN, SUNDAY, 4),
        ),
        (
            two_good(pain=2, morning_after=MorningAfter.SORE),
            MONDAY + WEEK,
            H,
            (1, 2, None),
            Reason(Cause.HOLD_SORE, SUNDAY, 2),
        ),
        (
            [good_log(MONDAY, effort=8), good_log(SUNDAY)],
            MONDAY + WEEK,
            H,
            (1, 2, None),
            Reason(Cause.HOLD_HARD, MONDAY, 8),
        ),
        # Safety: at once, from a single session, always to less.
        (two_good(pain=6), MONDAY + WEEK, S, (1, 1, None), Reason(Cause.PAIN, SUNDAY, 6)),
        (
            two_good(morning_after=MorningAfter.WORSE),
            MONDAY + WEEK,
            S,
            (1, 1, None),
            Reason(Cause.MORNING_WORSE, SUNDAY),
        ),
        # To walking, but fewer backward minutes than the 6 × 25 s of jogging: capped.
        (two_good(red_flag=True), MONDAY + WEEK, S, (0, 3, 100), Reason(Cause.RED_FLAG, SUNDAY)),
        ([good_log(MONDAY, red_flag=True)], MONDAY, S, (0, 3, 100), Reason(Cause.RED_FLAG, MONDAY)),
        ([good_log(MONDAY, pain=8)], MONDAY, S, (1, 1, None), Reason(Cause.PAIN, MONDAY, 8)),
        # Very hard twice in a row steps back; once only holds.
        (
            [good_log(MONDAY, effort=9), good_log(SUNDAY, effort=10)],
            MONDAY + WEEK,
            S,
            (1, 1, None),
            Reason(Cause.TOO_HARD, SUNDAY),
        ),
        (two_good(effort=9), MONDAY + WEEK, H, (1, 2, None), Reason(Cause.HOLD_HARD, SUNDAY, 9)),
        # Back after more than two weeks off: a level lower, capped to less.
        (two_good(), SUNDAY + timedelta(days=15), S, (0, 3, 100), Reason(Cause.BREAK, value=15)),
        (two_good(), SUNDAY + timedelta(days=14), P, (1, 3, None), Reason(Cause.PROGRESS_STAGE)),
    ],
)
def test_decisions(
    logs: list[SessionLog],
    today: date,
    change: Change,
    position: tuple[int, int, int | None],
    reason: Reason,
) -> None:
    decision = next_plan_state(BASE_PROFILE, STATE, logs, today)
    assert decision.change is change
    state = decision.state
    assert (state.level, state.stage, state.reverse_cap) == position
    assert decision.reason == reason
    if change in (Change.NONE, Change.HOLD):
        assert decision.state == STATE
    else:
        assert decision.state.since == today + timedelta(days=1)


def test_a_knee_that_felt_worse_says_knee() -> None:
    worse = next_plan_state(
        make_profile(injuries=frozenset({Injury.KNEES})),
        PlanState(0, 3, MONDAY),
        two_good(morning_after=MorningAfter.WORSE),
        MONDAY + WEEK,
    )
    assert worse.reason == Reason(Cause.MORNING_WORSE_KNEE, SUNDAY)


def test_moving_up_a_level_says_so() -> None:
    decision = next_plan_state(BASE_PROFILE, PlanState(1, 4, MONDAY), two_good(), MONDAY + WEEK)
    assert (decision.change, decision.state.level, decision.state.stage) == (Change.PROGRESS, 2, 1)
    assert decision.reason == Reason(Cause.PROGRESS_LEVEL)


def test_the_first_session_can_still_step_back_to_less_of_it() -> None:
    first = PlanState(0, 1, MONDAY)
    decision = next_plan_state(BASE_PROFILE, first, [good_log(MONDAY, pain=7)], MONDAY)
    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage, decision.state.reverse_cap) == (0, 1, 200)


def test_after_a_capped_step_back_the_cap_lifts_by_a_fifth_then_the_next_stage_follows() -> None:
    capped = PlanState(0, 3, MONDAY, reverse_cap=100)  # 3 × 33 s of walking
    lifted = next_plan_state(BASE_PROFILE, capped, two_good(), MONDAY + WEEK)
    again = next_plan_state(
        BASE_PROFILE, PlanState(0, 3, MONDAY, reverse_cap=120), two_good(), MONDAY + WEEK
    )
    assert (lifted.change, lifted.state.reverse_cap) == (Change.PROGRESS, 118)
    assert (again.state.level, again.state.stage, again.state.reverse_cap) == (1, 1, None)


def test_sessions_before_the_stage_began_are_not_judged_again() -> None:
    """The step back on Sunday consumed Sunday's pain; asking again changes nothing."""
    logs = two_good(pain=7)
    stepped = next_plan_state(BASE_PROFILE, STATE, logs, SUNDAY)
    again = next_plan_state(BASE_PROFILE, stepped.state, logs, SUNDAY + timedelta(days=1))
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
    assert capped.reason == Reason(Cause.HOLD_WALK_ONLY_CAP)


def test_a_new_health_answer_sends_a_jogger_back_to_walking() -> None:
    heart = make_profile(parq_yes=frozenset({ParqQuestion.HEART_CONDITION}))
    decision = next_plan_state(heart, PlanState(2, 3, MONDAY), [], MONDAY)
    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage) == (0, 1)
    assert decision.reason == Reason(Cause.WALK_ONLY)


def test_the_top_of_the_programme_holds() -> None:
    top = PlanState(3, 5, MONDAY)
    decision = next_plan_state(BASE_PROFILE, top, two_good(), MONDAY + WEEK)
    assert (decision.change, decision.state, decision.reason) == (
        Change.HOLD,
        top,
        Reason(Cause.HOLD_TOP),
    )


def test_plan_state_rejects_positions_that_do_not_exist() -> None:
    with pytest.raises(ValueError, match="no stage 6"):
        PlanState(1, 6, MONDAY)
    with pytest.raises(ValueError, match="level must be"):
        PlanState(4, 1, MONDAY)
