"""A session as a structured watch workout: timed steps and repeat blocks, as data.

A watch that runs a structured workout beeps and vibrates at every step by itself, so the
runner going backwards never looks at a phone. The steps come from the session's timeline
(warm-up, each bout and recovery, cool-down); a run of identical bout-and-recovery pairs
becomes the pair once plus a repeat step, the way FIT workouts and watches show intervals.
Writing the file and naming the steps belong to the callers: this module only decides the
shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.programme import StepKind, TimelineStep

KMH_PER_MPS = 3.6
# COACHING.md: backwards on a treadmill starts at about half of the runner's forward walking
# speed. The band around each target lets the watch warn without nagging at every stride.
REVERSE_SHARE_OF_WALK = 0.5
SPEED_BAND = 0.1  # ± this share of the target
# A walking pace a person can keep on a treadmill, in km/h; outside it, a typing slip.
MIN_WALKING_KMH = 1.0
MAX_WALKING_KMH = 8.0
WHOLE_WORKOUT_SLACK = 0.1
_WALKING_KINDS = frozenset({StepKind.WARM_UP, StepKind.FORWARD_WALK, StepKind.COOL_DOWN})


@dataclass(frozen=True, slots=True)
class SpeedRange:
    """A treadmill speed target, in metres per second (what FIT workouts store)."""

    low_mps: float
    high_mps: float


@dataclass(frozen=True, slots=True)
class WorkoutStep:
    """One timed step: what the runner does, for how long, and at what speed if set."""

    kind: StepKind
    seconds: int
    speed: SpeedRange | None = None


@dataclass(frozen=True, slots=True)
class RepeatSteps:
    """Go back to the item at `from_index` and run the block again, `times` runs in all."""

    from_index: int
    times: int


WorkoutItem = WorkoutStep | RepeatSteps


def workout_items(
    timeline: Sequence[TimelineStep], walking_kmh: float | None = None
) -> tuple[WorkoutItem, ...]:
    """The session's steps in watch order, repeated pairs folded into repeat steps.

    With the runner's forward walking speed on a treadmill (`walking_kmh`), walking steps
    get that speed as a target and backward steps about half of it; jogging forwards stays
    open (no speed was ever measured for it).
    """
    steps = [
        WorkoutStep(step.kind, step.seconds, _speed_for(step.kind, walking_kmh))
        for step in timeline
    ]
    items: list[WorkoutItem] = []
    index = 0
    while index < len(steps):
        runs = _pair_runs(steps, index)
        if runs >= 2:
            first = len(items)
            items += [steps[index], steps[index + 1], RepeatSteps(first, runs)]
            index += 2 * runs
        else:
            items.append(steps[index])
            index += 1
    return tuple(items)


def _pair_runs(steps: Sequence[WorkoutStep], index: int) -> int:
    """How many times the pair starting at `index` follows itself without a break."""
    pair = steps[index : index + 2]
    if len(pair) < 2:
        return 0
    runs = 1
    while steps[index + 2 * runs : index + 2 * runs + 2] == pair:
        runs += 1
    return runs


def _speed_for(kind: StepKind, walking_kmh: float | None) -> SpeedRange | None:
    if walking_kmh is None:
        return None
    if kind in _WALKING_KINDS:
        target = walking_kmh
    elif kind.is_reverse:
        target = walking_kmh * REVERSE_SHARE_OF_WALK
    else:
        return None
    mps = target / KMH_PER_MPS
    return SpeedRange(round(mps * (1 - SPEED_BAND), 3), round(mps * (1 + SPEED_BAND), 3))


def parse_walking_speed(text: str, km_per_unit: float = 1.0) -> float | None:
    """A typed walking speed ("5", "4.5", "5 km/h") in km/h, or None if it is not a
    plausible walking pace. `km_per_unit` converts from the runner's units (1.609 for mph)."""
    words = text.replace(",", ".").split()
    if not words:
        return None
    try:
        value = float(words[0]) * km_per_unit
    except ValueError:
        return None
    return round(value, 2) if MIN_WALKING_KMH <= value <= MAX_WALKING_KMH else None


def ran_whole_workout(activity_seconds: float, workout_seconds: int) -> bool:
    """Whether an activity lasted the workout it ran (a tenth less allows for a watch
    started late or stopped early at the end of the cool-down)."""
    return activity_seconds >= workout_seconds * (1 - WHOLE_WORKOUT_SLACK)
