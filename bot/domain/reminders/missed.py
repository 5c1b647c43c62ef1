"""What the coach says about missed sessions: one gentle nudge, or an offer to realign.

A planned day is missed when it is before today and the runner was not active on it (no
/go, no /log). Days the runner skipped or moved away from on purpose are not planned days:
the caller leaves them out. Any active day, planned or not, today included, ends a run of
misses, so the "streak" is the planned days after the last active day and before today.

- A streak of three or more gets one offer to realign the plan (repeat the last week or
  step back), about the streak's third missed day, instead of a third nudge; after that
  the coach stays quiet about the streak until the runner is active again.
- Otherwise yesterday, if it was a missed planned day, gets one nudge.

The caller records the verdict's `about` day once the message is sent and passes every
recorded day back as `already_nudged`, so no day is ever spoken of twice.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

REALIGN_AFTER_MISSES = 3


class MissedAction(StrEnum):
    """What to send about missed sessions today."""

    NOTHING = "nothing"
    NUDGE = "nudge"
    REALIGN = "realign"


@dataclass(frozen=True, slots=True)
class MissedVerdict:
    """The action, the missed day it is about (to record), and how many misses in a row."""

    action: MissedAction
    about: date | None = None
    missed_in_a_row: int = 0


NOTHING_TO_SAY = MissedVerdict(MissedAction.NOTHING)


def missed_session_verdict(
    planned_days: Sequence[date],
    active_days: Collection[date],
    already_nudged: Collection[date],
    today: date,
) -> MissedVerdict:
    """Whether to nudge about yesterday's missed session, offer to realign, or say nothing."""
    last_active = max((day for day in active_days if day <= today), default=date.min)
    streak = sorted({day for day in planned_days if last_active < day < today})
    if len(streak) >= REALIGN_AFTER_MISSES:
        third = streak[REALIGN_AFTER_MISSES - 1]
        if third in already_nudged:
            return NOTHING_TO_SAY
        return MissedVerdict(MissedAction.REALIGN, third, len(streak))
    yesterday = today - timedelta(days=1)
    if streak and streak[-1] == yesterday and yesterday not in already_nudged:
        return MissedVerdict(MissedAction.NUDGE, yesterday, len(streak))
    return NOTHING_TO_SAY
