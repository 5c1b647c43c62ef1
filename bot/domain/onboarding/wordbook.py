"""Every language's words for reading onboarding answers, put together as in
`log_reading.wordbook`: the phrase lists per language, each with English beside it (a
button's key is English and must read the same in every language); the few exact joining
words ("a", "до", "except") of all languages in one set. Weekday names come from CLDR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from bot.domain.languages import ENGLISH, RUSSIAN, SPANISH, reading_language, weekday_names
from bot.domain.onboarding import vocabulary as en
from bot.domain.onboarding import vocabulary_es as es
from bot.domain.onboarding import vocabulary_ru as ru
from bot.domain.onboarding.lexicon import joined_synonyms, words
from bot.domain.onboarding.vocabulary import Hazard, YesNo
from bot.domain.profile import Experience, Goal, Injury, Place, Units


def _keyed(group: frozenset[str]) -> frozenset[str]:
    return frozenset(" ".join(words(word)) for word in group)


DAY_RANGE_WORDS = _keyed(en.DAY_RANGE_WORDS | es.DAY_RANGE_WORDS | ru.DAY_RANGE_WORDS)
DAY_EXCLUSION_WORDS = _keyed(
    en.DAY_EXCLUSION_WORDS | es.DAY_EXCLUSION_WORDS | ru.DAY_EXCLUSION_WORDS
)
DAY_LIST_WORDS = _keyed(
    frozenset({"and", "or", "nor", "on", "the"}) | es.DAY_LIST_WORDS | ru.DAY_LIST_WORDS
)
AFTERNOON_WORDS = _keyed(en.AFTERNOON_WORDS | es.AFTERNOON_WORDS | ru.AFTERNOON_WORDS)
MORNING_WORDS = _keyed(en.MORNING_WORDS | es.MORNING_WORDS | ru.MORNING_WORDS)


@dataclass(frozen=True, slots=True)
class AnswerWords:
    """One language's phrase lists for the onboarding questions."""

    yes_no: Mapping[YesNo, tuple[str, ...]]
    acknowledge: tuple[str, ...]
    experience: Mapping[Experience, tuple[str, ...]]
    goals: Mapping[Goal, tuple[str, ...]]
    all_of_them: tuple[str, ...]
    injuries: Mapping[Injury | str, tuple[str, ...]]
    places: Mapping[Place | Hazard, tuple[str, ...]]
    units: Mapping[Units, tuple[str, ...]]
    weekdays: Mapping[frozenset[int], tuple[str, ...]]
    times_of_day: Mapping[tuple[int, int], tuple[str, ...]]


_ENGLISH = AnswerWords(
    en.YES_NO, en.ACKNOWLEDGE, en.EXPERIENCE, en.GOALS, en.ALL, en.INJURIES, en.PLACES,
    en.UNITS, en.WEEKDAYS, en.TIMES_OF_DAY,
)  # fmt: skip
_OWN: dict[str, AnswerWords] = {
    SPANISH: AnswerWords(
        es.YES_NO, es.ACKNOWLEDGE, es.EXPERIENCE, es.GOALS, es.ALL, es.INJURIES, es.PLACES,
        es.UNITS, es.WEEKDAY_GROUPS, es.TIMES_OF_DAY,
    ),
    RUSSIAN: AnswerWords(
        ru.YES_NO, ru.ACKNOWLEDGE, ru.EXPERIENCE, ru.GOALS, ru.ALL, ru.INJURIES, ru.PLACES,
        ru.UNITS, ru.WEEKDAY_GROUPS, ru.TIMES_OF_DAY,
    ),
}  # fmt: skip


def _cldr_weekdays(language: str) -> dict[frozenset[int], tuple[str, ...]]:
    return {frozenset({day}): names for day, names in weekday_names(language).items()}


@cache
def answer_words(language: str) -> AnswerWords:
    """The phrase lists answers in this language are read with: its own and English's."""
    language = reading_language(language)
    if language == ENGLISH:
        return _ENGLISH
    own = _OWN[language]
    return AnswerWords(
        yes_no=joined_synonyms(_ENGLISH.yes_no, own.yes_no),
        acknowledge=(*_ENGLISH.acknowledge, *own.acknowledge),
        experience=joined_synonyms(_ENGLISH.experience, own.experience),
        goals=joined_synonyms(_ENGLISH.goals, own.goals),
        all_of_them=(*_ENGLISH.all_of_them, *own.all_of_them),
        injuries=joined_synonyms(_ENGLISH.injuries, own.injuries),
        places=joined_synonyms(_ENGLISH.places, own.places),
        units=joined_synonyms(_ENGLISH.units, own.units),
        weekdays=joined_synonyms(
            joined_synonyms(_ENGLISH.weekdays, own.weekdays), _cldr_weekdays(language)
        ),
        times_of_day=joined_synonyms(_ENGLISH.times_of_day, own.times_of_day),
    )
