"""Watch exports (GPX, TCX, FIT) read into a `Workout`: start, duration, distance and
average heart rate, or a `WatchFileProblem` saying why not. No exception escapes for any
bytes sent; parsing is CPU work, so callers on an event loop run it in a thread.
"""

from __future__ import annotations

from bot.domain.watch_files.model import SourceFormat, WatchFileProblem, Workout
from bot.domain.watch_files.reading import EXTENSIONS, MAX_BYTES, read_workout

__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "SourceFormat",
    "WatchFileProblem",
    "Workout",
    "read_workout",
]
