"""Precautions that follow the runner: what a readiness limit means at every session.

A "yes" on the readiness screen (or a cardiac stop since) is not only an onboarding note:
it adds its own question to every safety check, its own reminder to every timeline, and it
rules out places that are unsafe for it (a dizzy runner never goes on a treadmill).
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.profile import ParqQuestion, Place, Profile


class Precaution(StrEnum):
    """A standing limit; the value is its key in the texts (question, reminder)."""

    DIZZINESS = "dizziness"
    HEART = "heart"
    JOINT = "joint"


_FROM_PARQ: dict[ParqQuestion, Precaution] = {
    ParqQuestion.DIZZINESS_BALANCE: Precaution.DIZZINESS,
    ParqQuestion.HEART_CONDITION: Precaution.HEART,
    ParqQuestion.CHEST_PAIN_ACTIVITY: Precaution.HEART,
    ParqQuestion.CHEST_PAIN_REST: Precaution.HEART,
    ParqQuestion.BP_HEART_MEDICATION: Precaution.HEART,
    ParqQuestion.BONE_JOINT: Precaution.JOINT,
}
# Places a precaution rules out: on a moving belt, a dizzy spell becomes a fall.
_UNSAFE_PLACES: dict[Precaution, frozenset[Place]] = {
    Precaution.DIZZINESS: frozenset({Place.TREADMILL}),
}


def precautions_of(profile: Profile) -> tuple[Precaution, ...]:
    """The runner's standing precautions, in a fixed order (as the check asks them)."""
    found = {_FROM_PARQ[question] for question in profile.parq_yes if question in _FROM_PARQ}
    if profile.safety_hold:
        found.add(Precaution.HEART)
    return tuple(precaution for precaution in Precaution if precaution in found)


def unsafe_places(profile: Profile) -> frozenset[Place]:
    """Places the runner's precautions rule out."""
    return frozenset().union(*(_UNSAFE_PLACES.get(p, frozenset()) for p in precautions_of(profile)))


def safe_places(profile: Profile) -> frozenset[Place]:
    """The runner's places that their precautions allow."""
    return profile.places - unsafe_places(profile)
