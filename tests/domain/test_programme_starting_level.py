"""Starting level: everyone walks first; runners for one week at the longest walking stage."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.profile import Experience, Goal, Injury, ParqQuestion
from bot.domain.programme import Cause, starting_level
from tests.domain.programme_fixtures import make_profile

DIZZY = frozenset({ParqQuestion.DIZZINESS_BALANCE})
HEART = frozenset({ParqQuestion.HEART_CONDITION})


@pytest.mark.parametrize(
    ("changes", "stage", "cause"),
    [
        ({}, 3, Cause.START_RUNNER),
        ({"experience": Experience.RACES, "weekly_km": 80}, 3, Cause.START_RUNNER),
        ({"experience": Experience.OCCASIONAL}, 3, Cause.START_OCCASIONAL),
        ({"experience": Experience.NONE}, 1, Cause.START_NON_RUNNER),
        ({"parq_yes": DIZZY}, 1, Cause.START_DIZZINESS_UNCLEARED),
        ({"parq_yes": HEART}, 1, Cause.START_PARQ_UNCLEARED),
        ({"parq_yes": HEART, "medically_cleared": True}, 3, Cause.START_RUNNER),
        ({"parq_yes": DIZZY, "medically_cleared": True}, 1, Cause.START_BALANCE),
        ({"injuries": frozenset({Injury.KNEES})}, 1, Cause.START_KNEE),
        ({"goals": frozenset({Goal.KNEE})}, 1, Cause.START_KNEE),
        ({"injuries": frozenset({Injury.HIPS_BACK})}, 1, Cause.START_PAIN),
        ({"physio_supervised": True}, 1, Cause.START_PHYSIO),
        ({"age": 60, "experience": Experience.OCCASIONAL}, 1, Cause.START_OLDER),
        ({"age": 59, "experience": Experience.OCCASIONAL}, 3, Cause.START_OCCASIONAL),
        ({"age": 65, "experience": Experience.REGULAR}, 3, Cause.START_RUNNER),
        ({"age": 70, "experience": Experience.RACES}, 1, Cause.START_OLDER),
    ],
)
def test_starting_level(changes: dict[str, Any], stage: int, cause: Cause) -> None:
    start = starting_level(make_profile(**changes))
    assert (start.level, start.stage, start.cause) == (0, stage, cause)


def test_an_uncleared_health_answer_outranks_every_other_reason() -> None:
    profile = make_profile(
        parq_yes=HEART, injuries=frozenset({Injury.KNEES}), physio_supervised=True, age=72
    )
    assert starting_level(profile).cause is Cause.START_PARQ_UNCLEARED


@pytest.mark.parametrize("supervised", [True, False])
def test_physio_note_only_for_physio_patients(supervised: bool) -> None:
    start = starting_level(make_profile(physio_supervised=supervised))
    assert start.physio is supervised
