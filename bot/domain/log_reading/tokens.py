"""Cutting a reply into tokens (words, numbers, a few symbols), grouped into clauses.

Clauses end at commas, full stops, semicolons, "!", "?" and line breaks, not at dashes
("knee - 3"): a label and its number are looked for inside one clause ("knee a bit sore
2, hr 148").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.wordbook import (
    CONTRASTS,
    FILLERS,
    NEGATORS,
    PLAIN_WORDS,
    SOFTENERS,
    joined_numbers,
    spelled_number,
)
from bot.domain.onboarding.lexicon import Lexicon, Match, normalise

V = TypeVar("V")

# Telegram allows 4096 characters; a session log is a few lines, and the cap keeps the
# typo matching cheap on pasted essays.
MAX_REPLY_CHARS = 500

# Any number at least this big is simply "too big": it keeps arithmetic finite.
HUGE = 1e9
# How far back a "no" or "didn't" reaches: "no pain in my knee", "didn't really fall".
_NEGATION_REACH = 3

_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>[,;.!?\n\r…]+)"
    r"|(?P<symbol>[/:\-–—])"
)
_NOT_KEY = re.compile(r"[\W_]")
# "treinta y cinco", "thirty and five": the word between the parts of one number.
_NUMBER_LINKS = frozenset({"y", "and", "и"})
# "1,500 m" is fifteen hundred metres; "1,5 km" is one and a half.
_THOUSANDS = re.compile(r"[0-9]+,[0-9]{3}")


class TokenKind(StrEnum):
    """What a piece of the reply is."""

    WORD = "word"
    NUMBER = "number"
    SYMBOL = "symbol"


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of the reply and where it sits in the prepared text.

    `key` is the normalised word ("didn't" is "didnt"), the number as typed, or the symbol.
    """

    kind: TokenKind
    key: str
    start: int
    end: int
    value: float = 0.0
    spelled: bool = False

    @property
    def is_number(self) -> bool:
        return self.kind is TokenKind.NUMBER


Clause = tuple[Token, ...]


def prepare(text: str) -> str:
    """The reply as the parser reads it: capped, with compatibility forms folded ("１２" is 12)."""
    return unicodedata.normalize("NFKC", text[:MAX_REPLY_CHARS])


def _number_value(typed: str) -> float:
    plain = typed.replace(",", "") if _THOUSANDS.fullmatch(typed) else typed.replace(",", ".")
    return min(float(plain), HUGE)


def _token(found: re.Match[str], language: str) -> Token | None:
    typed = found.group()
    start, end = found.span()
    if found.lastgroup == "number":
        return Token(TokenKind.NUMBER, typed, start, end, _number_value(typed))
    if found.lastgroup == "symbol":
        return Token(TokenKind.SYMBOL, typed, start, end)
    if found.lastgroup == "word":
        key = _NOT_KEY.sub("", normalise(typed))
        value = spelled_number(key, language)
        if value is not None:
            return Token(TokenKind.NUMBER, key, start, end, value, spelled=True)
        return Token(TokenKind.WORD, key, start, end)
    return None


def _joined(current: list[Token], token: Token) -> bool:
    """Folds a spelled number into the one before it when together they make one number
    ("twenty five", "treinta y cinco", "двадцать пять"); True when it did."""
    link = len(current) >= 2 and current[-1].key in _NUMBER_LINKS
    before = current[-2] if link else current[-1] if current else None
    if before is None or not (before.spelled and token.spelled):
        return False
    value = joined_numbers((int(before.value), int(token.value)))
    if value is None:
        return False
    del current[-2 if link else -1 :]
    key = f"{before.key} {token.key}"
    current.append(Token(TokenKind.NUMBER, key, before.start, token.end, value, spelled=True))
    return True


def clauses_of(prepared: str, language: str = ENGLISH) -> list[Clause]:
    """The prepared text's tokens, split into clauses (empty clauses dropped); number
    words are read in the language given (and in English)."""
    clauses: list[Clause] = []
    current: list[Token] = []
    for found in _TOKEN.finditer(prepared):
        token = _token(found, language)
        if token is None:
            if current:
                clauses.append(tuple(current))
            current = []
        elif not _joined(current, token):
            current.append(token)
    if current:
        clauses.append(tuple(current))
    return clauses


def word_keys(clause: Clause) -> list[str]:
    """The clause's words, with blanks for symbols and numbers in digits; a number word
    stays a word, so phrases that hold one match ("el corazón me iba a mil")."""
    return [token.key if token.kind is TokenKind.WORD or token.spelled else "" for token in clause]


def only_fillers(tokens: Iterable[Token]) -> bool:
    """True when the tokens say nothing: symbols and filler words ("a bit", "avg") only."""
    return all(
        token.kind is TokenKind.SYMBOL or (token.kind is TokenKind.WORD and token.key in FILLERS)
        for token in tokens
    )


def plain_words_for(phrases: Iterable[Iterable[str]]) -> frozenset[str]:
    """The everyday look-alikes to hide from a lexicon: those not among its own words."""
    return PLAIN_WORDS - {word for group in phrases for phrase in group for word in phrase.split()}


def matchable(keys: Sequence[str], plain: frozenset[str]) -> list[str]:
    """The words a lexicon may match, with the everyday look-alikes blanked."""
    return ["" if key in plain else key for key in keys]


def lexicon_matches(lexicon: Lexicon[V], keys: Sequence[str]) -> list[Match[V]]:
    """The lexicon's matches among the keys, looked for only in stretches of words: a
    blank can never match, and skipping them keeps replies full of numbers cheap.
    """
    found: list[Match[V]] = []
    start = 0
    while start < len(keys):
        if not keys[start]:
            start += 1
            continue
        end = start
        while end < len(keys) and keys[end]:
            end += 1
        for match in lexicon.matches(keys[start:end]):
            found.append(Match(match.value, match.start + start, match.end + start))
        start = end
    return found


def negator_before(keys: Sequence[str], start: int) -> int | None:
    """Where a "no"/"not"/"didn't" shortly before `start` is, if one is.

    A negation does not reach past a "but", and "not too sore" is still sore.
    """
    for position in range(start - 1, max(start - _NEGATION_REACH, 0) - 1, -1):
        if keys[position] in CONTRASTS:
            return None
        if keys[position] in NEGATORS:
            return position if negates(keys, position) else None
    return None


def negates(keys: Sequence[str], position: int) -> bool:
    """True when the word at `position` is a negator that is not softened ("not too")."""
    softened = position + 1 < len(keys) and keys[position + 1] in SOFTENERS
    return keys[position] in NEGATORS and not softened
