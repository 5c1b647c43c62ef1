"""From a sent file to a `Workout`, or the reason it can't be one.

The name must end in .gpx, .tcx or .fit (a photo or a .txt is refused); the content then
decides which of the three it is, so a TCX saved as .gpx still reads. Size is checked
before any parsing, and every parser error ends as `MALFORMED`, never as an exception.
"""

from __future__ import annotations

import math
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from bot.domain.watch_files.fit import looks_like_fit, read_fit
from bot.domain.watch_files.gpx import read_gpx
from bot.domain.watch_files.model import (
    SourceFormat,
    Stretch,
    WatchFileProblem,
    Workout,
    is_plausible_heart_rate,
)
from bot.domain.watch_files.tcx import read_tcx
from bot.domain.watch_files.xml_files import looks_like_xml, parse_xml, root_name

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = frozenset({".gpx", ".tcx", ".fit"})
# Longer than a week is clock trouble in the file, not a run (and would not fit a log).
LONGEST_SECONDS = 7 * 24 * 60 * 60


def read_workout(file_name: str, content: bytes, tz: str) -> Workout | WatchFileProblem:
    """The activity in a watch export, dated in the runner's IANA time zone `tz`."""
    if len(content) > MAX_BYTES:
        return WatchFileProblem.TOO_LARGE
    if PurePosixPath(file_name).suffix.lower() not in EXTENSIONS:
        return WatchFileProblem.UNKNOWN_FORMAT
    if not content.strip():
        return WatchFileProblem.MALFORMED
    if looks_like_fit(content):
        return _workout(read_fit(content), "fit", tz)
    if not looks_like_xml(content):
        return WatchFileProblem.UNKNOWN_FORMAT
    match root_name(content):
        case None:
            return WatchFileProblem.MALFORMED
        case "gpx":  # read as a stream: tracks are the big files
            return _workout(read_gpx(content), "gpx", tz)
        case "TrainingCenterDatabase":
            root = parse_xml(content)
            return (
                WatchFileProblem.MALFORMED if root is None else _workout(read_tcx(root), "tcx", tz)
            )
        case _:
            return WatchFileProblem.UNKNOWN_FORMAT


def _workout(
    read: Stretch | WatchFileProblem, source_format: SourceFormat, tz: str
) -> Workout | WatchFileProblem:
    if isinstance(read, WatchFileProblem):
        return read
    if not read.seconds <= LONGEST_SECONDS:  # also true for an overflowing sum (inf)
        return WatchFileProblem.MALFORMED
    duration_seconds = round(read.seconds)
    if duration_seconds < 1:
        return WatchFileProblem.NO_ACTIVITY
    try:
        started_at = read.started_at.astimezone(ZoneInfo(tz))
    except OverflowError:  # a start in year 1 or 9999 pushed past the calendar's end
        return WatchFileProblem.MALFORMED
    return Workout(
        day=started_at.date(),
        started_at=started_at,
        duration_seconds=duration_seconds,
        distance_km=_kilometres(read.meters),
        average_heart_rate=_heart_rate(read.heart_rate),
        source_format=source_format,
    )


def _kilometres(meters: float | None) -> float | None:
    """None when the watch measured no distance (0 on a treadmill without a foot pod)."""
    return meters / 1000 if meters is not None and 0 < meters < math.inf else None


def _heart_rate(bpm: float | None) -> int | None:
    return round(bpm) if bpm is not None and is_plausible_heart_rate(bpm) else None
