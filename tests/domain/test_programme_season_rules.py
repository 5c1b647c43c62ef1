"""The decisions a coach must get right over a season (COACHING.md), checked over the whole
table of levels, stages and routes."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import given

from bot.domain.profile import Experience, Goal, Place, Profile
from bot.domain.programme import (
    LADDERS,
    Cause,
    Change,
    PlanState,
    Route,
    StepKind,
    current_template,
    intensity,
    next_plan_state,
    route_for,
    starting_level,
)
from bot.domain.session_logs import MorningAfter
from bot.texts import programme as programme_texts
from bot.texts.session_timeline import build_session_timeline
from tests.domain.programme_fixtures import MONDAY, good_log, make_profile
from tests.domain.test_programme_properties import profiles

RUNNERS: dict[Route, Profile] = {
    Route.WALKER: make_profile(experience=Experience.NONE),
    Route.RUNNER: make_profile(experience=Experience.REGULAR),
    Route.KNEE: make_profile(experience=Experience.OCCASIONAL, goals=frozenset({Goal.KNEE})),
}
CAPS = (None, 100, 250)
WEEK_LATER = MONDAY + timedelta(days=7)
# What steps back: a red flag, pain above 5, a joint worse the next morning, a long break.
SETBACKS = {
    "red flag": ([good_log(MONDAY, red_flag=True)], MONDAY),
    "pain 7": ([good_log(MONDAY, pain=7)], MONDAY),
    "worse joint": ([good_log(MONDAY, morning_after=MorningAfter.WORSE)], MONDAY),
    "break": ([good_log(MONDAY - timedelta(days=1))], MONDAY + timedelta(days=20)),
}
POSITIONS = [
    (route, template.level, template.stage, cap)
    for route, ladder in LADDERS.items()
    for template in ladder
    for cap in CAPS
]


def test_each_route_is_the_one_its_runners_get() -> None:
    assert {route: route_for(profile) for route, profile in RUNNERS.items()} == {
        route: route for route in RUNNERS
    }


@pytest.mark.parametrize("setback", SETBACKS)
@pytest.mark.parametrize(("route", "level", "stage", "cap"), POSITIONS)
def test_stepping_back_always_means_fewer_backward_minutes_and_no_harder_work(
    route: Route, level: int, stage: int, cap: int | None, setback: str
) -> None:
    profile = RUNNERS[route]
    state = PlanState(level, stage, MONDAY - timedelta(days=1), cap)
    logs, today = SETBACKS[setback]

    decision = next_plan_state(profile, state, logs, today)

    before, after = current_template(profile, state), current_template(profile, decision.state)
    assert decision.change is Change.STEP_BACK
    assert after.reverse_seconds < before.reverse_seconds
    assert intensity(after) <= intensity(before)


@pytest.mark.parametrize("route", [Route.WALKER, Route.KNEE])
def test_only_runners_who_already_run_jog_forwards(route: Route) -> None:
    ladder = LADDERS[route]
    assert all(t.recovery is not StepKind.FORWARD_JOG and not t.easy_run_seconds for t in ladder)
    assert any(t.recovery is StepKind.FORWARD_JOG for t in LADDERS[Route.RUNNER])


def test_knee_runners_reach_ten_minutes_of_backward_walking_before_any_jogging() -> None:
    ladder = LADDERS[Route.KNEE]
    first_jog = next(i for i, t in enumerate(ladder) if t.bout is StepKind.REVERSE_JOG)
    assert ladder[first_jog - 1].bout is StepKind.REVERSE_WALK
    assert ladder[first_jog - 1].reverse_seconds >= 600


def test_knee_runners_with_two_backward_days_hold_at_the_dose_until_a_third() -> None:
    two_days = make_profile(goals=frozenset({Goal.KNEE}), sessions_per_week=2, weekdays=(0, 3))
    top_of_walking = PlanState(0, 5, MONDAY)
    logs = [good_log(MONDAY, pain=0), good_log(MONDAY + timedelta(days=6), pain=0)]

    decision = next_plan_state(two_days, top_of_walking, logs, MONDAY + timedelta(days=6))

    assert decision.change is Change.HOLD
    assert decision.reason.cause is Cause.HOLD_KNEE_DAYS


@pytest.mark.parametrize("route", list(Route))
def test_the_continuous_challenge_comes_only_after_three_minute_bouts(route: Route) -> None:
    ladder = LADDERS[route]
    for index, template in enumerate(ladder):
        if template.challenge_week:
            assert any(earlier.bout_seconds >= 180 for earlier in ladder[:index])


@given(profiles)
def test_everyone_starts_with_backward_walking(profile: Profile) -> None:
    start = starting_level(profile)
    state = PlanState.starting(start.level, MONDAY, start.stage)
    assert current_template(profile, state).bout is StepKind.REVERSE_WALK


def test_sore_muscles_hold_and_never_step_back() -> None:
    profile = RUNNERS[Route.WALKER]
    state = PlanState(0, 2, MONDAY)
    sore = [
        good_log(MONDAY, pain=2, morning_after=MorningAfter.SORE),
        good_log(MONDAY + timedelta(days=6), pain=2, morning_after=MorningAfter.SORE),
    ]

    decision = next_plan_state(profile, state, sore, MONDAY + timedelta(days=6))

    assert decision.change is Change.HOLD
    assert decision.reason.cause is Cause.HOLD_SORE


def test_a_second_session_the_same_day_proves_nothing_more() -> None:
    profile = RUNNERS[Route.WALKER]
    state = PlanState(0, 2, MONDAY)
    same_day = [good_log(WEEK_LATER - timedelta(days=1), pain=0)] * 2

    decision = next_plan_state(profile, state, same_day, WEEK_LATER)

    assert decision.change is Change.NONE
    assert decision.reason.cause is Cause.NONE_TOO_EARLY


def test_a_step_back_names_the_session_and_the_answer_it_came_from() -> None:
    profile = RUNNERS[Route.WALKER]
    painful = good_log(MONDAY + timedelta(days=2), pain=7)

    decision = next_plan_state(profile, PlanState(1, 2, MONDAY), [painful], painful.day)

    assert (decision.reason.cause, decision.reason.day, decision.reason.value) == (
        Cause.PAIN,
        painful.day,
        7,
    )


def test_every_warm_up_has_a_technique_drill_and_the_next_session_a_different_one() -> None:
    profile = RUNNERS[Route.WALKER]
    template = current_template(profile, PlanState(1, 1, MONDAY))
    warm_ups = [
        build_session_timeline(template, profile, Place.TRACK, number)[0].cue
        for number in range(len(programme_texts.TECHNIQUE_DRILLS) + 1)
    ]
    drills = [
        next(drill for drill in programme_texts.TECHNIQUE_DRILLS if drill in cue)
        for cue in warm_ups
    ]
    assert all(earlier != later for earlier, later in pairwise(drills))
    assert set(drills) == set(programme_texts.TECHNIQUE_DRILLS)
