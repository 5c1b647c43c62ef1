"""Where a runner is in the programme: level, stage and since when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.profile import Profile
from bot.domain.programme.templates import (
    TOP_LEVEL,
    SessionTemplate,
    route_for,
    session_template,
    stage_count,
)


@dataclass(frozen=True, slots=True)
class PlanState:
    """A position in the programme.

    `since` is the first day whose logged sessions count towards this stage. A change
    decided on a day takes effect from the next day, because that day's sessions were the
    reason for it and must not be judged twice.
    """

    level: int
    stage: int
    since: date

    def __post_init__(self) -> None:
        if not 0 <= self.level <= TOP_LEVEL:
            raise ValueError(f"level must be 0-{TOP_LEVEL}, got {self.level}")
        if not 1 <= self.stage <= stage_count(self.level):
            raise ValueError(f"level {self.level} has no stage {self.stage}")

    @classmethod
    def starting(cls, level: int, today: date) -> PlanState:
        """The first stage of a level, counting sessions from today."""
        return cls(level, 1, today)


def current_template(profile: Profile, state: PlanState) -> SessionTemplate:
    """The session this runner does at this position."""
    return session_template(route_for(profile), state.level, state.stage)
