"""Session timelines: order, durations, place-aware cues and rotating technique tips."""

from __future__ import annotations

import pytest

from bot.domain.profile import Place
from bot.domain.programme import (
    Route,
    SessionTemplate,
    StepKind,
    challenge_version,
    session_template,
    step_offsets,
    timeline_reverse_seconds,
    timeline_seconds,
)
from bot.texts import programme as texts
from bot.texts.session_timeline import build_session_timeline, format_duration, session_shape
from tests.domain.programme_fixtures import BASE_PROFILE, make_profile

LEVEL_1_STAGE_1 = session_template(Route.WALKER, 1, 1)  # 5 × 25 s reverse jog / 60 s walk
LEVEL_3_STAGE_1 = session_template(Route.RUNNER, 3, 1)  # 2 × 3 min inside an easy run
CHALLENGE_WEEK = session_template(Route.RUNNER, 3, 2)  # the same, and a weekly challenge


def test_level_one_timeline_step_by_step() -> None:
    steps = build_session_timeline(LEVEL_1_STAGE_1, BASE_PROFILE, Place.TRACK)
    jog, walk = (StepKind.REVERSE_JOG, 25), (StepKind.FORWARD_WALK, 60)
    assert [(step.kind, step.seconds) for step in steps] == [
        (StepKind.WARM_UP, 300),
        jog, walk, jog, walk, jog, walk, jog, walk, jog,
        (StepKind.COOL_DOWN, 300),
    ]  # fmt: skip
    assert timeline_seconds(steps) == 300 + 5 * 25 + 4 * 60 + 300
    assert timeline_reverse_seconds(steps) == 125


def test_level_three_wraps_the_reverse_segments_in_an_easy_run() -> None:
    steps = build_session_timeline(LEVEL_3_STAGE_1, BASE_PROFILE, Place.TRACK)
    assert [(step.kind, step.seconds) for step in steps] == [
        (StepKind.WARM_UP, 300),
        (StepKind.FORWARD_JOG, 300),
        (StepKind.REVERSE_JOG, 180),
        (StepKind.FORWARD_JOG, 300),
        (StepKind.REVERSE_JOG, 180),
        (StepKind.FORWARD_JOG, 300),
        (StepKind.COOL_DOWN, 300),
    ]


def test_challenge_is_one_continuous_segment() -> None:
    steps = build_session_timeline(challenge_version(CHALLENGE_WEEK), BASE_PROFILE, Place.TRACK)
    assert [step.kind for step in steps if step.kind.is_reverse] == [StepKind.REVERSE_JOG]
    assert timeline_reverse_seconds(steps) == 360


@pytest.mark.parametrize(
    ("place", "setup_words", "reverse_words"),
    [
        (
            Place.TREADMILL,
            ("manual mode", "safety clip", "2 metres clear behind", "never turn around"),
            ("side rails", "never on the moving belt", "km/h"),
        ),
        (
            Place.TRACK,
            ("outer lane", "same direction as everyone else", "over your shoulder"),
            ("outer lane", "shoulder"),
        ),
        (Place.PARK, ("flat, even grass", "obstacles", "over your shoulder"), ("shoulder check",)),
        (Place.HALLWAY, ("clear the floor", "laps", "turning at each end"), ("turn",)),
    ],
)
def test_cues_speak_to_the_place(
    place: Place, setup_words: tuple[str, ...], reverse_words: tuple[str, ...]
) -> None:
    steps = build_session_timeline(LEVEL_1_STAGE_1, BASE_PROFILE, place)
    warm_up = steps[0].cue.lower()
    assert all(words in warm_up for words in setup_words)
    for step in steps:
        if step.kind.is_reverse:
            assert all(words in step.cue.lower() for words in reverse_words)


def test_only_the_treadmill_warns_about_turning_to_face_forwards() -> None:
    on_belt = build_session_timeline(LEVEL_1_STAGE_1, BASE_PROFILE, Place.TREADMILL)
    on_track = build_session_timeline(LEVEL_1_STAGE_1, BASE_PROFILE, Place.TRACK)
    walks = [index for index, step in enumerate(on_belt) if step.kind is StepKind.FORWARD_WALK]
    assert all(
        texts.PLACE_TURN_FORWARD_REMINDERS["treadmill"] in on_belt[index].cue for index in walks
    )
    assert all(on_track[index].cue == "Face forwards and walk easily for 1 min." for index in walks)


def test_the_first_easy_run_of_level_three_needs_no_turning_advice() -> None:
    steps = build_session_timeline(LEVEL_3_STAGE_1, BASE_PROFILE, Place.TREADMILL)
    assert texts.PLACE_TURN_FORWARD_REMINDERS["treadmill"] not in steps[1].cue
    assert texts.PLACE_TURN_FORWARD_REMINDERS["treadmill"] in steps[3].cue


def test_cues_say_the_duration() -> None:
    steps = build_session_timeline(LEVEL_3_STAGE_1, BASE_PROFILE, Place.PARK)
    assert steps[0].cue.startswith("Warm up: walk forwards, easy and relaxed, for 5 min.")
    assert steps[2].cue.startswith("Turn around and jog backwards, slowly, for 3 min.")


def test_warm_up_carries_the_pain_rule_and_the_physio_reminder() -> None:
    plain = build_session_timeline(LEVEL_1_STAGE_1, BASE_PROFILE, Place.TRACK)[0].cue
    physio = make_profile(physio_supervised=True)
    supervised = build_session_timeline(LEVEL_1_STAGE_1, physio, Place.TRACK)[0].cue
    assert texts.PAIN_RULE in plain
    assert texts.PHYSIO_FIRST not in plain
    assert texts.PHYSIO_FIRST in supervised


def test_technique_tips_rotate_over_the_reverse_steps() -> None:
    template = session_template(Route.WALKER, 0, 1)  # ten reverse bouts
    steps = build_session_timeline(template, BASE_PROFILE, Place.PARK)
    tips = [step.tip for step in steps if step.kind.is_reverse]
    assert tips == [texts.TECHNIQUE_TIPS[index % 6] for index in range(10)]
    assert len(set(tips)) == len(texts.TECHNIQUE_TIPS) == 6


def test_forward_steps_get_their_own_tips() -> None:
    steps = build_session_timeline(LEVEL_3_STAGE_1, BASE_PROFILE, Place.TRACK)
    for step in steps:
        if not step.kind.is_reverse:
            assert step.tip == texts.STEP_TIPS[step.kind]


def test_step_offsets_are_when_each_cue_is_due() -> None:
    steps = build_session_timeline(LEVEL_3_STAGE_1, BASE_PROFILE, Place.TRACK)
    assert step_offsets(steps) == (0, 300, 600, 780, 1080, 1260, 1560)
    assert step_offsets(()) == ()


@pytest.mark.parametrize(
    ("template", "shape"),
    [
        (session_template(Route.WALKER, 0, 1), "10 × 30 s reverse walk / 30 s walk"),
        (session_template(Route.WALKER, 1, 3), "6 × 30 s reverse jog / 1 min walk"),
        (session_template(Route.RUNNER, 2, 1), "7 × 30 s reverse jog / 1 min forward jog"),
        (session_template(Route.RUNNER, 3, 3), "2 × 3 min 30 s reverse jog inside an easy run"),
        (session_template(Route.WALKER, 3, 1), "4 × 1 min 30 s reverse jog / 1 min 30 s walk"),
        (challenge_version(CHALLENGE_WEEK), "6 min continuous reverse jog inside an easy run"),
        (
            challenge_version(session_template(Route.WALKER, 3, 5)),
            "6 min continuous reverse jog, then walk easily",
        ),
    ],
)
def test_session_shape(template: SessionTemplate, shape: str) -> None:
    assert session_shape(template) == shape


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (45, "45 s"), (60, "1 min"), (210, "3 min 30 s")]
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_every_kind_and_place_has_its_texts() -> None:
    assert set(texts.STEP_CUES) == {kind.value for kind in StepKind}
    assert set(texts.PLACE_SETUP) == set(Place)
    places, _, kinds = zip(
        *(key.partition(".") for key in texts.PLACE_REVERSE_REMINDERS), strict=True
    )
    assert set(places) == set(Place)
    assert set(kinds) - {""} <= {kind.value for kind in StepKind if kind.is_reverse}
    assert set(texts.STEP_TIPS) == {kind.value for kind in StepKind if not kind.is_reverse}
    assert set(texts.MOVEMENT_NAMES) == {
        kind.value for kind in StepKind if kind not in (StepKind.WARM_UP, StepKind.COOL_DOWN)
    }
