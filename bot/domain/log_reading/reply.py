"""Reading a free-text session log: "7/10, knee a bit sore 2, avg hr 148, 1.2 km, windy".

How numbers are placed:
- A number after a label ("effort 6", "rpe 5", "pain 0", "knee 3", "hr148", "distance 2")
  or before one ("7 effort", "148 bpm") belongs to it, inside one clause (clauses end at
  , . ; ! ? and line breaks). "no pain", "pain free", "didn't hurt" are pain 0.
- A unit decides by itself: km, mi, m (metres), bpm. A distance without a unit is read in
  the runner's units only after a label ("distance 1.2"); a bare "1.2" is not a distance.
- "/10", "out of 10", "of 10" make a 0-10 score; without a label the first one is effort.
- Numbers with neither label nor unit ("7", "seven", "7 2") are placed by position:
  effort first, then pain (whichever is still missing). Spelled numbers count only when
  they stand alone ("seven", "felt like a seven"), so "good one" stays words.
- "20 min", "3 laps", "7:30", "18th" are kept in the notes, not read as effort or pain.

When the reply needs a confirmation (`ambiguous`, with every reason in `doubts`):
- GUESSED_ORDER: two or more numbers placed by position, or one placed as pain ("7 2",
  "effort 7, 2"). A single bare number 0-10 is effort and needs no confirmation.
- RANGE: "6-7", "6 or 7" - the higher number is kept (the cautious reading).
- ROUNDED: "7.5/10" is kept as 8.
- OUT_OF_RANGE: a labelled number outside its scale ("effort 12", "hr 14", "distance
  900") is left out, never stored; effort and pain are 0-10, heart rate 30-230 bpm,
  distance at most 50 km.
- UNPLACED_NUMBER: a number nothing explains ("148" with no "hr", a bare "1.2", a third
  bare number) is left in the notes.
- CONFLICT: two different values for one thing ("pain 2 ... pain 4"): the higher effort
  or pain is kept (the cautious reading), the first heart rate or distance.
Pain named at two places ("knee 3, hip 2") is not a conflict: the higher is kept with its
place, the other stays in the notes. Check `usable` before `ambiguous`: a reply with
nothing usable gets a re-prompt, not a confirmation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.mentions import bind, mentions_in, neighbour_site
from bot.domain.log_reading.notes import leftover_notes
from bot.domain.log_reading.quantities import Amount, Quantity, quantities_in
from bot.domain.log_reading.red_flags import red_flags_in_clauses
from bot.domain.log_reading.scales import plausible
from bot.domain.log_reading.signs import BodyPart, RedFlag
from bot.domain.log_reading.tokens import Clause, Token, clauses_of, only_fillers, prepare
from bot.domain.log_reading.vocabulary import Field
from bot.domain.log_reading.wordbook import DISTANCE_UNITS, REVERSE_WORDS
from bot.domain.profile import Units
from bot.domain.session_logs import SCALE_MAX


class Doubt(StrEnum):
    """Why a reply needs a confirmation before it is stored (see the module docstring)."""

    GUESSED_ORDER = "guessed_order"
    RANGE = "range"
    ROUNDED = "rounded"
    OUT_OF_RANGE = "out_of_range"
    UNPLACED_NUMBER = "unplaced_number"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class LogReply:
    """What a reply said. `pain_site` is None when pain is 0; `notes` are the runner's
    leftover words ("windy"), without the parts that were read as numbers.
    """

    effort: int | None = None
    pain: int | None = None
    pain_site: BodyPart | None = None
    heart_rate: int | None = None
    distance_km: float | None = None
    notes: str = ""
    red_flags: frozenset[RedFlag] = frozenset()
    doubts: frozenset[Doubt] = frozenset()

    @property
    def ambiguous(self) -> bool:
        """True when something was guessed or left out: confirm before storing."""
        return bool(self.doubts)

    @property
    def usable(self) -> bool:
        """False when nothing at all was found: no value, no warning sign, no words."""
        values = (self.effort, self.pain, self.pain_site, self.heart_rate, self.distance_km)
        has_words = any(character.isalpha() for character in self.notes)
        return any(value is not None for value in values) or bool(self.red_flags) or has_words


@dataclass(frozen=True, slots=True)
class ReadReply:
    """A reply as read, with the reverse minutes that /log needs (always None otherwise)."""

    reply: LogReply
    minutes: float | None = None
    minutes_unclear: bool = False


@dataclass(frozen=True, slots=True)
class _Reading:
    """One value found, before it is checked against its scale."""

    field: Field
    value: float
    tokens: tuple[Token, ...]
    site: BodyPart | None = None
    ranged: bool = False


@dataclass
class _Found:
    """Everything gathered clause by clause."""

    readings: list[_Reading] = field(default_factory=list)
    loose: list[Quantity] = field(default_factory=list)
    durations: list[tuple[Quantity, bool]] = field(default_factory=list)
    sore_sites: list[BodyPart] = field(default_factory=list)
    doubts: set[Doubt] = field(default_factory=set)


def _read_clause(clause: Clause, units: Units, manual: bool, found: _Found, language: str) -> None:
    quantities = quantities_in(clause, m_is_minutes=manual)
    mentions = mentions_in(clause, quantities, language)
    bound = bind(clause, mentions, quantities)
    for index, mention in enumerate(mentions):
        if index in bound:
            quantity = quantities[bound[index]]
            value = quantity.value
            if mention.field is Field.DISTANCE and quantity.amount is Amount.PLAIN:
                value *= DISTANCE_UNITS[units.value]
            tokens = mention.tokens + quantity.tokens
            site = mention.site
            if mention.field is Field.PAIN and site is None:
                beside = neighbour_site(clause, mentions, quantities, bound, index)
                if beside is not None:
                    site, tokens = beside.site, tokens + beside.tokens
            found.readings.append(_Reading(mention.field, value, tokens, site, quantity.ranged))
        elif mention.painless:
            found.readings.append(_Reading(Field.PAIN, 0, mention.tokens, mention.site))
        elif mention.names_pain and mention.site is not None:
            found.sore_sites.append(mention.site)
    reverse_named = any(token.key in REVERSE_WORDS for token in clause)
    own_field = {Amount.HEART_RATE: Field.HEART_RATE, Amount.DISTANCE: Field.DISTANCE}
    for index, quantity in enumerate(quantities):
        if index in bound.values():
            continue
        if quantity.amount in own_field:
            found.readings.append(
                _Reading(own_field[quantity.amount], quantity.value, quantity.tokens)
            )
        elif quantity.amount is Amount.DURATION:
            found.durations.append((quantity, reverse_named))
        elif quantity.amount is Amount.SCORE or (
            # A spelled number counts only alone: "felt like a seven", not "good one".
            quantity.amount is Amount.PLAIN
            and (
                not quantity.spelled
                or only_fillers(clause[: quantity.first] + clause[quantity.last :])
            )
        ):
            found.loose.append(quantity)


def _is_score(quantity: Quantity) -> bool:
    """A number that can be effort or pain by position: "7/10", or a whole number 0-10."""
    whole = quantity.value == int(quantity.value)
    return quantity.amount is Amount.SCORE or (whole and 0 <= quantity.value <= SCALE_MAX)


def _checked(reading: _Reading, doubts: set[Doubt]) -> _Reading | None:
    """The reading with its value rounded for its scale, or None when out of range."""
    if not plausible(reading.field, reading.value):
        doubts.add(Doubt.OUT_OF_RANGE)
        return None
    if reading.ranged:
        doubts.add(Doubt.RANGE)
    if reading.field is Field.DISTANCE:
        value = round(reading.value, 3)
    else:
        value = int(reading.value + 0.5)
        if reading.field is not Field.HEART_RATE and value != reading.value:
            doubts.add(Doubt.ROUNDED)
    return _Reading(reading.field, value, reading.tokens, reading.site, reading.ranged)


def _place_loose(found: _Found, kept: Sequence[_Reading], manual: bool) -> list[_Reading]:
    """Numbers without label or unit, as effort then pain (whichever is still missing)."""
    missing = [
        wanted
        for wanted in (Field.EFFORT, Field.PAIN)
        if not any(reading.field is wanted for reading in kept)
    ]
    placed: list[_Reading] = []
    for quantity in found.loose:
        if missing and _is_score(quantity):
            placed.append(
                _Reading(missing.pop(0), quantity.value, quantity.tokens, ranged=quantity.ranged)
            )
        else:
            found.doubts.add(Doubt.UNPLACED_NUMBER)
    guessed = len(placed) > 1 or any(reading.field is Field.PAIN for reading in placed)
    if guessed and not manual:
        found.doubts.add(Doubt.GUESSED_ORDER)
    return placed


def _winner(readings: Sequence[_Reading], wanted: Field, doubts: set[Doubt]) -> _Reading | None:
    """The reading kept for a field: the highest effort or pain, the first of the others."""
    candidates = [reading for reading in readings if reading.field is wanted]
    if not candidates:
        return None
    if wanted is Field.PAIN:
        by_site: dict[BodyPart | None, set[float]] = {}
        for reading in candidates:
            by_site.setdefault(reading.site, set()).add(reading.value)
        if any(len(values) > 1 for values in by_site.values()):
            doubts.add(Doubt.CONFLICT)
    elif len({reading.value for reading in candidates}) > 1:
        doubts.add(Doubt.CONFLICT)
    if wanted in (Field.EFFORT, Field.PAIN):
        return max(candidates, key=lambda reading: (reading.value, reading.site is not None))
    return candidates[0]


def _minutes(found: _Found) -> tuple[Quantity | None, bool]:
    """The reverse minutes of a /log: the one duration, the one marked as reverse, or
    else the first plain number; the flag says several durations left it unclear.
    """
    durations = [quantity for quantity, _ in found.durations]
    if len(durations) > 1:
        durations = [quantity for quantity, reverse in found.durations if reverse]
        if len(durations) != 1:
            return None, True
    if durations:
        return durations[0], False
    plain = [quantity for quantity in found.loose if quantity.amount is Amount.PLAIN]
    if plain:
        found.loose.remove(plain[0])
        return plain[0], False
    return None, False


def read_reply(
    text: str, units: Units, *, manual: bool = False, language: str = ENGLISH
) -> ReadReply:
    """Read a reply; `manual` is /log, where "12m" is minutes and the order is documented."""
    prepared = prepare(text)
    clauses = clauses_of(prepared, language)
    found = _Found()
    for clause in clauses:
        _read_clause(clause, units, manual, found, language)
    minutes, minutes_unclear = _minutes(found) if manual else (None, False)
    kept = [checked for reading in found.readings if (checked := _checked(reading, found.doubts))]
    placed = _place_loose(found, kept, manual)
    kept += [checked for reading in placed if (checked := _checked(reading, found.doubts))]
    winners = {wanted: _winner(kept, wanted, found.doubts) for wanted in Field}
    used = {token for winner in winners.values() if winner for token in winner.tokens}
    if minutes is not None:
        used.update(minutes.tokens)
    pain = winners[Field.PAIN]
    # A sore place named apart from the number ("calf was sore, 2") is where the pain is.
    site = (pain.site if pain else None) or (found.sore_sites[0] if found.sore_sites else None)

    def whole(wanted: Field) -> int | None:
        winner = winners[wanted]
        return None if winner is None else int(winner.value)

    distance = winners[Field.DISTANCE]
    reply = LogReply(
        effort=whole(Field.EFFORT),
        pain=whole(Field.PAIN),
        pain_site=None if pain is not None and pain.value == 0 else site,
        heart_rate=whole(Field.HEART_RATE),
        distance_km=None if distance is None else distance.value,
        notes=leftover_notes(prepared, clauses, used),
        red_flags=red_flags_in_clauses(clauses, language),
        doubts=frozenset(found.doubts),
    )
    return ReadReply(reply, None if minutes is None else minutes.value, minutes_unclear)


def parse_log_reply(text: str, units: Units, language: str = ENGLISH) -> LogReply:
    """Read a free-text session log in the runner's language (a code: "en", "es", "ru");
    never raises (see the module docstring for the rules)."""
    return read_reply(text, units, language=language).reply
