"""The template table keeps to the evidence and to the progression limits."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.domain.profile import Experience, Goal, Injury
from bot.domain.programme import (
    LADDERS,
    Route,
    SessionTemplate,
    StepKind,
    challenge_version,
    route_for,
    session_template,
    stage_count,
)
from bot.domain.programme.templates import MAX_WEEKLY_GROWTH
from tests.domain.programme_fixtures import make_profile

ALL_TEMPLATES = [template for ladder in LADDERS.values() for template in ladder]
STEPS = [
    (route, earlier, later)
    for route, ladder in LADDERS.items()
    for earlier, later in pairwise(ladder)
]
STEPS_WITHIN_A_LEVEL = [step for step in STEPS if step[1].level == step[2].level]


@pytest.mark.parametrize("route", list(Route))
def test_every_level_has_its_stages_in_order(route: Route) -> None:
    positions = [(template.level, template.stage) for template in LADDERS[route]]
    expected = [
        (level, stage) for level in range(4) for stage in range(1, stage_count(route, level) + 1)
    ]
    assert positions == expected
    assert all(stage_count(route, level) >= 3 for level in range(4))


@pytest.mark.parametrize(("route", "earlier", "later"), STEPS)
def test_reverse_minutes_grow_at_most_twenty_percent_per_stage(
    route: Route, earlier: SessionTemplate, later: SessionTemplate
) -> None:
    assert later.reverse_seconds <= MAX_WEEKLY_GROWTH * earlier.reverse_seconds


@pytest.mark.parametrize(("route", "earlier", "later"), STEPS_WITHIN_A_LEVEL)
def test_within_a_level_one_variable_grows_at_a_time(
    route: Route, earlier: SessionTemplate, later: SessionTemplate
) -> None:
    changed = {
        name
        for name in (
            "reps",
            "bout",
            "bout_seconds",
            "recovery",
            "recovery_seconds",
            "challenge_week",
        )
        if getattr(earlier, name) != getattr(later, name)
    }
    # More bouts, or longer ones (sometimes fewer of them, the same work in longer pieces), or
    # the weekly challenge added to a session already tolerated.
    assert changed in ({"reps"}, {"bout_seconds"}, {"reps", "bout_seconds"}, {"challenge_week"})
    if changed == {"reps", "bout_seconds"}:
        assert later.reps < earlier.reps and later.bout_seconds > earlier.bout_seconds
    assert later.reverse_seconds >= earlier.reverse_seconds


@pytest.mark.parametrize(
    ("routes", "level", "bout", "bout_range", "recovery", "reps_range"),
    [
        (tuple(Route), 0, StepKind.REVERSE_WALK, (30, 60), StepKind.FORWARD_WALK, (5, 12)),
        (tuple(Route), 1, StepKind.REVERSE_JOG, (20, 30), StepKind.FORWARD_WALK, (5, 8)),
        ((Route.RUNNER,), 3, StepKind.REVERSE_JOG, (180, 300), StepKind.FORWARD_JOG, (2, 2)),
        (
            (Route.WALKER, Route.KNEE),
            3,
            StepKind.REVERSE_JOG,
            (90, 180),
            StepKind.FORWARD_WALK,
            (3, 4),
        ),
    ],
)
def test_levels_follow_the_evidence(
    routes: tuple[Route, ...],
    level: int,
    bout: StepKind,
    bout_range: tuple[int, int],
    recovery: StepKind,
    reps_range: tuple[int, int],
) -> None:
    for template in (t for route in routes for t in LADDERS[route]):
        if template.level == level:
            assert template.bout is bout
            assert template.recovery is recovery
            assert bout_range[0] <= template.bout_seconds <= bout_range[1]
            assert reps_range[0] <= template.reps <= reps_range[1]


def test_level_zero_is_five_to_ten_minutes_of_backward_walking() -> None:
    level_zero = [template for template in ALL_TEMPLATES if template.level == 0]
    assert all(300 <= template.reverse_seconds <= 600 for template in level_zero)


def test_level_one_recovers_with_a_minute_of_walking() -> None:
    assert all(template.recovery_seconds == 60 for template in ALL_TEMPLATES if template.level == 1)


def test_level_two_walker_runs_longer_bouts_with_walks() -> None:
    for stage in range(1, stage_count(Route.WALKER, 2) + 1):
        template = session_template(Route.WALKER, 2, stage)
        assert 45 <= template.bout_seconds <= 60
        assert (template.recovery, template.recovery_seconds) == (StepKind.FORWARD_WALK, 60)


def test_level_two_runner_mixes_a_minute_forward_with_thirty_seconds_backwards() -> None:
    for stage in range(1, stage_count(Route.RUNNER, 2) + 1):
        template = session_template(Route.RUNNER, 2, stage)
        assert (template.bout, template.bout_seconds) == (StepKind.REVERSE_JOG, 30)
        assert (template.recovery, template.recovery_seconds) == (StepKind.FORWARD_JOG, 60)


def test_only_runners_at_level_three_run_inside_an_easy_run() -> None:
    for route, ladder in LADDERS.items():
        for template in ladder:
            inside = template.level == 3 and route is Route.RUNNER
            assert bool(template.easy_run_seconds) == inside


@pytest.mark.parametrize(
    ("changes", "route"),
    [
        ({"experience": Experience.RACES}, Route.RUNNER),
        ({"experience": Experience.REGULAR}, Route.RUNNER),
        ({"experience": Experience.OCCASIONAL}, Route.WALKER),
        ({"experience": Experience.NONE}, Route.WALKER),
        ({"injuries": frozenset({Injury.ANKLES_FEET})}, Route.WALKER),
        ({"injuries": frozenset({Injury.KNEES})}, Route.KNEE),
        ({"goals": frozenset({Goal.KNEE})}, Route.KNEE),
    ],
)
def test_route_for(changes: dict[str, object], route: Route) -> None:
    assert route_for(make_profile(**changes)) is route


@pytest.mark.parametrize(
    "regular", [template for template in ALL_TEMPLATES if template.challenge_week]
)
def test_the_challenge_is_one_segment_twice_the_bout_never_more_than_the_session(
    regular: SessionTemplate,
) -> None:
    challenge = challenge_version(regular)
    assert challenge.challenge
    assert challenge.reps == 1
    assert challenge.bout_seconds == min(2 * regular.bout_seconds, regular.reverse_seconds)
    assert challenge.reverse_seconds <= regular.reverse_seconds


def test_only_sessions_after_three_minute_bouts_have_a_challenge() -> None:
    with pytest.raises(ValueError, match="3 min bouts"):
        challenge_version(session_template(Route.WALKER, 3, 1))


def test_unknown_position_is_an_error() -> None:
    with pytest.raises(KeyError):
        session_template(Route.WALKER, 1, 9)
