"""The readiness screen: the seven PAR-Q questions and what a "yes" means for training.

Any "yes" makes the runner walk-only (backward walking) until a doctor clears them. It
does not end the coaching. The reason key picks the most pressing "yes" to explain.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.profile import ParqQuestion

# The order the questions are asked in (the PAR-Q's own order).
PARQ_ORDER: tuple[ParqQuestion, ...] = (
    ParqQuestion.HEART_CONDITION,
    ParqQuestion.CHEST_PAIN_ACTIVITY,
    ParqQuestion.CHEST_PAIN_REST,
    ParqQuestion.DIZZINESS_BALANCE,
    ParqQuestion.BONE_JOINT,
    ParqQuestion.BP_HEART_MEDICATION,
    ParqQuestion.OTHER_REASON,
)

# The PAR-Q is validated for ages 15 to 69; outside that range we add a word of advice.
PARQ_MIN_AGE = 15
PARQ_MAX_AGE = 69


class ReadinessReason(StrEnum):
    """Why the runner may or may not start running; each has a text in bot.texts.onboarding."""

    CLEAR = "clear"
    CHEST_PAIN = "chest_pain"
    DIZZINESS_BALANCE = "dizziness_balance"
    HEART = "heart"
    BONE_JOINT = "bone_joint"
    OTHER = "other"


class AgeNote(StrEnum):
    """Advice for ages the PAR-Q was not designed for."""

    UNDER_15 = "under_15"
    OVER_69 = "over_69"


# Most pressing first: chest pain needs a doctor soonest; dizziness matters most when you
# can't see where you're going.
_PRIORITY: tuple[tuple[ReadinessReason, frozenset[ParqQuestion]], ...] = (
    (
        ReadinessReason.CHEST_PAIN,
        frozenset({ParqQuestion.CHEST_PAIN_ACTIVITY, ParqQuestion.CHEST_PAIN_REST}),
    ),
    (ReadinessReason.DIZZINESS_BALANCE, frozenset({ParqQuestion.DIZZINESS_BALANCE})),
    (
        ReadinessReason.HEART,
        frozenset({ParqQuestion.HEART_CONDITION, ParqQuestion.BP_HEART_MEDICATION}),
    ),
    (ReadinessReason.BONE_JOINT, frozenset({ParqQuestion.BONE_JOINT})),
    (ReadinessReason.OTHER, frozenset({ParqQuestion.OTHER_REASON})),
)


@dataclass(frozen=True, slots=True)
class Readiness:
    """The verdict of the readiness screen."""

    walk_only: bool
    reason: ReadinessReason
    age_note: AgeNote | None = None


def assess_readiness(
    parq_yes: Collection[ParqQuestion], age: int | None = None, *, cleared: bool = False
) -> Readiness:
    """Walk-only while any PAR-Q answer is "yes" and no doctor has cleared the runner.

    Agrees with `Profile.walk_only`; the age only adds advice, it never restricts.
    """
    reason = next(
        (reason for reason, questions in _PRIORITY if questions & set(parq_yes)),
        ReadinessReason.CLEAR,
    )
    age_note = None
    if age is not None and age < PARQ_MIN_AGE:
        age_note = AgeNote.UNDER_15
    elif age is not None and age > PARQ_MAX_AGE:
        age_note = AgeNote.OVER_69
    walk_only = reason is not ReadinessReason.CLEAR and not cleared
    return Readiness(walk_only, reason, age_note)
