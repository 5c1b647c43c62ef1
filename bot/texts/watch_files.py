"""Texts about a file sent from a watch: what was read from it, or why it couldn't be."""

from __future__ import annotations

from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.profile import Units
from bot.domain.watch_files.model import WatchFileProblem, Workout
from bot.domain.watch_files.reading import MAX_BYTES
from bot.texts.translation import decimal_text, localize, plural

READ = "Read from your watch: {details}."
READ_MINUTES = plural("{minutes} min", "{minutes} min", "minutes")
READ_DISTANCE = "{distance} {unit}"
READ_HEART_RATE = "average heart rate {heart_rate}"
ATTACHED = "Added to your session of {day}."
NEW_LOG = (
    "Saved as a session on {day}. How much of it was backwards? Tell me with "
    "/log, e.g. /log {day} 10 min effort 5."
)
UNIT_NAMES: dict[str, str] = {"km": "km", "mi": "mi"}

# Keyed by WatchFileProblem values.
REFUSALS: dict[str, str] = {
    "too_large": (
        "That file is over {limit_mb} MB, more than one run needs. Could you export just "
        "this activity and send that?"
    ),
    "unknown_format": (
        "I can read GPX, TCX and FIT files from a watch, and this isn't one of them. Your "
        "watch's app usually has an Export option that makes one."
    ),
    "malformed": (
        "I couldn't read that file: it looks damaged or cut short. Try exporting it again, "
        'or just type the numbers, like "avg hr 140, 3 km".'
    ),
    "no_activity": (
        "That file opened fine but holds no recorded run (maybe a planned route?). Send the "
        "recording of the run itself."
    ),
}

# A document whose size Telegram did not say is never downloaded.
SIZE_UNKNOWN = (
    "I couldn't tell how big that file is, so I didn't open it. Could you send it again "
    "as a file from your watch's app?"
)
# Files are read a couple at a time; this one waits its turn.
ONE_MOMENT = "Got it, one moment: I'm still reading another file."

_BYTES_PER_MB = 1024 * 1024


def describe(workout: Workout, units: Units) -> str:
    """What was read, e.g. "Read from your watch: 24 min, 3.1 km, average heart rate 142."."""
    details = [READ_MINUTES.format(minutes=max(1, round(workout.duration_seconds / 60)))]
    if workout.distance_km is not None:
        distance = _in_units(workout.distance_km, units)
        details.append(
            READ_DISTANCE.format(
                distance=decimal_text(distance, trailing_zeros=True), unit=str(UNIT_NAMES[units])
            )
        )
    if workout.average_heart_rate is not None:
        details.append(READ_HEART_RATE.format(heart_rate=workout.average_heart_rate))
    return READ.format(details=", ".join(details))


def refusal(problem: WatchFileProblem) -> str:
    """Why the file was not read, and what the runner can do instead."""
    return REFUSALS[problem].format(limit_mb=MAX_BYTES // _BYTES_PER_MB)


def _in_units(km: float, units: Units) -> float:
    return km / KM_PER_MILE if units is Units.MILES else km


localize(__name__)
