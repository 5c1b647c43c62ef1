"""The words of a session's timeline: each step's cue and tip, the session's shape in one
line, and durations as a runner reads them."""

from __future__ import annotations

from itertools import cycle, islice

from bot.domain.profile import Place, Profile
from bot.domain.programme.templates import SessionTemplate, StepKind
from bot.domain.programme.timeline import TimelineStep, movements
from bot.texts import programme as texts
from bot.texts.translation import localize


def build_session_timeline(
    template: SessionTemplate, profile: Profile | None, place: Place, session_number: int = 0
) -> tuple[TimelineStep, ...]:
    """The steps of one session, from the warm-up walk to the cool-down walk (a group's
    session has no one runner's `profile`).

    `session_number` (any count that moves on with each session, such as the day's number)
    rotates the warm-up's technique drill and where the technique tips start, so sessions on
    different days read differently.
    """
    first_tip = session_number % len(texts.TECHNIQUE_TIPS)
    technique_tips = islice(cycle(texts.TECHNIQUE_TIPS), first_tip, None)
    drill = texts.TECHNIQUE_DRILLS[session_number % len(texts.TECHNIQUE_DRILLS)]
    steps: list[TimelineStep] = []
    previous: StepKind | None = None
    for kind, seconds in movements(template):
        tip = next(technique_tips) if kind.is_reverse else texts.STEP_TIPS[kind]
        cue = _cue(kind, seconds, previous, profile, place)
        if kind is StepKind.WARM_UP:
            cue = f"{cue} {drill}"
        steps.append(TimelineStep(kind, seconds, cue, tip))
        previous = kind
    return tuple(steps)


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


def format_duration(seconds: int) -> str:
    """Seconds as the runner reads them: "30 s", "3 min", "3 min 30 s"."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return texts.DURATION_SECONDS.format(seconds=rest)
    if not rest:
        return texts.DURATION_MINUTES.format(minutes=minutes)
    return texts.DURATION_MINUTES_SECONDS.format(
        minutes=texts.DURATION_MINUTES.format(minutes=minutes),
        seconds=texts.DURATION_SECONDS.format(seconds=rest),
    )


def _cue(
    kind: StepKind, seconds: int, previous: StepKind | None, profile: Profile | None, place: Place
) -> str:
    """The step's instruction plus the safety words this place and runner need at that moment."""
    parts = [texts.STEP_CUES[kind].format(duration=format_duration(seconds))]
    if kind is StepKind.WARM_UP:
        parts += [texts.PLACE_SETUP[place], texts.PAIN_RULE]
        if profile is not None and profile.physio_supervised:
            parts.append(texts.PHYSIO_FIRST)
    elif kind.is_reverse:
        reminders = texts.PLACE_REVERSE_REMINDERS
        parts.append(reminders.get(f"{place.value}.{kind.value}", reminders[place]))
    elif previous is not None and previous.is_reverse:
        parts.append(texts.PLACE_TURN_FORWARD_REMINDERS.get(place, ""))
    return " ".join(part for part in parts if part)


localize(__name__)
