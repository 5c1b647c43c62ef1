"""Triage of what a runner types during (or about) a session: which class of sign it is,
and what the coach does about it, as data (COACHING.md, "Triage, not keywords").

The classes, strictest first; the first that a text shows decides:

- CARDIAC: cardiac or neurological signs (chest, jaw or arm pain or pressure, fainting,
  palpitations, severe breathlessness, sudden weakness or numbness, a cold sweat): stop now,
  walk-only until a doctor clears the runner, the readiness questions again.
- FALL: a fall or near-fall: stop, ask whether they are hurt, place advice next time.
- JOINT: a knee giving way, swelling, sharp joint pain, or pain above 5: stop, step back
  with reduced load, a next-morning check.
- UNCLEAR: a sign that could be harmless or not (dizziness, nausea, "breathless" on its
  own): pause and ask one question with buttons, whose answer picks the class.
- STOP: the runner asks to stop.
- PAIN: pain or a sore joint without a number: ask how bad (0-10), then `after_pain`.
- BEARABLE_PAIN: pain 0-5 said with its number: go on, stop above 5.
- REASSURE: muscle soreness, tired legs, ordinary breathlessness during effort.
- NOTE: nothing to act on; the words are kept as a note of this session.

Words are read in context: a negation ("no chest pain"), an idiom ("fell into a good
rhythm"), a mild word ("a bit breathless") and a muscle ("calves sore") all count.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.mentions import mentions_in
from bot.domain.log_reading.quantities import quantities_in
from bot.domain.log_reading.red_flags import signs_in_clauses
from bot.domain.log_reading.reply import parse_log_reply
from bot.domain.log_reading.signs import BodyPart, RedFlag
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
from bot.domain.log_reading.vocabulary import Field
from bot.domain.log_reading.wordbook import HURTING, phrases
from bot.domain.onboarding.lexicon import Lexicon
from bot.domain.pain import ACCEPTABLE_PAIN_MAX
from bot.domain.profile import Units


class Triage(StrEnum):
    """A class of sign; the value is its key in the texts."""

    CARDIAC = "cardiac"
    FALL = "fall"
    JOINT = "joint"
    UNCLEAR = "unclear"
    STOP = "stop"
    PAIN = "pain"
    BEARABLE_PAIN = "bearable_pain"
    REASSURE = "reassure"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Response:
    """What the coach does for a class. `step_back` marks the session's log with a warning
    sign, which steps the plan back with reduced load; `walk_only` holds the plan at
    backward walking until a confirmed clearance; `follow_up` sends a message later that
    day asking how the runner is."""

    stop: bool = False
    walk_only: bool = False
    readiness_again: bool = False
    step_back: bool = False
    morning_check: bool = False
    ask_if_hurt: bool = False
    place_advice: bool = False
    ask_how_bad: bool = False
    ask_which: bool = False
    follow_up: bool = False


RESPONSES: dict[Triage, Response] = {
    Triage.CARDIAC: Response(
        stop=True, walk_only=True, readiness_again=True, step_back=True, follow_up=True
    ),
    Triage.FALL: Response(stop=True, ask_if_hurt=True, place_advice=True, follow_up=True),
    Triage.JOINT: Response(stop=True, step_back=True, morning_check=True, follow_up=True),
    Triage.UNCLEAR: Response(ask_which=True),
    Triage.STOP: Response(stop=True),
    Triage.PAIN: Response(ask_how_bad=True),
    Triage.BEARABLE_PAIN: Response(morning_check=True),
    Triage.REASSURE: Response(),
    Triage.NOTE: Response(),
}

# The answers to the one follow-up question of an UNCLEAR sign, in button order.
WHICH_ANSWERS: tuple[Triage, ...] = (Triage.CARDIAC, Triage.JOINT, Triage.FALL, Triage.REASSURE)

_CLASS_OF_FLAG: dict[RedFlag, Triage] = {
    RedFlag.CHEST_PAIN: Triage.CARDIAC,
    RedFlag.SEVERE_BREATHLESS: Triage.CARDIAC,
    RedFlag.FAINT: Triage.CARDIAC,
    RedFlag.HEART_RHYTHM: Triage.CARDIAC,
    RedFlag.NUMBNESS: Triage.CARDIAC,
    RedFlag.WEAKNESS: Triage.CARDIAC,
    RedFlag.VISION_OR_SPEECH: Triage.CARDIAC,
    RedFlag.COLD_SWEAT: Triage.CARDIAC,
    RedFlag.FALL: Triage.FALL,
    RedFlag.GAVE_WAY: Triage.JOINT,
    RedFlag.SWELLING: Triage.JOINT,
    RedFlag.SHARP_PAIN: Triage.JOINT,
    RedFlag.DIZZY: Triage.UNCLEAR,
    RedFlag.NAUSEA: Triage.UNCLEAR,
    RedFlag.BREATHLESS: Triage.UNCLEAR,
}
# Strictest first: the first class a text shows decides.
_ORDER = tuple(Triage)
# Sites where soreness is a muscle's (reassurance); elsewhere a sore joint asks how bad.
_MUSCLES = frozenset(
    {BodyPart.CALF, BodyPart.HAMSTRING, BodyPart.QUAD, BodyPart.GLUTE, BodyPart.GROIN}
)


@cache
def _words(language: str) -> tuple[Lexicon[Triage], frozenset[str]]:
    """A language's reassuring and stop words, and their everyday look-alikes."""
    said = phrases(language)
    groups = {Triage.REASSURE: said.reassuring, Triage.STOP: said.stop_words}
    return Lexicon.of(groups), plain_words_for(groups.values())


@dataclass(frozen=True, slots=True)
class Reading:
    """A text's class, and the pain it gave (0-10) and where, when it said."""

    triage: Triage
    pain: int | None = None
    site: BodyPart | None = None


def triage(text: str, language: str = ENGLISH) -> Reading:
    """The class of any text (never raises): the strictest sign it shows, in context,
    read in the runner's language (and English)."""
    clauses = clauses_of(prepare(text), language)
    found: set[Triage] = {
        Triage.REASSURE if mild else _CLASS_OF_FLAG[flag]
        for flag, mild in signs_in_clauses(clauses, language)
    }
    for clause in clauses:
        found |= _words_in(clause, language)
    reply = parse_log_reply(text, Units.KM, language)
    pain_classes = {kind for clause in clauses for kind in _pain_classes(clause, language)}
    if pain_classes and reply.pain is not None:
        found.add(after_pain(reply.pain))
    else:
        found |= pain_classes
    kind = next((kind for kind in _ORDER if kind in found), Triage.NOTE)
    return Reading(kind, reply.pain if pain_classes else None, reply.pain_site)


def warning_after_session(
    notes: str, red_flag: bool, pain: int | None, language: str = ENGLISH
) -> Triage | None:
    """The class of a finished session's warning sign (its notes read again), None without
    one: pain above 5 on its own is a joint warning, not an emergency."""
    if not red_flag:
        return Triage.JOINT if pain is not None and after_pain(pain) is Triage.JOINT else None
    kind = triage(notes, language).triage
    return kind if kind in (Triage.CARDIAC, Triage.FALL, Triage.UNCLEAR) else Triage.JOINT


def after_pain(pain: int) -> Triage:
    """The class once the runner said how bad (0-10): above 5 stops like a joint sign."""
    return Triage.JOINT if pain > ACCEPTABLE_PAIN_MAX else Triage.BEARABLE_PAIN


def _pain_classes(clause: Clause, language: str) -> set[Triage]:
    """For each pain or body part named (and not denied): PAIN when it hurts or is a sore
    joint ("my knee hurts", "sore knee"), REASSURE for a sore muscle ("calves sore")."""
    classes: set[Triage] = set()
    for mention in mentions_in(clause, quantities_in(clause), language):
        if mention.field is not Field.PAIN or mention.painless:
            continue
        hurts = any(token.key in HURTING for token in mention.tokens)
        joint = mention.site is not None and mention.site not in _MUSCLES
        classes.add(Triage.PAIN if hurts or joint else Triage.REASSURE)
    return classes


def _words_in(clause: Clause, language: str) -> set[Triage]:
    """Reassuring words and stop words, not denied ("not tired", "don't stop")."""
    keys = word_keys(clause)
    lexicon, plain = _words(language)
    return {
        match.value
        for match in lexicon_matches(lexicon, matchable(keys, plain))
        if negator_before(keys, match.start) is None
    }
