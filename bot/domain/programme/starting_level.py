"""Where a new runner starts: always with backward walking (COACHING.md: walking first).

Anyone with a reason to be careful starts at the first walking stage. Runners start at the
last walking stage, for a week, before short reverse jogs: backwards is new work even for a
marathoner, and a reverse jog costs about a third more energy than the same pace forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.profile import Experience, Profile
from bot.domain.programme.progression import Cause
from bot.domain.programme.templates import Route, stage_count

# From 60, balance reactions slow; without regular running, walking backwards comes first.
OLDER_BEGINNER_AGE = 60
# The PAR-Q readiness screen is validated up to 69: from 70, everyone walks first.
OLDER_RUNNER_AGE = 70

_NOT_REGULAR = frozenset({Experience.NONE, Experience.OCCASIONAL})

# Reasons to start at the very beginning, most important first: the first match is the one
# the runner reads, so safety (an uncleared health answer) outranks everything else.
_CAREFUL_START: tuple[tuple[Callable[[Profile], bool], Cause], ...] = (
    (lambda p: p.walk_only and p.balance_concern, Cause.START_DIZZINESS_UNCLEARED),
    (lambda p: p.walk_only, Cause.START_PARQ_UNCLEARED),
    (lambda p: p.balance_concern, Cause.START_BALANCE),
    (lambda p: p.has_knee_issue, Cause.START_KNEE),
    (lambda p: bool(p.injuries), Cause.START_PAIN),
    (lambda p: p.physio_supervised, Cause.START_PHYSIO),
    (lambda p: p.age >= OLDER_RUNNER_AGE, Cause.START_OLDER),
    (lambda p: p.age >= OLDER_BEGINNER_AGE and p.experience in _NOT_REGULAR, Cause.START_OLDER),
    (lambda p: p.experience is Experience.NONE, Cause.START_NON_RUNNER),
)
_RUNNER_START: dict[Experience, Cause] = {
    Experience.OCCASIONAL: Cause.START_OCCASIONAL,
    Experience.REGULAR: Cause.START_RUNNER,
    Experience.RACES: Cause.START_RUNNER,
}


@dataclass(frozen=True, slots=True)
class StartingLevel:
    """The position a runner starts at, why, and whether a physiotherapist's word comes first."""

    level: int
    stage: int
    cause: Cause
    physio: bool


def starting_level(profile: Profile) -> StartingLevel:
    """The first walking stage for anyone with a reason to be careful; the last walking
    stage (one week, then reverse jogs) for runners."""
    for applies, cause in _CAREFUL_START:
        if applies(profile):
            return StartingLevel(0, 1, cause, profile.physio_supervised)
    last_walk = stage_count(Route.WALKER, 0)
    return StartingLevel(0, last_walk, _RUNNER_START[profile.experience], profile.physio_supervised)
