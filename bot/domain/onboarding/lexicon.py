"""Finding known words and phrases in a typed answer, tolerant of case, accents, emoji and typos.

One routine serves every choice question: a `Lexicon` maps phrases to values and finds
them in the runner's words, exact matches first, then close spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz.distance import OSA

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
_WORD = re.compile(r"[^\W_]+|-")
_REPEATS = re.compile(r"(.)\1+")

# Typos tolerated: none below four letters ("run" and "fun" are different words), one up
# to seven letters, two from eight ("wendsday").
_MIN_TYPO_LENGTH = 4
_LONG_WORD = 8
_MAX_TYPOS = 2


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


@lru_cache(maxsize=8192)
def _squeezed(word: str) -> str:
    """The word with repeated letters squeezed to one: "yesss", "nooo" and "hallwway" are
    then spelt exactly like "yes", "no" and "hallway"."""
    return _REPEATS.sub(r"\1", word)


def _typos(typed: Sequence[str], phrase: Sequence[str]) -> int | None:
    """The typos in all the words of a phrase, or None as soon as one word is too far off."""
    total = 0
    for word, known in zip(typed, phrase, strict=True):
        typo = typo_distance(word, known)
        if typo is None:
            return None
        total += typo
    return total


@lru_cache(maxsize=8192)
def typo_distance(typed: str, known: str) -> int | None:
    """How many typos turn `typed` into `known`, or None if too many for words that long."""
    shorter = min(len(typed), len(known))
    if shorter < _MIN_TYPO_LENGTH:
        return None
    limit = _MAX_TYPOS if shorter >= _LONG_WORD else 1
    if abs(len(typed) - len(known)) > limit:
        return None
    # Optimal string alignment: insertions, deletions, substitutions and swaps of
    # neighbouring letters ("berlni") each count as one typo.
    distance = OSA.distance(typed, known, score_cutoff=limit)
    if distance > limit:
        return None
    # In four-letter words one changed letter makes another word ("none"/"nine"), while a
    # missing, extra or swapped letter ("knee"/"knees") is still a typo.
    changed = sum(x != y for x, y in zip(typed, known, strict=False))
    if shorter == _MIN_TYPO_LENGTH and len(typed) == len(known) and changed == 1:
        return None
    return distance


K = TypeVar("K")


def joined_synonyms(
    first: Mapping[K, tuple[str, ...]], second: Mapping[K, tuple[str, ...]]
) -> dict[K, tuple[str, ...]]:
    """Two languages' synonyms for the same values, the first's first."""
    keys: list[K] = [*first, *(key for key in second if key not in first)]
    return {key: (*first.get(key, ()), *second.get(key, ())) for key in keys}


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
    # Made once rather than at every reading: each phrase with repeated letters squeezed,
    # and the phrases by their first word (squeezed) and by that word's length.
    _squeezed: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    _by_first_word: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    _by_first_length: dict[int, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        squeezed = tuple(tuple(_squeezed(word) for word in phrase) for phrase, _ in self.phrases)
        by_first_word: dict[str, list[int]] = {}
        by_first_length: dict[int, list[int]] = {}
        for index, (phrase, _) in enumerate(self.phrases):
            if not phrase:
                raise ValueError("a lexicon phrase needs at least one word")
            by_first_word.setdefault(squeezed[index][0], []).append(index)
            by_first_length.setdefault(len(phrase[0]), []).append(index)
        object.__setattr__(self, "_squeezed", squeezed)
        object.__setattr__(self, "_by_first_word", by_first_word)
        object.__setattr__(self, "_by_first_length", by_first_length)

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
        found = self._exact_matches(typed, taken)
        close: list[tuple[int, int, int, int, Match[V]]] = []
        for index, start in self._close_candidates(typed):
            phrase, value = self.phrases[index]
            end = start + len(phrase)
            if end > len(typed) or any(taken[start:end]):
                continue
            total = _typos(typed[start:end], phrase)
            if total is not None:
                close.append((-len(phrase), total, start, index, Match(value, start, end)))
        close.sort(key=lambda item: item[:4])
        for *_, match in close:
            if not any(taken[match.start : match.end]):
                taken[match.start : match.end] = [True] * (match.end - match.start)
                found.append(match)
        found.sort(key=lambda match: match.start)
        return found

    def _exact_matches(self, typed: Sequence[str], taken: list[bool]) -> list[Match[V]]:
        """Phrases spelt exactly (repeated letters aside), longest first; marks their words
        as taken."""
        squeezed = tuple(_squeezed(word) for word in typed)
        candidates = sorted(
            (index, start)
            for start, word in enumerate(squeezed)
            for index in self._by_first_word.get(word, ())
        )
        found: list[Match[V]] = []
        for index, start in candidates:
            phrase, value = self.phrases[index]
            end = start + len(phrase)
            if squeezed[start:end] == self._squeezed[index] and not any(taken[start:end]):
                taken[start:end] = [True] * len(phrase)
                found.append(Match(value, start, end))
        return found

    def _close_candidates(self, typed: Sequence[str]) -> Iterator[tuple[int, int]]:
        """(phrase, start) pairs whose first words are long enough and near enough in length
        to be typos of each other (see `typo_distance`)."""
        for start, word in enumerate(typed):
            if len(word) < _MIN_TYPO_LENGTH:
                continue
            for length in range(len(word) - _MAX_TYPOS, len(word) + _MAX_TYPOS + 1):
                for index in self._by_first_length.get(length, ()):
                    yield index, start

    def values(self, text: str) -> list[V]:
        """The distinct values named in the text, in reading order."""
        found: list[V] = []
        for match in self.matches(words(text)):
            if match.value not in found:
                found.append(match.value)
        return found
