"""Where a runner is in the programme: level, stage, since when, and any cap after a step back."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from bot.domain.profile import Profile
from bot.domain.programme.templates import (
    MAX_STAGE,
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
    reason for it and must not be judged twice. `reverse_cap` (seconds) limits the backwards
    time of the stage's session after a step back, so stepping back always means less.
    """

    level: int
    stage: int
    since: date
    reverse_cap: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.level <= TOP_LEVEL:
            raise ValueError(f"level must be 0-{TOP_LEVEL}, got {self.level}")
        if not 1 <= self.stage <= MAX_STAGE:
            raise ValueError(f"level {self.level} has no stage {self.stage}")
        if self.reverse_cap is not None and self.reverse_cap < 1:
            raise ValueError(f"reverse_cap must be positive, got {self.reverse_cap}")

    @classmethod
    def starting(cls, level: int, today: date, stage: int = 1) -> PlanState:
        """A stage of a level (the first by default), counting sessions from today."""
        return cls(level, stage, today)

    def moved(self, level: int, stage: int, since: date, cap: int | None = None) -> PlanState:
        """This plan at another position (or capped differently) from `since`."""
        return replace(self, level=level, stage=stage, since=since, reverse_cap=cap)


def current_template(profile: Profile, state: PlanState) -> SessionTemplate:
    """The session this runner does at this position (a stage past the route's last, after a
    change of route, is the route's last)."""
    route = route_for(profile)
    template = session_template(
        route, state.level, min(state.stage, stage_count(route, state.level))
    )
    return capped(template, state.reverse_cap)


def capped(template: SessionTemplate, cap: int | None) -> SessionTemplate:
    """The template with at most `cap` seconds backwards: fewer bouts, then shorter ones."""
    if cap is None or template.reverse_seconds <= cap:
        return template
    reps = min(template.reps, max(1, math.ceil(cap / template.bout_seconds)))
    return replace(template, reps=reps, bout_seconds=min(template.bout_seconds, cap // reps))
