"""Labels in a clause ("effort", "hr", "knee a bit sore") and which number each one names.

A label takes the first suitable number after it or the last one before it, never past
another label. Of the possible readings, the one giving the most labels a number that fits
their scale wins ("7 effort 2 pain"; "7/10 pain 2 heart racing" keeps 7/10 as effort);
then numbers after their label ("7/10 knee 2"); then the most labels with a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.quantities import Amount, Quantity
from bot.domain.log_reading.scales import plausible
from bot.domain.log_reading.signs import BodyPart
from bot.domain.log_reading.tokens import (
    Clause,
    Token,
    TokenKind,
    lexicon_matches,
    matchable,
    negates,
    negator_before,
    only_fillers,
    plain_words_for,
    word_keys,
)
from bot.domain.log_reading.vocabulary import Cue, Field
from bot.domain.log_reading.wordbook import AFTER_NEGATORS, phrases
from bot.domain.onboarding.lexicon import Lexicon, Match


@cache
def _cues(language: str) -> tuple[Lexicon[Cue], frozenset[str]]:
    """The labels of a language, and the everyday look-alikes hidden from them."""
    cues = phrases(language).cues
    return Lexicon.of(cues), plain_words_for(cues.values())


# Labels of one field this close together are one label: "knee a bit sore".
_MERGE_GAP = 3

_TAKES: dict[Field, frozenset[Amount]] = {
    Field.EFFORT: frozenset({Amount.PLAIN, Amount.SCORE}),
    Field.PAIN: frozenset({Amount.PLAIN, Amount.SCORE}),
    Field.HEART_RATE: frozenset({Amount.PLAIN, Amount.HEART_RATE}),
    Field.DISTANCE: frozenset({Amount.PLAIN, Amount.DISTANCE}),
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A label for one field, from clause position `first` up to `last`.

    `painless` marks "no pain", "pain free", "didn't hurt"; `names_pain` is False when
    only a body part was named ("knee 3").
    """

    field: Field
    first: int
    last: int
    tokens: tuple[Token, ...]
    site: BodyPart | None = None
    painless: bool = False
    names_pain: bool = False


def _grouped(
    named: list[tuple[Field, Match[Cue]]], clause: Clause
) -> list[tuple[Field, list[Match[Cue]]]]:
    """Matches of one field with only a few words (no numbers) between them, together."""
    groups: list[tuple[Field, list[Match[Cue]]]] = []
    for field, match in named:
        if groups and groups[-1][0] is field:
            between = clause[groups[-1][1][-1].end : match.start]
            if len(between) <= _MERGE_GAP and not any(token.is_number for token in between):
                groups[-1][1].append(match)
                continue
        groups.append((field, [match]))
    return groups


def _after_negator(clause: Clause, last: int) -> int | None:
    """Where a "free" or "none" right after a pain label is ("pain free", "pain: none")."""
    position = last
    while position < len(clause) and clause[position].kind is TokenKind.SYMBOL:
        position += 1
    if position < len(clause) and clause[position].key in AFTER_NEGATORS:
        return position
    return None


def _mention(field: Field, group: list[Match[Cue]], clause: Clause, keys: list[str]) -> Mention:
    first, last = group[0].start, group[-1].end
    if field is not Field.PAIN:
        return Mention(field, first, last, clause[first:last])
    sites = [match.value.site for match in group if match.value.site is not None]
    negator = negator_before(keys, first)
    after_negator = _after_negator(clause, last)
    painless = (
        negator is not None
        or after_negator is not None
        or any(negates(keys, position) for position in range(first, last))
    )
    if negator is not None:
        first = negator
    if after_negator is not None:
        last = after_negator + 1
    return Mention(
        field,
        first,
        last,
        clause[first:last],
        site=sites[0] if sites else None,
        painless=painless,
        names_pain=len(sites) < len(group),
    )


def mentions_in(
    clause: Clause, quantities: Sequence[Quantity], language: str = ENGLISH
) -> list[Mention]:
    """The labels in the clause, in reading order; words inside quantities are not labels."""
    keys = word_keys(clause)
    for quantity in quantities:
        keys[quantity.first : quantity.last] = [""] * (quantity.last - quantity.first)
    cues, plain = _cues(language)
    named = [
        (m.value.field, m) for m in lexicon_matches(cues, matchable(keys, plain)) if m.value.field
    ]
    return [_mention(field, group, clause, keys) for field, group in _grouped(named, clause)]


def _reaches(mention: Mention, quantity: Quantity, between: Clause) -> bool:
    """True when the label can name this number across the tokens between them.

    A body part alone ("knee 3") reaches only across filler words, so in "came home
    7/10" or "over my shoulder 7/10" the score stays effort; other labels reach further.
    """
    if mention.painless or quantity.amount not in _TAKES[mention.field]:
        return False
    return mention.names_pain or mention.site is None or only_fillers(between)


def _candidates(
    clause: Clause, mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> list[tuple[int | None, int | None]]:
    """For each label, the index of the number it could take before it and after it."""
    found: list[tuple[int | None, int | None]] = []
    for index, mention in enumerate(mentions):
        low = mentions[index - 1].last if index else 0
        high = mentions[index + 1].first if index + 1 < len(mentions) else len(clause)
        before = [
            at
            for at, quantity in enumerate(quantities)
            if low <= quantity.first
            and quantity.last <= mention.first
            and _reaches(mention, quantity, clause[quantity.last : mention.first])
        ]
        after = [
            at
            for at, quantity in enumerate(quantities)
            if mention.last <= quantity.first < high
            and _reaches(mention, quantity, clause[mention.last : quantity.first])
        ]
        found.append((before[-1] if before else None, after[0] if after else None))
    return found


# (numbers that fit their label's scale, numbers taken from after a label, numbers taken)
_Score = tuple[int, int, int]


def _plus(score: _Score, fits: bool, after: bool) -> _Score:
    return (score[0] + fits, score[1] + after, score[2] + 1)


def bind(
    clause: Clause, mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> dict[int, int]:
    """Which number (index into `quantities`) each label (index into `mentions`) takes.

    The best reading gives the most labels a number that fits their scale, then prefers
    numbers after their label, then the most labels with any number. Dynamic programming
    over the labels: the only clash is a number between two labels that both want it, so
    the state is whether the previous label took the number after it.
    """
    candidates = _candidates(clause, mentions, quantities)
    count = len(mentions)
    best: list[list[_Score]] = [[(0, 0, 0), (0, 0, 0)] for _ in range(count + 1)]
    choice = [["", ""] for _ in range(count)]
    for index in range(count - 1, -1, -1):
        before, after = candidates[index]
        previous_after = candidates[index - 1][1] if index else None
        field = mentions[index].field
        for taken in (0, 1):
            # On equal scores the earlier option wins: after, then before, then none.
            options: list[tuple[_Score, str]] = []
            if after is not None:
                fits = plausible(field, quantities[after].value)
                options.append((_plus(best[index + 1][1], fits, True), "after"))
            if before is not None and not (taken and before == previous_after):
                fits = plausible(field, quantities[before].value)
                options.append((_plus(best[index + 1][0], fits, False), "before"))
            options.append((best[index + 1][0], ""))
            best[index][taken], choice[index][taken] = max(options, key=lambda o: o[0])
    bound: dict[int, int] = {}
    taken = 0
    for index in range(count):
        picked = choice[index][taken]
        before, after = candidates[index]
        if picked == "after" and after is not None:
            bound[index] = after
        elif picked == "before" and before is not None:
            bound[index] = before
        taken = int(picked == "after")
    return bound


def neighbour_site(
    clause: Clause,
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    bound: dict[int, int],
    index: int,
) -> Mention | None:
    """The body part beside a pain label's number, when only filler words separate them:
    "pain 3 in my knee", "pain 2 knee". Only a part that took no number of its own.
    """
    number = quantities[bound[index]]
    for beside in (index - 1, index + 1):
        if beside < 0 or beside >= len(mentions) or beside in bound:
            continue
        mention = mentions[beside]
        if mention.field is not Field.PAIN or mention.site is None or mention.painless:
            continue
        if beside > index:
            between = clause[number.last : mention.first]
        else:
            between = clause[mention.last : number.first]
        if only_fillers(between):
            return mention
    return None
