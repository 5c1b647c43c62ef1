"""What the runner tells us after a session: the facts the progression rules judge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

SCALE_MAX = 10  # effort (Borg CR10) and pain share a 0-10 scale


class MorningAfter(StrEnum):
    """How the runner felt the morning after a session, compared with before it."""

    BETTER = "better"
    SAME = "same"
    # Worse, and the runner said it is muscle soreness (expected early on), not the joint.
    SORE = "sore"
    # Worse in a joint, or not said which: that steps back.
    WORSE = "worse"


@dataclass(frozen=True, slots=True)
class SessionLog:
    """One logged session.

    `effort` is Borg CR10 (0-10) and `pain` is 0-10; either is None until the runner
    answers. `morning_after` stays None until the next-morning check-in is answered.
    `red_flag` is True when the runner reported a warning sign (chest pain, dizziness,
    a near-fall, a knee giving way, ...). `planned_reverse_minutes` is what the session's
    plan asked for (None for a session logged by hand), and `downgraded` is True when the
    safety check cut it down to walking.
    """

    day: date
    completed: bool
    reverse_minutes: float
    effort: int | None = None
    pain: int | None = None
    morning_after: MorningAfter | None = None
    red_flag: bool = False
    planned_reverse_minutes: float | None = None
    downgraded: bool = False

    def __post_init__(self) -> None:
        if self.reverse_minutes < 0:
            raise ValueError(f"reverse_minutes must not be negative, got {self.reverse_minutes}")
        for name, value in (("effort", self.effort), ("pain", self.pain)):
            if value is not None and not 0 <= value <= SCALE_MAX:
                raise ValueError(f"{name} must be 0-{SCALE_MAX}, got {value}")
