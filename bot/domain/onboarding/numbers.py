"""Reading numbers from a typed answer: digits or words ("34", "thirty-four", "twice", "treinta y
cuatro", "тридцать четыре")."""

from __future__ import annotations

import re

from number_parser import parse

from bot.domain.languages import ENGLISH, reading_language
from bot.domain.onboarding.lexicon import normalise
from bot.domain.onboarding.vocabulary import NUMBER_WORDS, TENS_WORDS

# A minus sign counts only where it cannot be a range dash ("10-20" is two positives).
_PIECE = re.compile(r"(?:(?<![\w.])-)?[0-9]+(?:\.[0-9]+)?|[^\W\d_]+")


def numbers_in(text: str, language: str = ENGLISH) -> list[float]:
    """Every number in the text, in order; "twenty four" is one number, 24. Number words
    of the runner's language ("treinta y cuatro", "тридцать четыре") are read with
    number-parser, English ones everywhere."""
    language = reading_language(language)
    if language != ENGLISH:
        text = parse(normalise(text), language=language)
    found: list[float] = []
    tens: int | None = None
    for piece in _PIECE.findall(normalise(text)):
        if piece in NUMBER_WORDS and tens is not None and 1 <= NUMBER_WORDS[piece] <= 9:
            found.append(tens + NUMBER_WORDS[piece])
            tens = None
            continue
        if tens is not None:
            found.append(tens)
            tens = None
        if piece in TENS_WORDS:
            tens = TENS_WORDS[piece]
        elif piece in NUMBER_WORDS:
            found.append(NUMBER_WORDS[piece])
        elif piece == "hundred":
            found.append(100)
        elif not piece.isalpha():
            found.append(float(piece))
    if tens is not None:
        found.append(tens)
    return found
