"""Finding the day a /log is for: "yesterday", "monday", "last fri", "3 days ago",
"2026-11-18", "18.11", "18/11", "18 nov", "nov 18th".

Rules: a weekday is the most recent one, today included ("last monday" is before
today). A date without a year is this year's, or last year's when this year's is still
ahead and last year's is recent (in January, "30.12" is last December). Numbers are day
then month; a slash date is month/day only when that is the sole way it exists ("11/18").
"N/10" with N up to 10 is an effort score, never a date, and "18.1" (one digit after the
dot) is a decimal number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from bot.domain.languages import ENGLISH, reading_language, weekday_names
from bot.domain.log_reading.tokens import Token, TokenKind, clauses_of, lexicon_matches, word_keys
from bot.domain.log_reading.wordbook import (
    AGO_BEFORE,
    DAY_LINKS,
    DAY_WORDS,
    DAYS_AGO,
    DISTANCE_UNITS,
    DURATION_UNITS,
    LAST_AFTER,
    LAST_WORDS,
    ORDINAL_SUFFIXES,
    phrases,
)
from bot.domain.onboarding.lexicon import Lexicon, words
from bot.domain.onboarding.vocabulary import WEEKDAYS

# How far back a year-less date may reach into last year.
RECENT_DAYS = 60
_DAYS_IN_WEEK = 7
_MONTHS_IN_YEAR = 12
_CENTURY = 2000
_SCORE_TOP = 10

_ISO = re.compile(r"(?<![\d./-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_NUMERIC = re.compile(
    r"(?<![\d./:-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2}))?"
    r"(?![\d/:-]|\.\d)"
)
_UNITS_AFTER = re.compile(
    r"\s*(?:"
    + "|".join(sorted({*DISTANCE_UNITS, *DURATION_UNITS}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_MIN_DAY_LETTERS = 3


@cache
def _relative(language: str) -> Lexicon[int]:
    return Lexicon.of(phrases(language).relative_days)


@cache
def _months(language: str) -> Lexicon[int]:
    return Lexicon.of(phrases(language).months)


@cache
def _weekdays(language: str) -> Lexicon[int]:
    """Single days written with at least three letters ("mo" and "th" are too easily other
    words), in English and in CLDR's names for the language, less those that also name a
    month ("mar" is Tuesday and March in Spanish)."""
    months = {name for group in phrases(language).months.values() for name in group}
    named: dict[int, list[str]] = {
        min(days): list(group) for days, group in WEEKDAYS.items() if len(days) == 1
    }
    language = reading_language(language)
    if language != ENGLISH:
        for day, group in weekday_names(language).items():
            named[day] += group
    return Lexicon.of(
        {
            day: tuple(
                phrase
                for phrase in group
                if len(phrase) >= _MIN_DAY_LETTERS and " ".join(words(phrase)) not in months
            )
            for day, group in named.items()
        }
    )


@dataclass(frozen=True, slots=True)
class NamedDay:
    """A day named in the text at start..end; `day` is None when no such date exists."""

    day: date | None
    start: int
    end: int


def _made(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _back(today: date, days: int) -> date | None:
    try:
        return today - timedelta(days=days)
    except OverflowError:
        return None


def _recent(month: int, day: int, year: int | None, today: date) -> date | None:
    """The date, with a missing year filled in (see the module docstring)."""
    if year is not None:
        return _made(year + _CENTURY if year < 100 else year, month, day)
    this_year = _made(today.year, month, day)
    if this_year is None or this_year <= today:
        return this_year
    last_year = _made(today.year - 1, month, day)
    if last_year is not None and (today - last_year).days <= RECENT_DAYS:
        return last_year
    return this_year


def _numeric_days(text: str, today: date) -> list[NamedDay]:
    found = [
        NamedDay(_made(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
        for m in _ISO.finditer(text)
    ]
    for m in _NUMERIC.finditer(text):
        first, second, year = int(m["a"]), int(m["b"]), m["year"]
        if year is None and m["sep"] == "." and len(m["b"]) != 2:
            continue  # "12.5" is a decimal
        if year is None and m["sep"] == "/" and second == _SCORE_TOP and first <= _SCORE_TOP:
            continue  # "7/10" is a score
        if _UNITS_AFTER.match(text, m.end()):
            continue  # "12.05 min"
        day, month = first, second
        if m["sep"] == "/" and first <= _MONTHS_IN_YEAR < second:
            day, month = second, first
        day_named = _recent(month, day, None if year is None else int(year), today)
        found.append(NamedDay(day_named, m.start(), m.end()))
    return found


def _whole(tokens: Sequence[Token], position: int) -> int | None:
    """The whole number at `position`, if there is one."""
    if not 0 <= position < len(tokens):
        return None
    token = tokens[position]
    if token.kind is not TokenKind.NUMBER or token.value != int(token.value):
        return None
    return int(token.value)


def _day_of_month(
    tokens: Sequence[Token], keys: Sequence[str], start: int, end: int
) -> tuple[int, int, int] | None:
    """The day next to a month name at start..end, and the span both cover:
    "18 nov", "18th nov", "18th of nov", "nov 18", "nov 18th".
    """
    before = start - 1
    while before >= 0 and keys[before] in DAY_LINKS:
        before -= 1
    day = _whole(tokens, before)
    if day is not None:
        return day, before, end
    day = _whole(tokens, end)
    if day is None:
        return None
    last = end + 1
    if last < len(keys) and keys[last] in ORDINAL_SUFFIXES:
        last += 1
    return day, start, last


def _days_ago(tokens: Sequence[Token], keys: Sequence[str]) -> list[tuple[int, int, int]]:
    """(count, first, last) for "3 days ago", "3 дня назад" and "hace 3 días"."""
    found: list[tuple[int, int, int]] = []
    for position in range(len(tokens) - 1):
        count = _whole(tokens, position)
        if count is None or keys[position + 1] not in DAY_WORDS:
            continue
        if position + 2 < len(keys) and keys[position + 2] in DAYS_AGO:
            found.append((count, position, position + 3))
        elif position and keys[position - 1] in AGO_BEFORE:
            found.append((count, position - 1, position + 2))
    return found


def _word_days(tokens: Sequence[Token], today: date, language: str) -> list[NamedDay]:
    keys = word_keys(tuple(tokens))

    def named(day: date | None, first: int, last: int) -> NamedDay:
        return NamedDay(day, tokens[first].start, tokens[last - 1].end)

    relative = lexicon_matches(_relative(language), keys)
    found = [named(_back(today, m.value), m.start, m.end) for m in relative]
    for m in lexicon_matches(_weekdays(language), keys):
        first = m.start - 1 if m.start and keys[m.start - 1] in LAST_WORDS else m.start
        last = m.end + 1 if m.end < len(keys) and keys[m.end] in LAST_AFTER else m.end
        back = (today.weekday() - m.value) % _DAYS_IN_WEEK
        if back == 0 and (first < m.start or last > m.end):
            back = _DAYS_IN_WEEK  # "last monday" on a Monday
        found.append(named(_back(today, back), first, last))
    for count, first, last in _days_ago(tokens, keys):
        found.append(named(_back(today, count), first, last))
    for m in lexicon_matches(_months(language), keys):
        around = _day_of_month(tokens, keys, m.start, m.end)
        if around is not None:
            day, first, last = around
            year = _whole(tokens, last)
            if year is not None and year >= _CENTURY:
                last += 1
            else:
                year = None
            found.append(named(_recent(m.value, day, year, today), first, last))
    return found


def named_days(text: str, today: date, language: str = ENGLISH) -> list[NamedDay]:
    """Every day named in the prepared text, numeric dates first; words are read in the
    runner's language ("ayer", "el lunes", "18 de noviembre", "вчера", "18 ноября")."""
    numeric = _numeric_days(text, today)
    cleared = without_days(text, numeric)
    tokens = [token for clause in clauses_of(cleared, language) for token in clause]
    return numeric + _word_days(tokens, today, language)


def without_days(text: str, days: Sequence[NamedDay]) -> str:
    """The text with the named days blanked out, positions unchanged."""
    for named in days:
        text = text[: named.start] + " " * (named.end - named.start) + text[named.end :]
    return text
