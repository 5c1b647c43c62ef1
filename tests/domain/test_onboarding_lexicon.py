"""The matching core shared by every choice question."""

from __future__ import annotations

import pytest

from bot.domain.onboarding.lexicon import Lexicon, normalise, typo_distance, words
from bot.domain.onboarding.numbers import numbers_in


@pytest.mark.parametrize(
    ("typed", "known", "distance"),
    [
        ("berlin", "berlin", 0),
        ("berlni", "berlin", 1),  # swapped neighbours
        ("knees", "knee", 1),  # plural
        ("tredmill", "treadmill", 1),
        ("tokio", "tokyo", 1),
        ("wendsday", "wednesday", 2),  # long words allow two
        ("berlni", "bern", None),
        ("nine", "none", None),  # one changed letter in a short word is another word
        ("run", "fun", None),  # too short for any typo
        ("thrusday", "tuesday", None),
        ("abcdefghij", "jihgfedcba", None),  # stops early, far over the limit
    ],
)
def test_typo_distance(typed: str, known: str, distance: int | None) -> None:
    assert typo_distance(typed, known) == distance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Héllo WORLD ", "  hello world "),
        ("don't", "dont"),
        ("I’m", "im"),
        ("👍🏽", " yes 🏽"),
        ("3️⃣", "3"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_words_keep_dashes_for_ranges() -> None:
    assert words("Mon-Fri, & weekends!") == ["mon", "-", "fri", "weekends"]


def test_longer_phrases_claim_their_words_first() -> None:
    lexicon = Lexicon.of({"place": ["park"], "hazard": ["car park"]})
    assert lexicon.values("the car park") == ["hazard"]
    assert lexicon.values("park next to the car park") == ["place", "hazard"]


def test_exact_spellings_beat_typos() -> None:
    lexicon = Lexicon.of({"hall": ["hall"], "hill": ["hills"]})
    assert lexicon.values("hall") == ["hall"]
    assert lexicon.values("hils") == ["hill"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("34", [34]),
        ("thirty-four", [34]),
        ("twenty and four", [20, 4]),
        ("10-20", [10, 20]),
        ("-5", [-5]),
        ("7.5 km", [7.5]),
        ("twice", [2]),
        ("one hundred", [1, 100]),
        ("no numbers here", []),
    ],
)
def test_numbers_in(text: str, numbers: list[float]) -> None:
    assert numbers_in(text) == numbers
