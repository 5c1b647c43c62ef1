"""What parsing a runner's answer gives back: a value (maybe with notices) or a rejection.

Parsers never raise: a handler pattern-matches on `Accepted` / `Rejected` and, on a
rejection, re-prompts with the text for its reason key (see `prompts.rejection_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeAlias, TypeVar

T = TypeVar("T")

# Values substituted into a text's {placeholders}; a tuple of pairs keeps results hashable.
Params: TypeAlias = tuple[tuple[str, str], ...]


class Reason(StrEnum):
    """Why an answer was not accepted; each has a re-prompt text in bot.texts.onboarding."""

    EMPTY = "empty"
    NOT_UNDERSTOOD = "not_understood"
    PICK_ONE = "pick_one"
    NEED_NUMBER = "need_number"
    ONE_NUMBER = "one_number"
    AGE_NOT_POSITIVE = "age_not_positive"
    AGE_TOO_YOUNG = "age_too_young"
    AGE_TOO_HIGH = "age_too_high"
    AGE_LOOKS_LIKE_YEAR = "age_looks_like_year"
    DISTANCE_OUT_OF_RANGE = "distance_out_of_range"
    SESSIONS_TOO_FEW = "sessions_too_few"
    SESSIONS_TOO_MANY = "sessions_too_many"
    UNSAFE_PLACE_TRAFFIC = "unsafe_place_traffic"
    UNSAFE_PLACE_TERRAIN = "unsafe_place_terrain"
    WEEKDAYS_TOO_FEW = "weekdays_too_few"
    TIME_NOT_UNDERSTOOD = "time_not_understood"
    TIME_IMPOSSIBLE = "time_impossible"
    ZONE_NOT_FOUND = "zone_not_found"
    ZONE_AMBIGUOUS = "zone_ambiguous"
    LOCATION_NOT_PLACED = "location_not_placed"
    YES_OR_NO = "yes_or_no"
    ACK_NEEDED = "ack_needed"


class Note(StrEnum):
    """Something worth telling the runner about an accepted answer."""

    MILES_CONVERTED = "miles_converted"
    DAYS_PICKED = "days_picked"
    BACK_TO_BACK_DAYS = "back_to_back_days"
    DARK_HOURS = "dark_hours"
    FIXED_OFFSET_ZONE = "fixed_offset_zone"
    UNSURE_COUNTS_AS_YES = "unsure_counts_as_yes"


@dataclass(frozen=True, slots=True)
class Notice:
    """A note with the values its text needs."""

    note: Note
    params: Params = ()


@dataclass(frozen=True, slots=True)
class Accepted(Generic[T]):
    """The answer was understood as `value`."""

    value: T
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """The answer was not accepted; `options` are canonical answers to offer instead."""

    reason: Reason
    params: Params = ()
    options: tuple[str, ...] = ()


ParseResult: TypeAlias = Accepted[T] | Rejected
