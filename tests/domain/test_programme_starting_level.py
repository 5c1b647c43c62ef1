"""Starting level: who walks first, who jogs, and the reason they read."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.profile import Experience, Goal, Injury, ParqQuestion
from bot.domain.programme import starting_level
from bot.texts import programme as texts
from tests.domain.programme_fixtures import make_profile

DIZZY = frozenset({ParqQuestion.DIZZINESS_BALANCE})
HEART = frozenset({ParqQuestion.HEART_CONDITION})


@pytest.mark.parametrize(
    ("changes", "level", "reason"),
    [
        ({}, 1, texts.START_RUNNER),
        ({"experience": Experience.RACES, "weekly_km": 80}, 1, texts.START_RUNNER),
        ({"experience": Experience.OCCASIONAL}, 1, texts.START_OCCASIONAL),
        ({"experience": Experience.NONE}, 0, texts.START_NON_RUNNER),
        ({"parq_yes": DIZZY}, 0, texts.START_DIZZINESS_UNCLEARED),
        ({"parq_yes": HEART}, 0, texts.START_PARQ_UNCLEARED),
        ({"parq_yes": HEART, "medically_cleared": True}, 1, texts.START_RUNNER),
        ({"parq_yes": DIZZY, "medically_cleared": True}, 0, texts.START_BALANCE),
        ({"injuries": frozenset({Injury.KNEES})}, 0, texts.START_KNEE),
        ({"goals": frozenset({Goal.KNEE})}, 0, texts.START_KNEE),
        ({"injuries": frozenset({Injury.HIPS_BACK})}, 0, texts.START_PAIN),
        ({"physio_supervised": True}, 0, texts.START_PHYSIO),
        ({"age": 60, "experience": Experience.OCCASIONAL}, 0, texts.START_OLDER),
        ({"age": 59, "experience": Experience.OCCASIONAL}, 1, texts.START_OCCASIONAL),
        ({"age": 65, "experience": Experience.REGULAR}, 1, texts.START_RUNNER),
        ({"age": 70, "experience": Experience.RACES}, 0, texts.START_OLDER),
    ],
)
def test_starting_level(changes: dict[str, Any], level: int, reason: str) -> None:
    start = starting_level(make_profile(**changes))
    assert (start.level, start.reason) == (level, reason)


def test_an_uncleared_health_answer_outranks_every_other_reason() -> None:
    profile = make_profile(
        parq_yes=HEART, injuries=frozenset({Injury.KNEES}), physio_supervised=True, age=72
    )
    assert starting_level(profile).reason == texts.START_PARQ_UNCLEARED


@pytest.mark.parametrize("supervised", [True, False])
def test_physio_note_only_for_physio_patients(supervised: bool) -> None:
    start = starting_level(make_profile(physio_supervised=supervised))
    assert (start.physio_note == texts.PHYSIO_NOTE) is supervised
