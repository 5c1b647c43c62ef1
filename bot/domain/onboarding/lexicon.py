"""Finding known words and phrases in a typed answer, tolerant of case, accents, emoji and typos.

One routine serves every choice question: a `Lexicon` maps phrases to values and finds
them in the runner's words, exact matches first, then close spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

V = TypeVar("V")

# Telegram allows 4096 characters; nobody answers a question in more than this, and
# capping keeps the fuzzy matching cheap on pasted essays.
MAX_ANSWER_CHARS = 200

# Emoji that carry an answer; any other emoji is dropped as decoration.
EMOJI_WORDS: Mapping[str, str] = {
    "👍": "yes",
    "👌": "yes",
    "✅": "yes",
    "✔": "yes",
    "👎": "no",
    "❌": "no",
    "🚫": "no",
    "🙅": "no",
    "🤷": "not sure",
    "🤔": "not sure",
}

# Marks dropped after decomposition: accents (é → e), emoji variation selectors, keycaps
# (3️⃣ → 3), zero-width joiners.
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_WORD = re.compile(r"[a-z0-9]+|-")
_REPEATS = re.compile(r"(.)\1+")

# Typos tolerated: none below four letters ("run" and "fun" are different words), one up
# to seven letters, two from eight ("wendsday").
_MIN_TYPO_LENGTH = 4
_LONG_WORD = 8


def normalise(text: str) -> str:
    """Casefolded text without accents, apostrophes or decorative emoji; known emoji as words."""
    text = text[:MAX_ANSWER_CHARS]
    for emoji, word in EMOJI_WORDS.items():
        text = text.replace(emoji, f" {word} ")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    return kept.casefold().replace("'", "").replace("’", "")


def words(text: str) -> list[str]:
    """The runner's words (letters and digits), with dashes kept for ranges like "mon-fri"."""
    return _WORD.findall(normalise(text))


def has_words(text: str) -> bool:
    """True when the text contains at least one letter or digit."""
    return any(word != "-" for word in words(text))


def _squeezed(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


def _same_exactly(typed: str, known: str) -> bool:
    # Squeezing repeats accepts "yesss", "nooo" and "hallwway" as exact.
    return typed == known or _squeezed(typed) == _squeezed(known)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, where insertions, deletions, substitutions and
    swaps of neighbouring letters ("berlni") each count as one typo; anything above
    `limit` is reported as `limit + 1` as soon as it is certain.
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        # A swap reaches back two rows, so stop only when both rows are over the limit.
        if min(current) > limit and min(previous) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=8192)
def typo_distance(typed: str, known: str) -> int | None:
    """How many typos turn `typed` into `known`, or None if too many for words that long."""
    shorter = min(len(typed), len(known))
    if shorter < _MIN_TYPO_LENGTH:
        return None
    limit = 2 if shorter >= _LONG_WORD else 1
    if abs(len(typed) - len(known)) > limit:
        return None
    distance = _edit_distance(typed, known, limit)
    if distance > limit:
        return None
    # In four-letter words one changed letter makes another word ("none"/"nine"), while a
    # missing, extra or swapped letter ("knee"/"knees") is still a typo.
    changed = sum(x != y for x, y in zip(typed, known, strict=False))
    if shorter == _MIN_TYPO_LENGTH and len(typed) == len(known) and changed == 1:
        return None
    return distance


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    """A phrase found in the runner's words: its value and the word positions it covers."""

    value: V
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Lexicon(Generic[V]):
    """Known phrases (as word tuples, longest first) and the value each stands for."""

    phrases: tuple[tuple[tuple[str, ...], V], ...]

    @classmethod
    def of(cls, synonyms: Mapping[V, Iterable[str]]) -> Lexicon[V]:
        """Build a lexicon from each value's synonyms, written as plain phrases."""
        phrases = [
            (tuple(words(phrase)), value) for value, group in synonyms.items() for phrase in group
        ]
        # Longest first, so "car park" claims its words before "park" can.
        phrases.sort(key=lambda item: -len(item[0]))
        return cls(tuple(phrases))

    def matches(self, typed: Sequence[str]) -> list[Match[V]]:
        """Every phrase found in the words, in reading order; each word is used at most once.

        Exact spellings claim their words first; then, among misspelt phrases, the longest
        and closest win ("thrusday" is Thursday, not Tuesday).
        """
        taken = [False] * len(typed)
        found: list[Match[V]] = []
        for phrase, value in self.phrases:
            for start in range(len(typed) - len(phrase) + 1):
                end = start + len(phrase)
                if not any(taken[start:end]) and all(
                    _same_exactly(word, known)
                    for word, known in zip(typed[start:end], phrase, strict=True)
                ):
                    taken[start:end] = [True] * len(phrase)
                    found.append(Match(value, start, end))
        close: list[tuple[int, int, Match[V]]] = []
        for phrase, value in self.phrases:
            for start in range(len(typed) - len(phrase) + 1):
                end = start + len(phrase)
                if any(taken[start:end]):
                    continue
                typos = [
                    typo_distance(word, known)
                    for word, known in zip(typed[start:end], phrase, strict=True)
                ]
                if None not in typos:
                    total = sum(typo for typo in typos if typo is not None)
                    close.append((-len(phrase), total, Match(value, start, end)))
        close.sort(key=lambda item: (item[0], item[1], item[2].start))
        for _, _, match in close:
            if not any(taken[match.start : match.end]):
                taken[match.start : match.end] = [True] * (match.end - match.start)
                found.append(match)
        found.sort(key=lambda match: match.start)
        return found

    def values(self, text: str) -> list[V]:
        """The distinct values named in the text, in reading order."""
        found: list[V] = []
        for match in self.matches(words(text)):
            if match.value not in found:
                found.append(match.value)
        return found
