"""A session as the runner lives it: ordered, timed steps. What each step says (its cue and
one tip) is worded by bot/texts/session_timeline.py."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from bot.domain.programme.templates import (
    COOL_DOWN_SECONDS,
    WARM_UP_SECONDS,
    SessionTemplate,
    StepKind,
)


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step of a session: what to do and for how long, with the words the texts gave it."""

    kind: StepKind
    seconds: int
    cue: str
    tip: str


def timeline_seconds(steps: Iterable[TimelineStep]) -> int:
    """How long the whole session takes, in seconds."""
    return sum(step.seconds for step in steps)


def timeline_reverse_seconds(steps: Iterable[TimelineStep]) -> int:
    """Seconds spent moving backwards."""
    return sum(step.seconds for step in steps if step.kind.is_reverse)


def step_offsets(steps: Iterable[TimelineStep]) -> tuple[int, ...]:
    """Seconds from the start of the session at which each step begins (when its cue is due)."""
    return (0, *accumulate(step.seconds for step in steps))[:-1]


def whole_minutes(seconds: float) -> int:
    """Seconds as whole minutes, halves rounded up: how every total is shown to a runner."""
    return math.floor(seconds / 60 + 0.5)


def movements(template: SessionTemplate) -> Iterator[tuple[StepKind, int]]:
    """(kind, seconds) in order: warm-up, bouts with recoveries between them, cool-down.

    At level 3 an easy forward run wraps the bouts.
    """
    yield StepKind.WARM_UP, WARM_UP_SECONDS
    if template.easy_run_seconds:
        yield StepKind.FORWARD_JOG, template.easy_run_seconds
    for rep in range(template.reps):
        if rep:
            yield template.recovery, template.recovery_seconds
        yield template.bout, template.bout_seconds
    if template.easy_run_seconds:
        yield StepKind.FORWARD_JOG, template.easy_run_seconds
    yield StepKind.COOL_DOWN, COOL_DOWN_SECONDS
