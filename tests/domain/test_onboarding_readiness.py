"""The PAR-Q readiness screen: any yes means backward walking only until cleared."""

from __future__ import annotations

import pytest

from bot.domain.onboarding.readiness import (
    PARQ_ORDER,
    AgeNote,
    ReadinessReason,
    assess_readiness,
)
from bot.domain.profile import ParqQuestion

Q = ParqQuestion


def test_the_seven_questions_are_asked_in_the_parq_order() -> None:
    assert tuple(ParqQuestion) == PARQ_ORDER


def test_all_no_is_clear() -> None:
    readiness = assess_readiness(set(), age=40)
    assert not readiness.walk_only
    assert readiness.reason is ReadinessReason.CLEAR
    assert readiness.age_note is None


@pytest.mark.parametrize(
    ("yes", "reason"),
    [
        ({Q.HEART_CONDITION}, ReadinessReason.HEART),
        ({Q.BP_HEART_MEDICATION}, ReadinessReason.HEART),
        ({Q.CHEST_PAIN_ACTIVITY}, ReadinessReason.CHEST_PAIN),
        ({Q.CHEST_PAIN_REST}, ReadinessReason.CHEST_PAIN),
        ({Q.DIZZINESS_BALANCE}, ReadinessReason.DIZZINESS_BALANCE),
        ({Q.BONE_JOINT}, ReadinessReason.BONE_JOINT),
        ({Q.OTHER_REASON}, ReadinessReason.OTHER),
        # The most pressing yes is the one explained.
        ({Q.BONE_JOINT, Q.CHEST_PAIN_REST}, ReadinessReason.CHEST_PAIN),
        ({Q.BONE_JOINT, Q.DIZZINESS_BALANCE}, ReadinessReason.DIZZINESS_BALANCE),
        ({Q.HEART_CONDITION, Q.DIZZINESS_BALANCE}, ReadinessReason.DIZZINESS_BALANCE),
        ({Q.OTHER_REASON, Q.BONE_JOINT}, ReadinessReason.BONE_JOINT),
        (set(ParqQuestion), ReadinessReason.CHEST_PAIN),
    ],
)
def test_any_yes_means_walk_only(yes: set[ParqQuestion], reason: ReadinessReason) -> None:
    readiness = assess_readiness(yes, age=40)
    assert readiness.walk_only
    assert readiness.reason is reason


def test_a_doctors_clearance_lifts_walk_only_but_keeps_the_reason() -> None:
    readiness = assess_readiness({Q.BONE_JOINT}, cleared=True)
    assert not readiness.walk_only
    assert readiness.reason is ReadinessReason.BONE_JOINT


@pytest.mark.parametrize(
    ("age", "note"),
    [(13, AgeNote.UNDER_15), (14, AgeNote.UNDER_15), (15, None), (69, None),
     (70, AgeNote.OVER_69), (None, None)],
)  # fmt: skip
def test_ages_outside_the_parq_range_get_advice_not_restrictions(
    age: int | None, note: AgeNote | None
) -> None:
    readiness = assess_readiness(set(), age)
    assert readiness.age_note is note
    assert not readiness.walk_only
