"""Which weekdays the runner trains: reading "mon wed fri", "tue-thu", "weekends", "any
day", and fitting the days to the sessions-per-week count.

The rule: exactly as many days as sessions. Fewer is refused (we can't guess which day to
add). More ("weekdays", "any day") is welcome: we pick that many, spread as far apart as
possible, because rest days between sessions matter most while the movement is new.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from itertools import combinations, pairwise

from bot.domain.languages import ENGLISH
from bot.domain.onboarding.lexicon import Lexicon, Match, words
from bot.domain.onboarding.parsers import unreadable
from bot.domain.onboarding.results import (
    Accepted,
    Note,
    Notice,
    ParseResult,
    Reason,
    Rejected,
)
from bot.domain.onboarding.wordbook import (
    DAY_EXCLUSION_WORDS,
    DAY_LIST_WORDS,
    DAY_RANGE_WORDS,
    answer_words,
)

# Canonical keys, Monday first (Python's weekday numbering); also the button keys.
DAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYS_IN_WEEK = 7

# Words that keep an "except ..." going across a list: "except sat and sun".
_LIST_WORDS = DAY_LIST_WORDS | DAY_RANGE_WORDS


@cache
def _days(language: str) -> Lexicon[frozenset[int]]:
    return Lexicon.of(answer_words(language).weekdays)


def _span(first: int, last: int) -> frozenset[int]:
    """The days from first to last inclusive, wrapping past Sunday ("fri-mon")."""
    length = (last - first) % DAYS_IN_WEEK + 1
    return frozenset((first + step) % DAYS_IN_WEEK for step in range(length))


def parse_weekdays(text: str, language: str = ENGLISH) -> ParseResult[tuple[int, ...]]:
    """The days named in the text, sorted, Monday = 0; not yet fitted to a session count."""
    typed = words(text)
    chosen: set[int] = set()
    left_out: set[int] = set()
    excluding = False
    previous: Match[frozenset[int]] | None = None
    for match in _days(language).matches(typed):
        between = typed[previous.end if previous else 0 : match.start]
        if any(word in DAY_EXCLUSION_WORDS for word in between):
            excluding = True
        elif any(word not in _LIST_WORDS for word in between):
            excluding = False
        named = set(match.value)
        if (
            previous is not None
            and len(previous.value) == len(match.value) == 1
            and between
            and all(word in DAY_RANGE_WORDS for word in between)
        ):
            named |= _span(min(previous.value), min(match.value))
        (left_out if excluding else chosen).update(named)
        previous = match
    days = sorted(chosen - left_out)
    if not days:
        return unreadable(text)
    return Accepted(tuple(days))


def back_to_back(days: Collection[int]) -> list[tuple[int, int]]:
    """Pairs of chosen days that follow each other, Sunday into Monday included."""
    return [
        (day, (day + 1) % DAYS_IN_WEEK) for day in sorted(days) if (day + 1) % DAYS_IN_WEEK in days
    ]


def _smallest_gap(days: Sequence[int]) -> int:
    gaps = [later - earlier for earlier, later in pairwise(days)]
    return min([*gaps, days[0] + DAYS_IN_WEEK - days[-1]])


def spread_days(days: Collection[int], count: int) -> tuple[int, ...]:
    """`count` of the given days, as far apart as possible (earliest in the week on ties)."""
    return max(
        combinations(sorted(days), count),
        key=lambda picked: (
            _smallest_gap(picked),
            -len(back_to_back(picked)),
            tuple(-day for day in picked),
        ),
    )


def days_param(days: Sequence[int]) -> str:
    """Days (0 = Monday) as a notice's value, which the texts turn into day names."""
    return ",".join(str(day) for day in days)


def fit_weekdays(days: tuple[int, ...], sessions: int) -> ParseResult[tuple[int, ...]]:
    """Match the days to the sessions per week (see the module docstring for the rule)."""
    if len(days) < sessions:
        return Rejected(
            Reason.WEEKDAYS_TOO_FEW, (("sessions", str(sessions)), ("given", str(len(days))))
        )
    if len(days) > sessions:
        picked = spread_days(days, sessions)
        return Accepted(picked, (Notice(Note.DAYS_PICKED, (("days", days_param(picked)),)),))
    pairs = back_to_back(days)
    if not pairs:
        return Accepted(days)
    return Accepted(days, (Notice(Note.BACK_TO_BACK_DAYS, (("days", days_param(pairs[0])),)),))
