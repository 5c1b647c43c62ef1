"""Every language's words for reading a log, put together.

Two kinds of words, two rules:
- Closed word classes (fillers, negators, scale and range words, units, counted things)
  are exact words, short lists that hardly collide across languages: one set holds every
  language's, so a Spanish runner's "km" and an English runner's "de" cost nothing.
- Phrase lists (labels, warning signs, reassurance, stop words, morning answers, days)
  are matched with typo tolerance, where another language's words would be false
  friends ("color" is one typo from "dolor"): each language reads its own, with English
  beside it, because runners mix in English words ("rpe", "ok", "DOMS").
Unit, weekday and month names come from CLDR through Babel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from number_parser import parse_number

from bot.domain.languages import (
    ENGLISH,
    RUSSIAN,
    SPANISH,
    month_names,
    reading_language,
    unit_words,
)
from bot.domain.log_reading import vocabulary as en
from bot.domain.log_reading import vocabulary_es as es
from bot.domain.log_reading import vocabulary_ru as ru
from bot.domain.log_reading.signs import RedFlag
from bot.domain.log_reading.vocabulary import Cue
from bot.domain.onboarding.lexicon import joined_synonyms, normalise
from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.session_logs import MorningAfter

_OTHER_LANGUAGES = (SPANISH, RUSSIAN)


def _key(word: str) -> str:
    """A word as the tokeniser keys it: lower case, no accents ("й" is "и"), letters and
    digits only."""
    return "".join(character for character in normalise(word) if character.isalnum())


def _keyed(words: frozenset[str]) -> frozenset[str]:
    return frozenset(_key(word) for word in words)


FILLERS = _keyed(en.FILLERS | es.FILLERS | ru.FILLERS)
CONNECTORS = _keyed(en.CONNECTORS | es.CONNECTORS | ru.CONNECTORS)
NEGATORS = _keyed(en.NEGATORS | es.NEGATORS | ru.NEGATORS)
SOFTENERS = _keyed(en.SOFTENERS | es.SOFTENERS | ru.SOFTENERS)
AFTER_NEGATORS = _keyed(en.AFTER_NEGATORS | es.AFTER_NEGATORS | ru.AFTER_NEGATORS)
CONTRASTS = _keyed(en.CONTRASTS | es.CONTRASTS | ru.CONTRASTS)
MILD_QUALIFIERS = _keyed(en.MILD_QUALIFIERS | es.MILD_QUALIFIERS | ru.MILD_QUALIFIERS)
SCALE_WORDS = _keyed(en.SCALE_WORDS | es.SCALE_WORDS | ru.SCALE_WORDS)
RANGE_WORDS = _keyed(en.RANGE_WORDS | es.RANGE_WORDS | ru.RANGE_WORDS)
COUNTED = _keyed(en.COUNTED | es.COUNTED | ru.COUNTED)
REVERSE_WORDS = _keyed(en.REVERSE_WORDS | es.REVERSE_WORDS | ru.REVERSE_WORDS)
HEART_RATE_UNITS = _keyed(en.HEART_RATE_UNITS | ru.HEART_RATE_UNITS | {"ppm"})
HURTING = _keyed(en.HURTING | es.HURTING | ru.HURTING)
COMPARATIVES = _keyed(en.COMPARATIVES | es.COMPARATIVES | ru.COMPARATIVES)
PLAIN_WORDS = _keyed(en.PLAIN_WORDS | es.PLAIN_WORDS | ru.PLAIN_WORDS)
DAY_WORDS = _keyed(en.DAY_WORDS | es.DAY_WORDS | ru.DAY_WORDS)
DAYS_AGO = _keyed(en.DAYS_AGO | ru.DAYS_AGO)
AGO_BEFORE = _keyed(es.AGO_BEFORE)
LAST_WORDS = _keyed(en.LAST_WORDS | es.LAST_WORDS | ru.LAST_WORDS)
LAST_AFTER = _keyed(es.LAST_AFTER)
DAY_LINKS = _keyed(en.ORDINAL_SUFFIXES | {"of"} | es.DAY_LINKS)
ORDINAL_SUFFIXES = en.ORDINAL_SUFFIXES
COUNT_WORD = en.COUNT_WORD
MINUTE_LETTER = en.MINUTE_LETTER
# "un poco", "una molestia": articles, not the number one.
_ARTICLES = frozenset({"un", "una", "unos", "unas"})
# Russian "с" after a number is far more often "with" than seconds.
_NOT_UNITS = frozenset({"с"})


def _cldr_units(unit: str, per_unit: float) -> dict[str, float]:
    return {
        _key(word): per_unit
        for language in _OTHER_LANGUAGES
        for word in unit_words(language, unit)
        if _key(word) and word not in _NOT_UNITS
    }


# Kilometres and minutes per unit, English words first, then every CLDR spelling.
DISTANCE_UNITS: Mapping[str, float] = {
    **_cldr_units("length-kilometer", 1.0),
    **_cldr_units("length-meter", 0.001),
    **_cldr_units("length-mile", KM_PER_MILE),
    **en.DISTANCE_UNITS,
}
DURATION_UNITS: Mapping[str, float] = {
    **_cldr_units("duration-minute", 1.0),
    **_cldr_units("duration-hour", 60.0),
    **_cldr_units("duration-second", 1 / 60),
    **en.DURATION_UNITS,
}


@dataclass(frozen=True, slots=True)
class Phrases:
    """One language's phrase lists (see the module docstring)."""

    cues: Mapping[Cue, tuple[str, ...]]
    red_flags: Mapping[RedFlag | None, tuple[str, ...]]
    reassuring: tuple[str, ...]
    stop_words: tuple[str, ...]
    morning: Mapping[MorningAfter, tuple[str, ...]]
    sore_or_joint: Mapping[MorningAfter, tuple[str, ...]]
    relative_days: Mapping[int, tuple[str, ...]]
    months: Mapping[int, tuple[str, ...]]


def _with_cldr_months(
    language: str, months: Mapping[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    cldr = month_names(language)
    return {month: (*names, *cldr.get(month, ())) for month, names in months.items()}


_OWN: dict[str, Phrases] = {
    ENGLISH: Phrases(
        en.CUES, en.RED_FLAGS, en.REASSURING, en.STOP_WORDS, en.MORNING, en.SORE_OR_JOINT,
        en.RELATIVE_DAYS, en.MONTHS,
    ),
    SPANISH: Phrases(
        es.CUES, es.RED_FLAGS, es.REASSURING, es.STOP_WORDS, es.MORNING, es.SORE_OR_JOINT,
        es.RELATIVE_DAYS, {},
    ),
    RUSSIAN: Phrases(
        ru.CUES, ru.RED_FLAGS, ru.REASSURING, ru.STOP_WORDS, ru.MORNING, ru.SORE_OR_JOINT,
        ru.RELATIVE_DAYS, {},
    ),
}  # fmt: skip


@cache
def phrases(language: str) -> Phrases:
    """The phrase lists a reply in this language is read with: its own and English's."""
    language = reading_language(language)
    english = _OWN[ENGLISH]
    if language == ENGLISH:
        return english
    own = _OWN[language]
    return Phrases(
        cues=joined_synonyms(english.cues, own.cues),
        red_flags=joined_synonyms(english.red_flags, own.red_flags),
        reassuring=(*english.reassuring, *own.reassuring),
        stop_words=(*english.stop_words, *own.stop_words),
        morning=joined_synonyms(english.morning, own.morning),
        sore_or_joint=joined_synonyms(english.sore_or_joint, own.sore_or_joint),
        relative_days=joined_synonyms(english.relative_days, own.relative_days),
        months=_with_cldr_months(language, english.months),
    )


# Bounded: every word runners type passes through here.
@lru_cache(maxsize=8192)
def spelled_number(key: str, language: str) -> int | None:
    """The whole number a single word spells ("seven", "seis", "шесть", "шести"), if any.

    English words are read in every language; others with number-parser in the runner's.
    Counts that are not scores ("twice", "none") are never numbers here.
    """
    if key in en.CARDINALS:
        return en.CARDINALS[key]
    language = reading_language(language)
    if language == ENGLISH or not key.isalpha() or key in _ARTICLES:
        return None
    value = parse_number(key, language=language)
    return value if isinstance(value, int) else None


def joined_numbers(values: Sequence[int]) -> int | None:
    """Two spelled numbers that make one ("treinta y cinco", "двадцать пять", "ciento
    cuarenta"): the second fills the zeros of the first; None when they don't."""
    first, second = values
    if first < 20 or second >= first:
        return None
    scale = 10 ** len(str(second))
    return first + second if first % scale == 0 else None
