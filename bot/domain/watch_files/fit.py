"""Reading a FIT activity with fitdecode: the watch's session summaries (start_time,
total_elapsed_time, total_distance, avg_heart_rate), or its records when a file has no
session (first to last timestamp, the furthest distance, the mean heart rate).

CRCs are checked, so a damaged or cut-off file is refused rather than half read. Elapsed
time is used, not timer time, to match GPX (first to last point): a reverse session's
walking breaks belong to it even when the watch auto-pauses.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import fitdecode

from bot.domain.watch_files.model import (
    Stretch,
    WatchFileProblem,
    combined,
    stretch_from_samples,
)

_WANTED: dict[str, tuple[str, ...]] = {
    "session": (
        "start_time",
        "total_elapsed_time",
        "total_timer_time",
        "total_distance",
        "avg_heart_rate",
    ),
    "record": ("timestamp", "distance", "heart_rate"),
}
# fitdecode 0.11 also fails on some damaged files (valid CRCs, nonsense inside) with plain
# ValueError, TypeError or AssertionError instead of its FitError; found by fuzzing.
# What fitdecode raises on a broken or hostile file.
FIT_READ_ERRORS = (fitdecode.FitError, ValueError, TypeError, AssertionError)
_FIT_SIGNATURE = b".FIT"
_HEADER_SIZES = (12, 14)


def looks_like_fit(content: bytes) -> bool:
    """Whether the bytes start with a FIT file header."""
    return len(content) >= max(_HEADER_SIZES) and (
        content[0] in _HEADER_SIZES and content[8:12] == _FIT_SIGNATURE
    )


def read_fit(content: bytes) -> Stretch | WatchFileProblem:
    """The activity's stretch, `NO_ACTIVITY` without times, `MALFORMED` if unreadable."""
    messages = _wanted_values(content)
    if messages is None:
        return WatchFileProblem.MALFORMED
    sessions = [_session(*values) for name, values in messages if name == "session"]
    records = [values for name, values in messages if name == "record"]
    stretch = combined([s for s in sessions if s is not None]) or _stretch_from_records(records)
    return stretch or WatchFileProblem.NO_ACTIVITY


def data_messages(content: bytes) -> Iterator[fitdecode.FitDataMessage]:
    """The data messages of a FIT file, its CRC checked; a broken file raises one of
    `FIT_READ_ERRORS` while it is read."""
    with fitdecode.FitReader(
        io.BytesIO(content),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                yield frame


def _wanted_values(content: bytes) -> list[tuple[str, tuple[Any, ...]]] | None:
    """Each session's and record's wanted fields in `_WANTED` order, or None if fitdecode
    can't read the file. Only fitdecode's code runs inside the try.
    """
    try:
        return [
            (frame.name, tuple(frame.get_value(field, fallback=None) for field in fields))
            for frame in data_messages(content)
            if (fields := _WANTED.get(frame.name)) is not None
        ]
    except FIT_READ_ERRORS:
        return None


def _session(
    start: Any, elapsed_seconds: Any, timer_seconds: Any, meters: Any, heart_rate: Any
) -> Stretch | None:
    started_at = _moment(start)
    seconds = _number(elapsed_seconds) or _number(timer_seconds)
    if started_at is None or seconds is None:
        return None
    return Stretch(started_at, seconds, _number(meters), _number(heart_rate))


def _stretch_from_records(records: list[tuple[Any, ...]]) -> Stretch | None:
    times = [moment for stamp, _, _ in records if (moment := _moment(stamp)) is not None]
    meters = [far for _, distance, _ in records if (far := _number(distance)) is not None]
    beats = [beat for _, _, bpm in records if (beat := _number(bpm)) is not None]
    return stretch_from_samples(times, max(meters, default=None), beats)


def _number(value: Any) -> float | None:
    """The value if it is a usable number (fitdecode gives None for FIT's "invalid")."""
    usable = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if usable and math.isfinite(value) else None


def _moment(value: Any) -> datetime | None:
    """The value if fitdecode made a date of it (it leaves implausibly early ones as ints)."""
    return value if isinstance(value, datetime) else None
