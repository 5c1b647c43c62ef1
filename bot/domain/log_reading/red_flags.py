"""Finding warning signs in a reply ("dizzy", "fell over", "knee gave way"), typos and
inflections included, and not when the runner says they did not happen ("no dizziness").
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.log_reading.signs import RedFlag
from bot.domain.log_reading.tokens import (
    Clause,
    clauses_of,
    lexicon_matches,
    matchable,
    negator_before,
    plain_words_for,
    prepare,
    word_keys,
)
from bot.domain.log_reading.vocabulary import RED_FLAGS
from bot.domain.onboarding.lexicon import Lexicon

_RED_FLAGS = Lexicon.of(RED_FLAGS)
_PLAIN = plain_words_for(RED_FLAGS.values())


def red_flags_in_clauses(clauses: Sequence[Clause]) -> frozenset[RedFlag]:
    """The warning signs named (and not denied) in already tokenised clauses."""
    found: set[RedFlag] = set()
    for clause in clauses:
        keys = word_keys(clause)
        for match in lexicon_matches(_RED_FLAGS, matchable(keys, _PLAIN)):
            if match.value is not None and negator_before(keys, match.start) is None:
                found.add(match.value)
    return frozenset(found)


def red_flags_in(text: str) -> frozenset[RedFlag]:
    """The warning signs in any text from the runner, e.g. a morning check-in answer."""
    return red_flags_in_clauses(clauses_of(prepare(text)))
