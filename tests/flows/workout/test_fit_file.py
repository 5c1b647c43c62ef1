"""The FIT workout file: every template of every level decodes back (with fitdecode, the
decoder the bot reads watch files with) to the session's steps, durations and names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.profile import Place
from bot.domain.programme import (
    LADDERS,
    Route,
    SessionTemplate,
    challenge_version,
)
from bot.domain.watch_workout import RepeatSteps, workout_items
from bot.flows.workout.fit_file import step_name, workout_fit, workout_name_in
from bot.texts.session_timeline import build_session_timeline
from tests.domain.programme_fixtures import make_profile
from tests.support.fit_workouts import activity_fit, decoded_workout, expanded

PROFILE = make_profile()
STARTS = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
TEMPLATES: list[SessionTemplate] = sorted(
    {template for ladder in LADDERS.values() for template in ladder}
    | {challenge_version(t) for t in LADDERS[Route.WALKER] if t.easy_run_seconds},
    key=lambda t: (t.level, t.stage, t.recovery, t.challenge),
)


def _name(template: SessionTemplate) -> str:
    route = "runner" if template.recovery.value == "forward_jog" and template.level == 2 else ""
    return f"L{template.level}.{template.stage}{route}{' challenge' if template.challenge else ''}"


@pytest.mark.parametrize("template", TEMPLATES, ids=_name)
def test_every_template_decodes_back_to_its_steps_durations_and_names(
    template: SessionTemplate,
) -> None:
    timeline = build_session_timeline(template, PROFILE, Place.TRACK)
    items = workout_items(timeline)
    content = workout_fit("Backstride Thu 3 Dec", items, STARTS, treadmill=False)

    decoded = decoded_workout(content)

    assert decoded.name == "Backstride Thu 3 Dec"
    assert decoded.items == items
    assert [(s.kind, s.seconds) for s in expanded(decoded.items)] == [
        (s.kind, s.seconds) for s in timeline
    ]
    assert decoded.step_names == tuple(
        step_name(item) if not isinstance(item, RepeatSteps) else None for item in items
    )
    assert decoded.time_created == STARTS


@pytest.mark.parametrize("template", TEMPLATES, ids=_name)
def test_repeat_steps_stand_for_every_repeated_pair_of_steps(template: SessionTemplate) -> None:
    items = workout_items(build_session_timeline(template, PROFILE, Place.TRACK))
    repeats = [item for item in items if isinstance(item, RepeatSteps)]
    steps_only = [item for item in items if not isinstance(item, RepeatSteps)]
    # No pair of steps is left written out twice in a row.
    assert all(
        steps_only[i : i + 2] != steps_only[i + 2 : i + 4] for i in range(len(steps_only) - 3)
    )
    if template.easy_run_seconds:
        # Inside the easy run, (5 min forwards, n min backwards) twice, then 5 min forwards.
        assert repeats == ([] if template.challenge else [RepeatSteps(1, 2)])
    else:
        # n bouts have n - 1 recoveries between them: the pair runs n - 1 times, then a bout.
        assert repeats == [RepeatSteps(1, template.reps - 1)]
        assert len(items) == 6


def test_a_level_1_workout_reads_as_the_runner_hears_it() -> None:
    template = LADDERS[Route.WALKER][3]  # level 1, stage 1: 5 × 25 s reverse jog / 60 s walk
    items = workout_items(build_session_timeline(template, PROFILE, Place.TRACK))
    decoded = decoded_workout(workout_fit("Backstride Thu 3 Dec", items, STARTS, treadmill=False))
    assert decoded.step_names == (
        "Warm-up walk 5 min",
        "BACKWARDS jog 25 s",
        "Forwards walk 1 min",
        None,
        "BACKWARDS jog 25 s",
        "Cool-down walk 5 min",
    )
    assert decoded.items[3] == RepeatSteps(1, 4)


def test_treadmill_steps_carry_speed_targets_from_the_walking_speed() -> None:
    template = LADDERS[Route.WALKER][3]
    items = workout_items(build_session_timeline(template, PROFILE, Place.TREADMILL), 5.4)
    decoded = decoded_workout(workout_fit("Backstride", items, STARTS, treadmill=True))
    assert decoded.sub_sport == "treadmill"
    speeds = {s.kind.value: s.speed for s in expanded(decoded.items)}
    walk, backwards = speeds["forward_walk"], speeds["reverse_jog"]
    assert walk is not None and backwards is not None
    assert (walk.low_mps, walk.high_mps) == (1.35, 1.65)  # 5.4 km/h = 1.5 m/s, ± 10 %
    assert (backwards.low_mps, backwards.high_mps) == (0.675, 0.825)  # half of it


def test_the_same_session_gives_the_same_bytes_and_another_session_other_ones() -> None:
    first, second = LADDERS[Route.WALKER][3], LADDERS[Route.WALKER][4]

    def file_of(template: SessionTemplate) -> bytes:
        items = workout_items(build_session_timeline(template, PROFILE, Place.TRACK))
        return workout_fit("Backstride", items, STARTS, treadmill=False)

    assert file_of(first) == file_of(first)
    assert file_of(first) != file_of(second)


def test_an_activity_file_gives_back_the_workout_name_it_ran() -> None:
    activity = activity_fit("Backstride Thu 3 Dec", STARTS, 1500.0)
    assert workout_name_in(activity) == "Backstride Thu 3 Dec"
    assert workout_name_in(b"not a fit file") is None
