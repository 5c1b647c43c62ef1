"""Numbers with what follows them: "7/10", "1.2 km", "148bpm", "6-7", "6x30m", "20 min"."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.log_reading.tokens import HUGE, Clause, Token, TokenKind
from bot.domain.log_reading.wordbook import (
    COUNT_WORD,
    COUNTED,
    DISTANCE_UNITS,
    DURATION_UNITS,
    HEART_RATE_UNITS,
    MINUTE_LETTER,
    RANGE_WORDS,
    SCALE_WORDS,
)

SCALE_TOP = 10
_DASHES = frozenset({"-", "–", "—"})
_DISTANCE_WORDS = frozenset(DISTANCE_UNITS)
_SLASH = frozenset({"/"})
_COLON = frozenset({":"})


class Amount(StrEnum):
    """What a number measures, as far as its own suffix says."""

    PLAIN = "plain"  # nothing says: a label nearby or its position decides
    SCORE = "score"  # "7/10", "7 out of 10": effort or pain
    HEART_RATE = "heart_rate"  # "148 bpm"
    DISTANCE = "distance"  # "1.2 km", value in km
    DURATION = "duration"  # "20 min", value in minutes
    OTHER = "other"  # "3 laps", "18th", "7:30", "3/5": not something we record


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number and the tokens it spans; `ranged` when it is the higher end of "6-7"."""

    amount: Amount
    value: float
    tokens: tuple[Token, ...]
    first: int  # position of its first token in the clause
    last: int  # position after its last token
    ranged: bool = False

    @property
    def spelled(self) -> bool:
        return self.tokens[0].spelled


def _is(clause: Clause, position: int, kind: TokenKind, keys: frozenset[str] | None = None) -> bool:
    if position >= len(clause) or clause[position].kind is not kind:
        return False
    return keys is None or clause[position].key in keys


def _touching(clause: Clause, first: int, last: int) -> bool:
    """True when tokens first..last are written without spaces ("6-7", "7:30")."""
    return all(clause[i].end == clause[i + 1].start for i in range(first, last))


def _range_end(clause: Clause, at: int) -> int | None:
    """Where "6-7", "6 to 7" or "6 or 7" starting at `at` ends, if it is one."""
    if not _is(clause, at + 2, TokenKind.NUMBER):
        return None
    link = clause[at + 1]
    dash = link.kind is TokenKind.SYMBOL and link.key in _DASHES and _touching(clause, at, at + 2)
    if dash or (link.kind is TokenKind.WORD and link.key in RANGE_WORDS):
        return at + 3
    return None


def _is_top(clause: Clause, position: int) -> bool:
    return _is(clause, position, TokenKind.NUMBER) and clause[position].value == SCALE_TOP


def _read(clause: Clause, at: int, m_is_minutes: bool) -> Quantity:
    """The quantity whose first number is at `at`."""
    value = clause[at].value
    after = _range_end(clause, at)
    ranged = after is not None
    if after is not None:
        value = max(value, clause[after - 1].value)
    else:
        after = at + 1
    amount, value, end = _suffix(clause, after, value, m_is_minutes)
    return Quantity(amount, value, clause[at:end], at, end, ranged)


def _suffix(clause: Clause, at: int, value: float, m_is_minutes: bool) -> tuple[Amount, float, int]:
    """What the tokens from `at` say about the number: its kind, value and end."""
    if _is(clause, at, TokenKind.SYMBOL, _SLASH) and _is(clause, at + 1, TokenKind.NUMBER):
        return (Amount.SCORE if _is_top(clause, at + 1) else Amount.OTHER), value, at + 2
    if _is(clause, at, TokenKind.SYMBOL, _COLON) and _is(clause, at + 1, TokenKind.NUMBER):
        return Amount.OTHER, value, at + 2  # a clock time
    if not _is(clause, at, TokenKind.WORD):
        return Amount.PLAIN, value, at
    word = clause[at].key
    if (
        word == "out"
        and _is(clause, at + 1, TokenKind.WORD, SCALE_WORDS)
        and _is_top(clause, at + 2)
    ):
        return Amount.SCORE, value, at + 3
    if word in SCALE_WORDS and _is_top(clause, at + 1):
        return Amount.SCORE, value, at + 2
    if word == MINUTE_LETTER and m_is_minutes:
        return Amount.DURATION, value, at + 1
    if word in DISTANCE_UNITS:
        return Amount.DISTANCE, value * DISTANCE_UNITS[word], at + 1
    if word in DURATION_UNITS:
        return Amount.DURATION, value * DURATION_UNITS[word], at + 1
    if word in HEART_RATE_UNITS:
        return Amount.HEART_RATE, value, at + 1
    if word == COUNT_WORD and _is(clause, at + 2, TokenKind.WORD, _DISTANCE_WORDS):
        # "6x30m": six repeats of a distance count as the distance six times.
        unit = clause[at + 2].key
        if _is(clause, at + 1, TokenKind.NUMBER) and not (m_is_minutes and unit == MINUTE_LETTER):
            repeated = clause[at + 1].value * DISTANCE_UNITS[unit]
            return Amount.DISTANCE, min(value * repeated, HUGE), at + 3
    if word in COUNTED or word == COUNT_WORD:
        return Amount.OTHER, value, at + 1
    return Amount.PLAIN, value, at


def quantities_in(clause: Clause, *, m_is_minutes: bool = False) -> list[Quantity]:
    """Every number in the clause with its suffix, in reading order."""
    found: list[Quantity] = []
    at = 0
    while at < len(clause):
        if clause[at].kind is TokenKind.NUMBER:
            quantity = _read(clause, at, m_is_minutes)
            found.append(quantity)
            at = quantity.last
        else:
            at += 1
    return found
