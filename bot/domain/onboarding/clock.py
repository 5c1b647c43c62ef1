"""Reading a time of day: "6:30", "18:15", "7am", "7 pm", "1830", "morning"."""

from __future__ import annotations

import re
from datetime import time
from functools import cache

from number_parser import parse

from bot.domain.languages import ENGLISH, reading_language
from bot.domain.onboarding.lexicon import Lexicon, has_words, normalise, words
from bot.domain.onboarding.results import (
    Accepted,
    Note,
    Notice,
    ParseResult,
    Reason,
    Rejected,
)
from bot.domain.onboarding.wordbook import AFTERNOON_WORDS, MORNING_WORDS, answer_words

_CLOCK = re.compile(
    r"(?<![0-9])"
    r"(?:(?P<hh>[0-9]{1,2})(?P<mm4>[0-9]{2})"  # 1830, 0700, 730
    r"|(?P<h>[0-9]{1,2})(?:\s*[:.h]\s*(?P<m>[0-9]{2}))?)"  # 7, 6:30, 6.30, 18h15
    r"(?![0-9])"
    r"(?:\s*(?P<meridiem>[ap])(?:\.?\s*m)?\.?(?![a-z]))?"  # am, p.m., 7p
)


@cache
def _times_of_day(language: str) -> Lexicon[time]:
    named = answer_words(language).times_of_day
    return Lexicon.of({time(h, m): phrases for (h, m), phrases in named.items()})


# Outside these hours it is dark much of the year: worth a word about light and place.
_LIGHT_FROM = time(6, 0)
_LIGHT_UNTIL = time(21, 0)


def _hour_24(hour: int, meridiem: str | None, typed: list[str]) -> int | None:
    """The 24-hour hour for what was typed, or None if no clock shows it."""
    if meridiem == "a":
        return 0 if hour == 12 else hour if 1 <= hour <= 12 else None
    if meridiem == "p":
        # "18pm" is an obvious slip for 18:00, so accept hours already past noon.
        return hour if 12 <= hour <= 23 else hour + 12 if 1 <= hour <= 11 else None
    if hour > 23:
        return None
    later = any(word in AFTERNOON_WORDS for word in typed)
    earlier = any(word in MORNING_WORDS for word in typed)
    return hour + 12 if later and not earlier and 1 <= hour <= 11 else hour


def parse_session_time(text: str, language: str = ENGLISH) -> ParseResult[time]:
    """Read a clock time or a time-of-day word ("a las siete de la tarde", "в семь
    вечера"); notes when it is likely dark outside."""
    cleaned = normalise(text)
    if reading_language(language) != ENGLISH:
        cleaned = parse(cleaned, language=reading_language(language))
    clocks = list(_CLOCK.finditer(cleaned))
    if not clocks:
        named = _times_of_day(language).values(text)
        if len(named) == 1:
            return Accepted(named[0])
        if named:
            return Rejected(Reason.PICK_ONE)
        return Rejected(Reason.TIME_NOT_UNDERSTOOD if has_words(text) else Reason.EMPTY)
    if len({clock.group(0).strip() for clock in clocks}) > 1:
        return Rejected(Reason.PICK_ONE)
    clock = clocks[0]
    hour = int(clock.group("hh") or clock.group("h"))
    minute = int(clock.group("mm4") or clock.group("m") or 0)
    hour_24 = _hour_24(hour, clock.group("meridiem"), words(text))
    if hour_24 is None or minute > 59:
        return Rejected(Reason.TIME_IMPOSSIBLE)
    chosen = time(hour_24, minute)
    if _LIGHT_FROM <= chosen < _LIGHT_UNTIL:
        return Accepted(chosen)
    return Accepted(chosen, (Notice(Note.DARK_HOURS, (("time", chosen.strftime("%H:%M")),)),))
