"""Counters of what the cue chains did, for benchmarks and /stats."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    """What became of one message of a cue chain."""

    SENT = "sent"
    STALE = "stale"  # too late to be useful: dropped before it went out
    FAILED = "failed"  # Telegram refused it inside its window
    BLOCKED = "blocked"  # the runner blocked the bot


@dataclass
class CueStats:
    """Cues sent, dropped because they were too late, failed, catch-ups after a restart, and
    the "where you are" lines after stale cues (sent, and dropped stale in turn)."""

    sent: int = 0
    stale_dropped: int = 0
    failed: int = 0
    caught_up: int = 0
    held_back_lines: int = 0
    held_back_dropped: int = 0

    def count_cue(self, outcome: Outcome) -> None:
        """Count one cue of a session's plan."""
        if outcome is Outcome.SENT:
            self.sent += 1
        elif outcome is Outcome.STALE:
            self.stale_dropped += 1
        elif outcome is Outcome.FAILED:
            self.failed += 1

    def count_held_back_line(self, outcome: Outcome) -> None:
        """Count one line saying where the runner is, sent after stale cues."""
        if outcome is Outcome.SENT:
            self.held_back_lines += 1
        elif outcome is Outcome.STALE:
            self.held_back_dropped += 1
