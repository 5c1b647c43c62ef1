"""What the reminder's buttons do to the plan: snooze it, or move the session to tomorrow.

Skipping needs no rule: the skipped day is simply no longer a planned day (see `missed`).
Moving keeps the programme's rule that backward sessions never fall on consecutive days
(see `bot.domain.programme.schedule`); a move that would break it is refused with a why.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

DEFAULT_SNOOZE_MINUTES = 30

_ONE_DAY = timedelta(days=1)


class MoveOutcome(StrEnum):
    """The answer to "move to tomorrow"."""

    MOVED = "moved"
    # Tomorrow already carries a backward session.
    TOMORROW_TAKEN = "tomorrow_taken"
    # The day after tomorrow carries one: the two would be back to back.
    BACK_TO_BACK = "back_to_back"


def snoozed(now: datetime, minutes: int = DEFAULT_SNOOZE_MINUTES) -> datetime:
    """When a reminder snoozed at `now` (aware) comes back: `minutes` of real time later."""
    if minutes <= 0:
        raise ValueError(f"a snooze lasts a positive number of minutes, got {minutes}")
    if now.utcoffset() is None:
        raise ValueError("a snooze needs an aware time")
    return (now.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(now.tzinfo)


def moved_to_tomorrow(session_day: date, reverse_days: Collection[date]) -> MoveOutcome:
    """Whether the backward session on `session_day` may move to the next day.

    `reverse_days` are the dates that carry a backward session (moves already made
    included); `session_day` is freed by the move, so only the day after tomorrow can
    make a pair. An easy day tomorrow is no obstacle: the session takes its place.
    """
    tomorrow = session_day + _ONE_DAY
    if tomorrow in reverse_days:
        return MoveOutcome.TOMORROW_TAKEN
    if tomorrow + _ONE_DAY in reverse_days:
        return MoveOutcome.BACK_TO_BACK
    return MoveOutcome.MOVED
