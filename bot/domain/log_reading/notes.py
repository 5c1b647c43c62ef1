"""What is left of a reply once its numbers are read: the runner's own words, tidied."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.domain.log_reading.tokens import Clause, Token, TokenKind, only_fillers
from bot.domain.log_reading.wordbook import CONNECTORS


def _trimmed(run: list[Token]) -> list[Token]:
    """The run without symbols or joining words at either end ("and windy" is "windy")."""

    def loose_end(token: Token) -> bool:
        return token.kind is TokenKind.SYMBOL or token.key in CONNECTORS

    start, end = 0, len(run)
    while start < end and loose_end(run[start]):
        start += 1
    while end > start and loose_end(run[end - 1]):
        end -= 1
    return run[start:end]


def leftover_notes(prepared: str, clauses: Sequence[Clause], used: Collection[Token]) -> str:
    """The unused stretches of the reply, as typed, joined by commas; stretches of filler
    words alone ("a bit", "avg") are dropped.
    """
    kept: list[str] = []
    for clause in clauses:
        runs: list[list[Token]] = [[]]
        for token in clause:
            if token in used:
                runs.append([])
            else:
                runs[-1].append(token)
        for run in map(_trimmed, runs):
            if run and not only_fillers(run):
                kept.append(" ".join(prepared[run[0].start : run[-1].end].split()))
    return ", ".join(kept)
