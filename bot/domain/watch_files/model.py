"""What a watch file tells us, and the summing-up shared by the three formats.

Each format reader boils its file down to one `Stretch` (UTC start, seconds, meters,
heart rate) from either the device's own summaries (TCX laps, FIT sessions) or the raw
samples (GPX points, FIT records). `read_workout` then turns that into a `Workout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Literal

SourceFormat = Literal["gpx", "tcx", "fit"]

# Outside these a reading is a sensor drop-out (often 0) or a glitch, not a runner's heart.
LOWEST_HEART_RATE = 25
HIGHEST_HEART_RATE = 250


class WatchFileProblem(StrEnum):
    """Why a file sent as a watch export could not be read."""

    TOO_LARGE = "too_large"
    UNKNOWN_FORMAT = "unknown_format"
    MALFORMED = "malformed"
    NO_ACTIVITY = "no_activity"


@dataclass(frozen=True, slots=True)
class Workout:
    """One activity read from a watch file; `day` is the local date it started on."""

    day: date
    started_at: datetime
    duration_seconds: int
    distance_km: float | None
    average_heart_rate: int | None
    source_format: SourceFormat


@dataclass(frozen=True, slots=True)
class Stretch:
    """A timed part of an activity: a TCX lap, a FIT session, or a whole track of samples."""

    started_at: datetime  # in UTC
    seconds: float
    meters: float | None
    heart_rate: float | None


def as_utc(moment: datetime) -> datetime:
    """The moment in UTC (watch formats mean UTC when they leave the zone out).

    Raises ValueError for an offset of a day or more, or a moment pushed off the calendar.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as error:
        raise ValueError(f"{moment!r} is off the calendar in UTC") from error


def stretch_from_samples(
    times: Sequence[datetime], meters: float | None, heart_rates: Sequence[float]
) -> Stretch | None:
    """First to last sample time, the given distance, the mean plausible heart rate."""
    if not times:
        return None
    start, end = min(times), max(times)
    return Stretch(start, (end - start).total_seconds(), meters, _mean_heart_rate(heart_rates))


def combined(stretches: Sequence[Stretch]) -> Stretch | None:
    """Laps or sessions as one: earliest start, summed time and distance, and the heart
    rate averaged by time over the stretches that have one.
    """
    if not stretches:
        return None
    distances = [s.meters for s in stretches if s.meters is not None]
    timed_beats = [
        (s.heart_rate, s.seconds)
        for s in stretches
        if s.heart_rate is not None and is_plausible_heart_rate(s.heart_rate) and s.seconds > 0
    ]
    heart_seconds = sum(seconds for _, seconds in timed_beats)
    heart_rate = (
        sum(bpm * seconds for bpm, seconds in timed_beats) / heart_seconds if timed_beats else None
    )
    return Stretch(
        started_at=min(s.started_at for s in stretches),
        seconds=sum(s.seconds for s in stretches),
        meters=sum(distances) if distances else None,
        heart_rate=heart_rate,
    )


def is_plausible_heart_rate(bpm: float) -> bool:
    """Whether a heart-rate reading can be a runner's (drop-outs and glitches are not)."""
    return LOWEST_HEART_RATE <= bpm <= HIGHEST_HEART_RATE


def _mean_heart_rate(samples: Sequence[float]) -> float | None:
    plausible = [bpm for bpm in samples if is_plausible_heart_rate(bpm)]
    return sum(plausible) / len(plausible) if plausible else None
