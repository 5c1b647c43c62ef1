"""The watch workout's shape: repeat steps fold repeated pairs and unroll back to the
session; treadmill speeds; a typed walking speed; whether an activity ran the workout."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import Place
from bot.domain.programme import LADDERS, Route, StepKind, TimelineStep
from bot.domain.watch_workout import (
    RepeatSteps,
    WorkoutStep,
    parse_walking_speed,
    ran_whole_workout,
    workout_items,
)
from bot.texts.session_timeline import build_session_timeline
from tests.domain.programme_fixtures import make_profile
from tests.support.fit_workouts import expanded

_steps = st.lists(
    st.builds(
        lambda kind, seconds: TimelineStep(kind, seconds, "", ""),
        st.sampled_from([StepKind.REVERSE_JOG, StepKind.FORWARD_WALK]),
        st.sampled_from([25, 60]),
    ),
    max_size=30,
)


@given(_steps)
def test_any_timeline_unrolls_back_to_itself(timeline: list[TimelineStep]) -> None:
    items = workout_items(timeline)
    assert [(s.kind, s.seconds) for s in expanded(items)] == [(s.kind, s.seconds) for s in timeline]
    assert len(items) <= len(timeline)


def test_a_level_0_session_is_warm_up_one_pair_nine_repeats_a_last_bout_and_cool_down() -> None:
    template = LADDERS[Route.WALKER][0]  # 10 × 30 s backward walk / 30 s walk
    items = workout_items(build_session_timeline(template, make_profile(), Place.PARK))
    assert items == (
        WorkoutStep(StepKind.WARM_UP, 300),
        WorkoutStep(StepKind.REVERSE_WALK, 30),
        WorkoutStep(StepKind.FORWARD_WALK, 30),
        RepeatSteps(1, 9),
        WorkoutStep(StepKind.REVERSE_WALK, 30),
        WorkoutStep(StepKind.COOL_DOWN, 300),
    )


def test_speeds_only_with_a_walking_speed_and_never_for_forward_jogs() -> None:
    template = LADDERS[Route.RUNNER][8]  # level 2 runner: reverse jogs inside forward jogs
    timeline = build_session_timeline(template, make_profile(), Place.TREADMILL)
    assert all(step.speed is None for step in expanded(workout_items(timeline)))
    with_speed = expanded(workout_items(timeline, 3.6))  # 1 m/s
    speeds = {step.kind: step.speed for step in with_speed}
    assert speeds[StepKind.FORWARD_JOG] is None
    assert speeds[StepKind.WARM_UP] is not None and speeds[StepKind.WARM_UP].low_mps == 0.9
    assert speeds[StepKind.REVERSE_JOG] is not None
    assert speeds[StepKind.REVERSE_JOG].high_mps == 0.55


@pytest.mark.parametrize(
    ("typed", "per_unit", "kmh"),
    [
        ("5", 1.0, 5.0),
        ("4,5 km/h", 1.0, 4.5),
        ("3", 1.609344, 4.83),
        ("0", 1.0, None),
        ("25", 1.0, None),
        ("fast", 1.0, None),
        ("nan", 1.0, None),
        ("", 1.0, None),
    ],
)
def test_a_typed_walking_speed(typed: str, per_unit: float, kmh: float | None) -> None:
    assert parse_walking_speed(typed, per_unit) == kmh


def test_an_activity_ran_the_workout_when_it_lasted_nearly_all_of_it() -> None:
    assert ran_whole_workout(1500, 1500)
    assert ran_whole_workout(1350, 1500)
    assert not ran_whole_workout(1349, 1500)
