"""Reading what the runner types in /reminders: how long before a session, and quiet hours.

As tolerant as onboarding, whose number and clock readers these reuse. Both parsers give
None for what they cannot read and never raise.
"""

from __future__ import annotations

import re
from datetime import time
from enum import Enum

from bot.domain.onboarding.clock import parse_session_time
from bot.domain.onboarding.lexicon import normalise, words
from bot.domain.onboarding.numbers import numbers_in
from bot.domain.onboarding.results import Accepted
from bot.domain.reminders.prefs import MAX_LEAD_MINUTES


class QuietHoursOff(Enum):
    """The runner wants no quiet hours at all ("off", "none")."""

    OFF = "off"


QUIET_HOURS_OFF = QuietHoursOff.OFF

# Whole phrases for a duration, read before the numbers: "an hour and a half", "half an hour".
_DURATION_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{pattern}\b"), replacement)
    for pattern, replacement in (
        (r"(?:an?|one|1) (?:hour|hr) and a half", " 90 min "),
        (r"(?:an?|one|1) and a half (?:hours|hrs|hour|hr)", " 90 min "),
        (r"half (?:an )?(?:hour|hr)", " 30 min "),
        (r"(?:a )?quarter (?:of )?(?:an )?(?:hour|hr)", " 15 min "),
        (r"an? (?:hour|hr)", " 1 h "),
    )
)
# A unit word, and what it multiplies to make minutes; "1h30" is split into "1 h 30" first.
_UNIT = re.compile(r"\b(?:(?P<hours>h|hrs?|hours?)|(?P<minutes>m|mins?|minutes?))\b")
_DIGIT_LETTER = re.compile(r"(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])")
_MINUTES_PER_HOUR = 60

# Between the two ends of a quiet window: "22-7", "10pm to 7am", "between 22 and 7".
_RANGE = re.compile(r"\s*(?:-|–|—|~|\bto\b|\buntil\b|\btill?\b|\band\b)\s*")
_OFF_WORDS = frozenset({"off", "none", "no", "never", "nothing", "disable", "disabled"})


def parse_lead(text: str) -> int | None:
    """Minutes before a session: "30 min", "1 h", "an hour", "1h30", "45"; 0 to 240.

    A bare number is minutes, and a bare number after hours too ("1 h 30").
    """
    cleaned = normalise(text)
    for pattern, replacement in _DURATION_PHRASES:
        cleaned = pattern.sub(replacement, cleaned)
    cleaned = _DIGIT_LETTER.sub(" ", cleaned)
    total = 0.0
    counted = False
    rest = 0
    for unit in _UNIT.finditer(cleaned):
        amount = numbers_in(cleaned[rest : unit.start()])
        if len(amount) != 1:
            return None
        total += amount[0] * (_MINUTES_PER_HOUR if unit.group("hours") else 1)
        counted = True
        rest = unit.end()
    trailing = numbers_in(cleaned[rest:])
    if len(trailing) > 1:
        return None
    if trailing:
        total += trailing[0]
    elif not counted:
        return None
    if not 0 <= total <= MAX_LEAD_MINUTES:
        return None
    return round(total)


def parse_quiet_hours(text: str) -> tuple[time, time] | QuietHoursOff | None:
    """Quiet hours as (start, end): "22-7", "22:00-07:00", "10pm to 7am"; "off" for none.

    A window that starts and ends at the same time is not a window (None).
    """
    cleaned = normalise(text)
    ends = _RANGE.split(cleaned, maxsplit=1)
    if len(ends) == 2:
        start, end = (parse_session_time(part) for part in ends)
        if isinstance(start, Accepted) and isinstance(end, Accepted):
            return (start.value, end.value) if start.value != end.value else None
    if _OFF_WORDS.intersection(words(text)):
        return QUIET_HOURS_OFF
    return None
