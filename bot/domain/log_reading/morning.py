"""Reading the answer to the next-morning check-in: better, same or worse than yesterday."""

from __future__ import annotations

from bot.domain.log_reading.tokens import negator_before
from bot.domain.log_reading.vocabulary import (
    COMPARATIVES,
    MORNING,
    MORNING_EMOJI,
    SORE_OR_JOINT,
)
from bot.domain.onboarding.lexicon import Lexicon, words
from bot.domain.session_logs import MorningAfter

# Each phrase also says whether it compares ("better") or just describes ("good").
_SORE_OR_JOINT = Lexicon.of(SORE_OR_JOINT)
_MORNING = Lexicon.of(
    {
        (value, comparing): tuple(
            phrase for phrase in phrases if comparing == bool(COMPARATIVES & set(phrase.split()))
        )
        for value, phrases in MORNING.items()
        for comparing in (False, True)
    }
)


def parse_morning_answer(text: str) -> MorningAfter | None:
    """Better, same or worse; None when the answer says none of them or several.

    "Not better" and "no worse" are the same. A thumbs-down is worse (the cautious
    reading); a thumbs-up is None, because it does not say better or just fine.
    """
    for emoji, word in MORNING_EMOJI.items():
        text = text.replace(emoji, f" {word} ")
    typed = words(text)
    found: set[MorningAfter | None] = set()
    for match in _MORNING.matches(typed):
        value, comparing = match.value
        if negator_before(typed, match.start) is None:
            found.add(value)
        else:
            found.add(MorningAfter.SAME if comparing else None)
    if len(found) != 1:
        return None
    return found.pop()


def parse_sore_or_joint(text: str) -> MorningAfter | None:
    """After "worse": SORE for muscle soreness, WORSE for a joint (or both, the cautious
    reading); None when the answer says neither."""
    found = {match.value for match in _SORE_OR_JOINT.matches(words(text))}
    if MorningAfter.WORSE in found:
        return MorningAfter.WORSE
    return found.pop() if found else None
