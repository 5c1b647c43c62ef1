"""Personas: each gets the level, place advice and week the evidence implies, with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import pytest

from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Profile
from bot.domain.programme import (
    Cause,
    Change,
    DayKind,
    Decision,
    PlanState,
    Reason,
    build_week,
    choose_place,
    current_template,
    next_plan_state,
    starting_level,
)
from bot.domain.session_logs import SessionLog
from bot.texts import programme as texts
from bot.texts.session_timeline import build_session_timeline, session_shape
from tests.domain.programme_fixtures import MONDAY, good_log, make_profile


@dataclass(frozen=True)
class Persona:
    name: str
    profile: Profile
    position: tuple[int, int]
    cause: Cause
    physio: bool
    place: Place
    advice: tuple[str, ...]  # words the place advice in the warm-up must contain
    week: tuple[tuple[int, DayKind], ...]  # (weekday, kind) of the first week
    shape: str


MARATHONER = make_profile(
    age=41,
    experience=Experience.RACES,
    weekly_km=70,
    goals=frozenset({Goal.FORWARD}),
    places=frozenset({Place.TRACK, Place.TREADMILL}),
    weekdays=(1, 3, 5),
    session_time=time(6, 30),
)
KNEE_OA_ON_TREADMILL = make_profile(
    age=65,
    experience=Experience.NONE,
    weekly_km=0,
    goals=frozenset({Goal.KNEE}),
    injuries=frozenset({Injury.KNEES}),
    places=frozenset({Place.TREADMILL}),
    weekdays=(0, 1, 3),
    parq_yes=frozenset({ParqQuestion.BONE_JOINT}),
    medically_cleared=True,
)
DIZZY = make_profile(
    age=45,
    experience=Experience.OCCASIONAL,
    places=frozenset({Place.HALLWAY, Place.PARK}),
    sessions_per_week=2,
    weekdays=(2, 5),
    parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}),
)
KNEE_REHAB_WITH_PHYSIO = make_profile(
    age=32,
    goals=frozenset({Goal.KNEE}),
    injuries=frozenset({Injury.KNEES}),
    physio_supervised=True,
    places=frozenset({Place.TRACK, Place.PARK}),
)
HALLWAY_ONLY = make_profile(age=28, places=frozenset({Place.HALLWAY}), weekdays=(0, 3, 5))

R, E = DayKind.REVERSE, DayKind.EASY
PERSONAS = [
    Persona(
        "marathoner with no pain",
        MARATHONER,
        (0, 3),  # one week of walking first, the longest walking stage
        Cause.START_RUNNER,
        False,
        Place.TRACK,
        ("outer lane", "same direction as everyone else", "over your shoulder"),
        ((1, R), (3, R), (5, R)),
        "12 × 35 s reverse walk / 30 s walk",
    ),
    Persona(
        "65-year-old beginner with knee osteoarthritis on a treadmill",
        KNEE_OA_ON_TREADMILL,
        (0, 1),
        Cause.START_KNEE,
        False,
        Place.TREADMILL,
        ("manual mode", "safety clip", "2 metres clear behind", "side rails"),
        ((0, R), (1, E), (3, R)),  # Monday and Tuesday would be back to back
        "10 × 30 s reverse walk / 30 s walk",
    ),
    Persona(
        "PAR-Q dizziness yes, not cleared",
        DIZZY,
        (0, 1),
        Cause.START_DIZZINESS_UNCLEARED,
        False,
        Place.PARK,
        ("flat, even grass", "obstacles", "over your shoulder"),
        ((2, R), (5, R)),
        "10 × 30 s reverse walk / 30 s walk",
    ),
    Persona(
        "knee rehab under a physiotherapist",
        KNEE_REHAB_WITH_PHYSIO,
        (0, 1),
        Cause.START_KNEE,
        True,
        Place.TRACK,
        ("outer lane", texts.PHYSIO_FIRST.lower()),
        ((0, R), (2, R), (4, R)),
        "10 × 30 s reverse walk / 30 s walk",
    ),
    Persona(
        "hallway-only runner",
        HALLWAY_ONLY,
        (0, 3),
        Cause.START_RUNNER,
        False,
        Place.HALLWAY,
        ("clear the floor", "laps", "turning at each end"),
        ((0, R), (3, R), (5, R)),
        "12 × 35 s reverse walk / 30 s walk",
    ),
]


@pytest.mark.parametrize("persona", PERSONAS, ids=[persona.name for persona in PERSONAS])
def test_persona_starts_where_the_evidence_says(persona: Persona) -> None:
    start = starting_level(persona.profile)
    state = PlanState.starting(start.level, MONDAY, start.stage)
    place = choose_place(persona.profile)
    template = current_template(persona.profile, state)
    warm_up = build_session_timeline(template, persona.profile, place)[0].cue.lower()
    week = build_week(persona.profile, state, MONDAY)

    assert ((start.level, start.stage), start.cause, start.physio) == (
        persona.position,
        persona.cause,
        persona.physio,
    )
    assert place is persona.place
    assert all(words in warm_up for words in persona.advice)
    assert tuple((entry.day.weekday(), entry.kind) for entry in week) == persona.week
    assert all(entry.at == persona.profile.session_time for entry in week)
    assert {session_shape(entry.template) for entry in week if entry.template} == {persona.shape}


def good_weeks(profile: Profile, weeks: int) -> list[Decision]:
    """Every day for `weeks` weeks: good sessions on the runner's days, a decision each day."""
    start = starting_level(profile)
    state = PlanState.starting(start.level, MONDAY, start.stage)
    logs: list[SessionLog] = []
    decisions = []
    for offset in range(weeks * 7):
        today = MONDAY + timedelta(days=offset)
        if today.weekday() in profile.weekdays:
            logs.append(good_log(today, pain=0))
        decision = next_plan_state(profile, state, logs, today)
        decisions.append(decision)
        state = decision.state
    return decisions


def test_the_marathoner_climbs_one_step_a_week_at_most() -> None:
    decisions = good_weeks(MARATHONER, 4)
    sundays = [decision.state for decision in decisions[6::7]]
    assert [(state.level, state.stage) for state in sundays] == [(0, 3), (1, 1), (1, 2), (1, 3)]


def test_the_dizzy_runner_walks_backwards_for_as_long_as_they_are_not_cleared() -> None:
    decisions = good_weeks(DIZZY, 8)
    assert {decision.state.level for decision in decisions} == {0}
    assert (decisions[-1].state.stage, decisions[-1].change) == (3, Change.HOLD)
    assert decisions[-1].reason == Reason(Cause.HOLD_WALK_ONLY_CAP)


def test_back_after_three_weeks_off_steps_back_a_level() -> None:
    runner = make_profile(experience=Experience.REGULAR)
    state = PlanState(2, 2, MONDAY)
    last_session = MONDAY + timedelta(days=4)
    today = last_session + timedelta(weeks=3)
    logs = [good_log(MONDAY), good_log(last_session)]

    decision = next_plan_state(runner, state, logs, today)
    week = build_week(runner, decision.state, today + timedelta(days=1))

    assert decision.change is Change.STEP_BACK
    assert (decision.state.level, decision.state.stage) == (1, 4)
    assert decision.reason == Reason(Cause.BREAK, value=21)
    assert {session_shape(entry.template) for entry in week if entry.template} == {
        "7 × 30 s reverse jog / 1 min walk"
    }
