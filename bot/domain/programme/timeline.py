"""A session as the runner lives it: ordered, timed steps, each with a cue and a tip."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, cycle, islice

from bot.domain.profile import Place, Profile
from bot.domain.programme.templates import (
    COOL_DOWN_SECONDS,
    WARM_UP_SECONDS,
    SessionTemplate,
    StepKind,
)
from bot.texts import programme as texts


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step of a session: what to do, for how long, what we say and one tip."""

    kind: StepKind
    seconds: int
    cue: str
    tip: str


def build_session_timeline(
    template: SessionTemplate, profile: Profile, place: Place, session_number: int = 0
) -> tuple[TimelineStep, ...]:
    """The steps of one session, from the warm-up walk to the cool-down walk.

    `session_number` (any count that moves on with each session, such as the day's number)
    rotates the warm-up's technique drill and where the technique tips start, so sessions on
    different days read differently.
    """
    first_tip = session_number % len(texts.TECHNIQUE_TIPS)
    technique_tips = islice(cycle(texts.TECHNIQUE_TIPS), first_tip, None)
    drill = texts.TECHNIQUE_DRILLS[session_number % len(texts.TECHNIQUE_DRILLS)]
    steps: list[TimelineStep] = []
    previous: StepKind | None = None
    for kind, seconds in _movements(template):
        tip = next(technique_tips) if kind.is_reverse else texts.STEP_TIPS[kind]
        cue = _cue(kind, seconds, previous, profile, place)
        if kind is StepKind.WARM_UP:
            cue = f"{cue} {drill}"
        steps.append(TimelineStep(kind, seconds, cue, tip))
        previous = kind
    return tuple(steps)


def timeline_seconds(steps: Iterable[TimelineStep]) -> int:
    """How long the whole session takes, in seconds."""
    return sum(step.seconds for step in steps)


def timeline_reverse_seconds(steps: Iterable[TimelineStep]) -> int:
    """Seconds spent moving backwards."""
    return sum(step.seconds for step in steps if step.kind.is_reverse)


def step_offsets(steps: Iterable[TimelineStep]) -> tuple[int, ...]:
    """Seconds from the start of the session at which each step begins (when its cue is due)."""
    return (0, *accumulate(step.seconds for step in steps))[:-1]


def session_shape(template: SessionTemplate) -> str:
    """A one-line summary of the main set, e.g. "6 × 30 s reverse jog / 60 s walk"."""
    values = {
        "reps": template.reps,
        "bout": format_duration(template.bout_seconds),
        "movement": texts.MOVEMENT_NAMES[template.bout],
        "recovery": format_duration(template.recovery_seconds),
        "recovery_movement": texts.MOVEMENT_NAMES[template.recovery],
    }
    if template.challenge and template.easy_run_seconds:
        return texts.SHAPE_CHALLENGE.format(**values)
    if template.challenge:
        return texts.SHAPE_CHALLENGE_ALONE.format(**values)
    if template.easy_run_seconds:
        return texts.SHAPE_IN_RUN.format(**values)
    return texts.SHAPE_INTERVALS.format(**values)


def whole_minutes(seconds: float) -> int:
    """Seconds as whole minutes, halves rounded up: how every total is shown to a runner."""
    return math.floor(seconds / 60 + 0.5)


def format_duration(seconds: int) -> str:
    """Seconds as the runner reads them: "30 s", "3 min", "3 min 30 s"."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return texts.DURATION_SECONDS.format(seconds=rest)
    if not rest:
        return texts.DURATION_MINUTES.format(minutes=minutes)
    return texts.DURATION_MINUTES_SECONDS.format(minutes=minutes, seconds=rest)


def _movements(template: SessionTemplate) -> Iterator[tuple[StepKind, int]]:
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


def _cue(
    kind: StepKind, seconds: int, previous: StepKind | None, profile: Profile, place: Place
) -> str:
    """The step's instruction plus the safety words this place and runner need at that moment."""
    parts = [texts.STEP_CUES[kind].format(duration=format_duration(seconds))]
    if kind is StepKind.WARM_UP:
        parts += [texts.PLACE_SETUP[place], texts.PAIN_RULE]
        if profile.physio_supervised:
            parts.append(texts.PHYSIO_FIRST)
    elif kind.is_reverse:
        reminders = texts.PLACE_REVERSE_REMINDERS
        parts.append(reminders.get(f"{place.value}.{kind.value}", reminders[place]))
    elif previous is not None and previous.is_reverse:
        parts.append(texts.PLACE_TURN_FORWARD_REMINDERS.get(place, ""))
    return " ".join(part for part in parts if part)
