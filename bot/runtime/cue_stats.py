"""Counters of what the cue chains did, for benchmarks and /stats."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CueStats:
    """Cues sent, dropped because they were too late, failed, catch-ups after a restart, and
    catch-up lines after stale cues."""

    sent: int = 0
    stale_dropped: int = 0
    failed: int = 0
    caught_up: int = 0
    held_back_lines: int = 0
