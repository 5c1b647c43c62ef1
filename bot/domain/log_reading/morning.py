"""Reading the answer to the next-morning check-in: better, same or worse than yesterday."""

from __future__ import annotations

from functools import cache

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.tokens import negator_before
from bot.domain.log_reading.vocabulary import MORNING_EMOJI
from bot.domain.log_reading.wordbook import COMPARATIVES, phrases
from bot.domain.onboarding.lexicon import Lexicon, words
from bot.domain.session_logs import MorningAfter


@cache
def _sore_or_joint(language: str) -> Lexicon[MorningAfter]:
    return Lexicon.of(phrases(language).sore_or_joint)


@cache
def _morning(language: str) -> Lexicon[tuple[MorningAfter, bool]]:
    """Each phrase also says whether it compares ("better") or just describes ("good")."""
    return Lexicon.of(
        {
            (value, comparing): tuple(
                phrase for phrase in group if comparing == bool(COMPARATIVES & set(words(phrase)))
            )
            for value, group in phrases(language).morning.items()
            for comparing in (False, True)
        }
    )


def parse_morning_answer(text: str, language: str = ENGLISH) -> MorningAfter | None:
    """Better, same or worse; None when the answer says none of them or several.

    "Not better" and "no worse" are the same. A thumbs-down is worse (the cautious
    reading); a thumbs-up is None, because it does not say better or just fine.
    """
    for emoji, word in MORNING_EMOJI.items():
        text = text.replace(emoji, f" {word} ")
    typed = words(text)
    found: set[MorningAfter | None] = set()
    for match in _morning(language).matches(typed):
        value, comparing = match.value
        if negator_before(typed, match.start) is None:
            found.add(value)
        else:
            found.add(MorningAfter.SAME if comparing else None)
    if len(found) != 1:
        return None
    return found.pop()


def parse_sore_or_joint(text: str, language: str = ENGLISH) -> MorningAfter | None:
    """After "worse": SORE for muscle soreness, WORSE for a joint (or both, the cautious
    reading); None when the answer says neither."""
    found = {match.value for match in _sore_or_joint(language).matches(words(text))}
    if MorningAfter.WORSE in found:
        return MorningAfter.WORSE
    return found.pop() if found else None
