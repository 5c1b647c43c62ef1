"""Where a new runner starts: backward walking (level 0) or short reverse jogs (level 1).

Nobody starts higher than level 1: backwards is new work even for a marathoner, and a
reverse jog costs about a third more energy than the same pace forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.profile import Experience, Profile
from bot.texts import programme as texts

# From 60, balance reactions slow; without regular running, walking backwards comes first.
OLDER_BEGINNER_AGE = 60
# The PAR-Q readiness screen is validated up to 69: from 70, everyone walks first.
OLDER_RUNNER_AGE = 70

_NOT_REGULAR = frozenset({Experience.NONE, Experience.OCCASIONAL})

# Reasons to start with backward walking, most important first: the first match is the one
# the runner reads, so safety (an uncleared health answer) outranks everything else.
_WALKING_START: tuple[tuple[Callable[[Profile], bool], str], ...] = (
    (lambda p: p.walk_only and p.balance_concern, texts.START_DIZZINESS_UNCLEARED),
    (lambda p: p.walk_only, texts.START_PARQ_UNCLEARED),
    (lambda p: p.balance_concern, texts.START_BALANCE),
    (lambda p: p.has_knee_issue, texts.START_KNEE),
    (lambda p: bool(p.injuries), texts.START_PAIN),
    (lambda p: p.physio_supervised, texts.START_PHYSIO),
    (lambda p: p.age >= OLDER_RUNNER_AGE, texts.START_OLDER),
    (lambda p: p.age >= OLDER_BEGINNER_AGE and p.experience in _NOT_REGULAR, texts.START_OLDER),
    (lambda p: p.experience is Experience.NONE, texts.START_NON_RUNNER),
)
_JOGGING_START: dict[Experience, str] = {
    Experience.OCCASIONAL: texts.START_OCCASIONAL,
    Experience.REGULAR: texts.START_RUNNER,
    Experience.RACES: texts.START_RUNNER,
}


@dataclass(frozen=True, slots=True)
class StartingLevel:
    """The level a runner starts at, the one-sentence reason, and a note for physio patients."""

    level: int
    reason: str
    physio_note: str | None


def starting_level(profile: Profile) -> StartingLevel:
    """Level 0 for anyone with a reason to walk first; level 1 otherwise, never higher."""
    physio_note = texts.PHYSIO_NOTE if profile.physio_supervised else None
    for applies, reason in _WALKING_START:
        if applies(profile):
            return StartingLevel(0, reason, physio_note)
    return StartingLevel(1, _JOGGING_START[profile.experience], physio_note)
