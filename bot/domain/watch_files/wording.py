"""The sentences about a watch file: what was read from it, or why it was refused."""

from __future__ import annotations

from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.profile import Units
from bot.domain.watch_files.model import WatchFileProblem, Workout
from bot.domain.watch_files.reading import MAX_BYTES
from bot.texts import watch_files as texts

_BYTES_PER_MB = 1024 * 1024


def describe(workout: Workout, units: Units) -> str:
    """What was read, e.g. "Read from your watch: 24 min, 3.1 km, average heart rate 142."."""
    details = [texts.READ_MINUTES.format(minutes=max(1, round(workout.duration_seconds / 60)))]
    if workout.distance_km is not None:
        distance = _in_units(workout.distance_km, units)
        details.append(texts.READ_DISTANCE.format(distance=distance, unit=texts.UNIT_NAMES[units]))
    if workout.average_heart_rate is not None:
        details.append(texts.READ_HEART_RATE.format(heart_rate=workout.average_heart_rate))
    return texts.READ.format(details=", ".join(details))


def refusal(problem: WatchFileProblem) -> str:
    """Why the file was not read, and what the runner can do instead."""
    return texts.REFUSALS[problem].format(limit_mb=MAX_BYTES // _BYTES_PER_MB)


def _in_units(km: float, units: Units) -> float:
    return km / KM_PER_MILE if units is Units.MILES else km
