"""Parsers for typed answers to each onboarding question (weekdays, times and zones have
their own modules). Each returns `Accepted` or `Rejected` and never raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from bot.domain.languages import ENGLISH
from bot.domain.onboarding.lexicon import Lexicon, has_words
from bot.domain.onboarding.numbers import numbers_in
from bot.domain.onboarding.results import (
    Accepted,
    Note,
    Notice,
    ParseResult,
    Reason,
    Rejected,
)
from bot.domain.onboarding.vocabulary import NO_INJURY, Hazard, YesNo
from bot.domain.onboarding.wordbook import answer_words
from bot.domain.profile import Experience, Goal, Injury, Place, Units

V = TypeVar("V")

MIN_AGE = 13
MAX_AGE = 100
MAX_WEEKLY_KM = 300
MIN_SESSIONS = 2
MAX_SESSIONS = 4
KM_PER_MILE = 1.609344

# A number this size is a birth year, not an age.
_FIRST_YEAR = 1900
_LAST_YEAR = 2100


def unreadable(text: str) -> Rejected:
    """The rejection for an answer that matched nothing: empty, or words we don't know."""
    return Rejected(Reason.NOT_UNDERSTOOD if has_words(text) else Reason.EMPTY)


def sets_of(
    synonyms: Mapping[V, Iterable[str]], everything: tuple[str, ...] = ()
) -> Lexicon[frozenset[V]]:
    """A lexicon where each phrase names a set of values; `everything` names all of them."""
    named: dict[frozenset[V], Iterable[str]] = {
        frozenset({value}): phrases for value, phrases in synonyms.items()
    }
    if everything:
        named[frozenset(synonyms)] = everything
    return Lexicon.of(named)


@dataclass(frozen=True, slots=True)
class _Lexicons:
    """The lexicons of one language's answers, made once per language."""

    experience: Lexicon[Experience]
    units: Lexicon[Units]
    goals: Lexicon[frozenset[Goal]]
    injuries: Lexicon[frozenset[Injury]]
    places: Lexicon[frozenset[Place | Hazard]]
    yes_no: Lexicon[YesNo]
    acknowledge: Lexicon[bool]


@cache
def _lexicons(language: str) -> _Lexicons:
    said = answer_words(language)
    return _Lexicons(
        experience=Lexicon.of(said.experience),
        units=Lexicon.of(said.units),
        goals=sets_of(said.goals, everything=said.all_of_them),
        injuries=Lexicon.of(
            {
                (frozenset() if value == NO_INJURY else frozenset({Injury(value)})): phrases
                for value, phrases in said.injuries.items()
            }
        ),
        places=sets_of(said.places),
        yes_no=Lexicon.of(said.yes_no),
        acknowledge=Lexicon.of(
            {
                True: (*said.acknowledge, *said.yes_no[YesNo.YES]),
                False: (*said.yes_no[YesNo.NO], *said.yes_no[YesNo.UNSURE]),
            }
        ),
    )


def choose_one(lexicon: Lexicon[V], text: str) -> ParseResult[V]:
    """Exactly one value named in the text, for single-choice questions."""
    found = lexicon.values(text)
    if not found:
        return unreadable(text)
    if len(found) > 1:
        return Rejected(Reason.PICK_ONE)
    return Accepted(found[0])


def choose_many(lexicon: Lexicon[frozenset[V]], text: str) -> ParseResult[frozenset[V]]:
    """Every value named in the text, for multi-choice questions ("track and treadmill")."""
    found = lexicon.values(text)
    if not found:
        return unreadable(text)
    return Accepted(frozenset().union(*found))


def one_number(text: str, language: str = ENGLISH) -> float | Rejected:
    """The single number in the text, or why there isn't one."""
    found = numbers_in(text, language)
    if not found:
        return Rejected(Reason.NEED_NUMBER if has_words(text) else Reason.EMPTY)
    if len(set(found)) > 1:
        return Rejected(Reason.ONE_NUMBER)
    return found[0]


def parse_age(text: str, language: str = ENGLISH) -> ParseResult[int]:
    """An age in whole years, 13 to 100."""
    number = one_number(text, language)
    if isinstance(number, Rejected):
        return number
    if _FIRST_YEAR <= number <= _LAST_YEAR:
        return Rejected(Reason.AGE_LOOKS_LIKE_YEAR)
    if number <= 0:  # "-3", "0": a slip of the keyboard, not a child
        return Rejected(Reason.AGE_NOT_POSITIVE)
    if number < MIN_AGE:
        return Rejected(Reason.AGE_TOO_YOUNG)
    if number >= MAX_AGE + 1:
        return Rejected(Reason.AGE_TOO_HIGH)
    return Accepted(int(number))


def parse_experience(text: str, language: str = ENGLISH) -> ParseResult[Experience]:
    """How much the runner runs forwards: none, occasional, regular or races."""
    return choose_one(_lexicons(language).experience, text)


def parse_weekly_km(text: str, language: str = ENGLISH) -> ParseResult[int]:
    """Kilometres per week, 0 to 300; a range gives its middle, miles are converted."""
    found = numbers_in(text, language)
    if not found:
        return Rejected(Reason.NEED_NUMBER if has_words(text) else Reason.EMPTY)
    if len(found) > 2:
        return Rejected(Reason.ONE_NUMBER)
    # "10-20", "between 10 and 20": a guess is all we asked for, so take the middle.
    distance = sum(found) / len(found)
    in_miles = Units.MILES in _lexicons(language).units.values(text)
    km = distance * KM_PER_MILE if in_miles else distance
    if not 0 <= km < MAX_WEEKLY_KM + 0.5:
        return Rejected(Reason.DISTANCE_OUT_OF_RANGE)
    rounded = int(km + 0.5)
    if not in_miles:
        return Accepted(rounded)
    params = (("miles", f"{distance:g}"), ("km", str(rounded)))
    return Accepted(rounded, (Notice(Note.MILES_CONVERTED, params),))


def parse_goals(text: str, language: str = ENGLISH) -> ParseResult[frozenset[Goal]]:
    """One or more goals ("balance and posture", "all of them")."""
    return choose_many(_lexicons(language).goals, text)


def parse_injuries(text: str, language: str = ENGLISH) -> ParseResult[frozenset[Injury]]:
    """Where it hurts now; "none" is the empty set.

    "No pain except my knee" names both "none" and knees: the injury wins, because
    overlooking pain is the costlier mistake.
    """
    return choose_many(_lexicons(language).injuries, text)


_HAZARD_REASONS = {
    Hazard.TRAFFIC: Reason.UNSAFE_PLACE_TRAFFIC,
    Hazard.TERRAIN: Reason.UNSAFE_PLACE_TERRAIN,
}


def parse_places(text: str, language: str = ENGLISH) -> ParseResult[frozenset[Place]]:
    """Where the runner can train; sidewalks, roads and rough ground are refused with a why."""
    result = choose_many(_lexicons(language).places, text)
    if isinstance(result, Rejected):
        return result
    # Refuse even when a safe place is named too, so the runner reads why.
    for hazard, reason in _HAZARD_REASONS.items():
        if hazard in result.value:
            return Rejected(reason)
    return Accepted(frozenset(place for place in result.value if isinstance(place, Place)))


def parse_sessions(text: str, language: str = ENGLISH) -> ParseResult[int]:
    """Sessions per week, 2 to 4 ("3", "three", "3x", "twice")."""
    number = one_number(text, language)
    if isinstance(number, Rejected):
        return number
    if number != int(number):
        return Rejected(Reason.PICK_ONE)
    if number < MIN_SESSIONS:
        return Rejected(Reason.SESSIONS_TOO_FEW)
    if number > MAX_SESSIONS:
        return Rejected(Reason.SESSIONS_TOO_MANY)
    return Accepted(int(number))


def parse_units(text: str, language: str = ENGLISH) -> ParseResult[Units]:
    """Kilometres or miles."""
    return choose_one(_lexicons(language).units, text)


def _yes_no_unsure(text: str, language: str) -> ParseResult[YesNo]:
    result = choose_one(_lexicons(language).yes_no, text)
    if isinstance(result, Rejected) and result.reason is not Reason.EMPTY:
        return Rejected(Reason.YES_OR_NO)
    return result


def parse_yes_no(text: str, language: str = ENGLISH) -> ParseResult[bool]:
    """A plain yes or no ("y", "yeah", "nope", "👍")."""
    result = _yes_no_unsure(text, language)
    if isinstance(result, Rejected):
        return result
    if result.value is YesNo.UNSURE:
        return Rejected(Reason.YES_OR_NO)
    return Accepted(result.value is YesNo.YES)


def parse_parq_answer(text: str, language: str = ENGLISH) -> ParseResult[bool]:
    """A PAR-Q answer: True for yes. "Not sure" counts as yes, to be safe, and says so."""
    result = _yes_no_unsure(text, language)
    if isinstance(result, Rejected):
        return result
    if result.value is YesNo.UNSURE:
        return Accepted(True, (Notice(Note.UNSURE_COUNTS_AS_YES),))
    return Accepted(result.value is YesNo.YES)


def parse_acknowledgement(text: str, language: str = ENGLISH) -> ParseResult[bool]:
    """True once the runner confirms they read the not-medical-advice note; nothing else passes."""
    if _lexicons(language).acknowledge.values(text) == [True]:
        return Accepted(True)
    return Rejected(Reason.ACK_NEEDED if has_words(text) else Reason.EMPTY)
