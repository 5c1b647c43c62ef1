"""Finding warning signs in a reply ("dizzy", "fell over", "knee gave way"), typos and
inflections included, and not when the runner says they did not happen ("no dizziness"),
in an idiom ("fell into a good rhythm", "look sharp"), or mildly ("a bit breathless" is
ordinary effort). A bare "sharp" counts only beside a body part or a pain word ("felt
sharp" is about the mind; "knee felt sharp" is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.signs import RedFlag
from bot.domain.log_reading.tokens import (
    Clause,
    clauses_of,
    lexicon_matches,
    matchable,
    negator_before,
    plain_words_for,
    prepare,
    word_keys,
)
from bot.domain.log_reading.vocabulary import Cue, Field
from bot.domain.log_reading.wordbook import MILD_QUALIFIERS, phrases
from bot.domain.onboarding.lexicon import Lexicon, Match


@cache
def _warnings(language: str) -> tuple[Lexicon[RedFlag | None], frozenset[str]]:
    """A language's warning signs, and the everyday look-alikes hidden from them."""
    red_flags = phrases(language).red_flags
    return Lexicon.of(red_flags), plain_words_for(red_flags.values())


@cache
def _pain_words(language: str) -> tuple[Lexicon[Cue], frozenset[str]]:
    """A language's pain words and body parts, and their everyday look-alikes."""
    pain = {cue: words for cue, words in phrases(language).cues.items() if cue.field is Field.PAIN}
    return Lexicon.of(pain), plain_words_for(pain.values())


# How far back a "bit" or "slightly" reaches: "a little bit breathless".
_MILD_REACH = 3


def red_flags_in_clauses(clauses: Sequence[Clause], language: str = ENGLISH) -> frozenset[RedFlag]:
    """The warning signs named (and not denied, nor said mildly) in tokenised clauses."""
    return frozenset(flag for flag, mild in signs_in_clauses(clauses, language) if not mild)


def signs_in_clauses(
    clauses: Sequence[Clause], language: str = ENGLISH
) -> list[tuple[RedFlag, bool]]:
    """Every warning sign named and not denied, in reading order, with whether it was said
    mildly ("a bit breathless": ordinary effort, not a red flag)."""
    found: list[tuple[RedFlag, bool]] = []
    warnings, plain = _warnings(language)
    for clause in clauses:
        keys = word_keys(clause)
        for match in lexicon_matches(warnings, matchable(keys, plain)):
            if match.value is None or negator_before(keys, match.start) is not None:
                continue
            if _bare_sharp(match, keys) and not _names_pain(keys, language):
                continue
            found.append((match.value, _said_mildly(match, keys)))
    return found


def red_flags_in(text: str, language: str = ENGLISH) -> frozenset[RedFlag]:
    """The warning signs in any text from the runner, e.g. a morning check-in answer."""
    return red_flags_in_clauses(clauses_of(prepare(text), language), language)


def _bare_sharp(match: Match[RedFlag | None], keys: Sequence[str]) -> bool:
    return match.value is RedFlag.SHARP_PAIN and keys[match.start : match.end] == ["sharp"]


def _names_pain(keys: Sequence[str], language: str) -> bool:
    """True when the clause names a body part or a pain word."""
    pain, plain = _pain_words(language)
    return any(
        match.value.field is Field.PAIN for match in lexicon_matches(pain, matchable(keys, plain))
    )


def _said_mildly(match: Match[RedFlag | None], keys: Sequence[str]) -> bool:
    if match.value is not RedFlag.BREATHLESS:
        return False
    before = keys[max(0, match.start - _MILD_REACH) : match.start]
    return any(key in MILD_QUALIFIERS for key in before)
